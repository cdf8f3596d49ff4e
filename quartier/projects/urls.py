from django.urls import path

from quartier.projects import views

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
    path("<int:pk>/verknuepfungen/", views.project_links, name="links"),
]
