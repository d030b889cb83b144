"""Public URLs of reference data, mounted inside the language prefix (/en/places/...)."""

from django.urls import path

from partners import views

urlpatterns = [
    path("places/<str:country>/<slug:slug>/", views.place_detail, name="place_detail"),
]
