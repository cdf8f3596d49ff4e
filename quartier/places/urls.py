from django.urls import path, re_path

from quartier.places import views

app_name = "places"
urlpatterns = [
    path("", views.place_list, name="list"),
    path("neu/", views.place_create, name="create"),
    path("<int:pk>/", views.place_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.place_edit, name="edit"),
    path("<int:pk>/fotos/", views.photo_add, name="photo_add"),
    path("fotos/<int:photo_id>/loeschen/", views.photo_delete, name="photo_delete"),
    path("gesuche/", views.request_list, name="request_list"),
    path("leerstand/", views.vacancy_register, name="vacancies"),
    re_path(
        r"^leerstand/export\.(?P<fmt>csv|xlsx|json|geojson)$",
        views.vacancy_export,
        name="vacancy_export",
    ),
    path("zuordnung/", views.assignment_start, name="assignment_start"),
    path("zuordnung/<uuid:progress_id>/", views.assignment_review, name="assignment_review"),
    path("gesuche/neu/", views.request_create, name="request_create"),
    path("gesuche/<int:pk>/", views.request_detail, name="request_detail"),
    path("gesuche/<int:pk>/bearbeiten/", views.request_edit, name="request_edit"),
    path("gesuche/<int:pk>/anfragen/<int:place_pk>/", views.match_propose, name="match_propose"),
    path("vermittlungen/<int:pk>/", views.match_detail, name="match_detail"),
    path("vermittlungen/<int:pk>/vereinbarung.pdf", views.agreement_download, name="agreement_pdf"),
    path("vermittlungen/<int:pk>/<slug:action>/", views.match_advance, name="match_advance"),
]
