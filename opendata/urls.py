"""Public open-data URLs, mounted inside the language prefix (/en/data/...)."""

from django.urls import path

from opendata import views

urlpatterns = [
    path("data/api/", views.api_docs, name="api_docs"),
]
