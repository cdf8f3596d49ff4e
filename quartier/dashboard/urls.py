from django.urls import path

from quartier.dashboard import opendata_views, town_views, views

app_name = "dashboard"
urlpatterns = [
    path("quartiere/<slug:slug>/lage/", views.dashboard, name="neighbourhood"),
    path("quartiere/<slug:slug>/lage/anmerkungen/", views.annotate, name="annotate"),
    path("quartiere/lage/anmerkungen/<int:pk>/", views.moderate, name="moderate"),
    path("lage/", town_views.overview, name="overview"),
    path("lage/vergleich/", town_views.comparison, name="comparison"),
    path("daten/catalog.jsonld", opendata_views.catalogue, name="catalogue"),
    path("daten/quartiere.csv", opendata_views.neighbourhoods_csv, name="open_neighbourhoods_csv"),
    path("daten/quartiere.geojson", opendata_views.neighbourhoods_geojson, name="open_geojson"),
    path("daten/quartiere.jsonld", opendata_views.neighbourhoods_jsonld, name="open_jsonld"),
    path("daten/kommunen.csv", opendata_views.municipalities_csv, name="open_municipalities_csv"),
    path("daten/statistik.csv", opendata_views.statistics_csv, name="open_statistics_csv"),
]
