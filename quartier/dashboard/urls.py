from django.urls import path

from quartier.dashboard import town_views, views

app_name = "dashboard"
urlpatterns = [
    path("quartiere/<slug:slug>/lage/", views.dashboard, name="neighbourhood"),
    path("quartiere/<slug:slug>/lage/anmerkungen/", views.annotate, name="annotate"),
    path("lage/anmerkungen/<int:pk>/", views.moderate, name="moderate"),
    path("lage/", town_views.overview, name="overview"),
    path("lage/vergleich/", town_views.comparison, name="comparison"),
]
