from django.urls import path, re_path

from quartier.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/spalten/", views.mapping, name="mapping"),
    path("<int:pk>/importieren/", views.commit, name="commit"),
    re_path(
        r"^export/akteure\.(?P<fmt>csv|xlsx|json|geojson)$",
        views.export_actors,
        name="export_actors",
    ),
    re_path(
        r"^export/quartiere\.(?P<fmt>csv|xlsx|json|geojson)$",
        views.export_neighbourhoods,
        name="export_neighbourhoods",
    ),
]
