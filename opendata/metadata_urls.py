"""The open-data metadata, outside the language prefix: one stable address for harvesters."""

from django.urls import path

from opendata import metadata_views

urlpatterns = [
    path("data/datapackage.json", metadata_views.datapackage, name="datapackage"),
    path("data/catalogue.jsonld", metadata_views.dcat_catalogue, name="dcat_catalogue"),
]
