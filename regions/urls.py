"""Public URLs of the regional app, mounted inside the language prefix (/en/map/...)."""

from django.urls import path

from regions import views

urlpatterns = [
    path("map/pairings.json", views.pairing_map_data, name="pairing_map_data"),
]
