"""Search URLs, mounted inside the language prefix (/en/search/, /ms/search/, ...)."""

from django.urls import path

from sitesearch import views

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("search/suggest/", views.suggest_view, name="search_suggest"),
]
