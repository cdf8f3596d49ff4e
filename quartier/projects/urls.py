from django.urls import path

from quartier.projects import impact_views, report_views, views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("neu/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.project_edit, name="edit"),
    path("<int:pk>/phase/", views.project_phase, name="phase"),
    path("<int:pk>/beenden/", views.project_end, name="end"),
    path("<int:pk>/beteiligte/neu/", views.participant_form, name="participant_add"),
    path(
        "<int:pk>/beteiligte/<int:participant_id>/", views.participant_form, name="participant_edit"
    ),
    path("<int:pk>/nachfolge/", views.project_succession, name="succession"),
    path("<int:pk>/meilensteine/neu/", views.milestone_add, name="milestone_add"),
    path(
        "<int:pk>/meilensteine/<int:milestone_id>/erreicht/",
        views.milestone_reach,
        name="milestone_reach",
    ),
    path(
        "<int:pk>/meilensteine/<int:milestone_id>/entfernen/",
        views.milestone_remove,
        name="milestone_remove",
    ),
    path("<int:pk>/verknuepfungen/", views.project_links, name="links"),
    path("<int:pk>/wirkungsmodell/", impact_views.impact_model, name="impact_model"),
    path("<int:pk>/indikatoren/neu/", impact_views.indicator_add, name="indicator_add"),
    path(
        "<int:pk>/indikatoren/<int:indicator_id>/messwert/",
        impact_views.measurement_enter,
        name="measurement_enter",
    ),
    path(
        "<int:pk>/messwerte/<int:measurement_id>/<str:step>/",
        impact_views.measurement_step,
        name="measurement_step",
    ),
    path("<int:pk>/zeitraum-sperren/", impact_views.period_lock, name="period_lock"),
    path("berichte/<str:scope>/<int:pk>/", report_views.report_page, name="report_page"),
    path(
        "berichte/<str:scope>/<int:pk>/wirkung.<str:fmt>",
        report_views.report_download,
        name="report_download",
    ),
    path(
        "berichte/<str:scope>/<int:pk>/pdf-erstellen/",
        report_views.report_pdf_start,
        name="report_pdf_start",
    ),
    path(
        "berichte/pdf/<uuid:progress_id>/",
        report_views.report_pdf_result,
        name="report_pdf_result",
    ),
    path("<int:pk>/messwerte/import/", impact_views.measurement_import, name="measurement_import"),
]
