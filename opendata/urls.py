"""Public open-data URLs, mounted inside the language prefix (/en/data/...)."""

from django.urls import path

from opendata import exports, metadata_views, views

urlpatterns = [
    path("data/", metadata_views.open_data_page, name="open_data"),
    path("data/api/", views.api_docs, name="api_docs"),
    path(
        "data/pairings.<str:extension>",
        exports.pairings_download,
        name="pairings_download",
    ),
]
