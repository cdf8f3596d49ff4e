from django.urls import path

from quartier.actors import views

app_name = "actors"
urlpatterns = [
    path("", views.actor_list, name="list"),
    path("neu/", views.actor_create, name="create"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path(
        "<slug:slug>/einladungen/<int:invitation_id>/zurueckziehen/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("beziehungen/<int:tie_id>/antwort/", views.tie_answer, name="tie_answer"),
    path("beziehungen/<int:tie_id>/loeschen/", views.tie_delete, name="tie_delete"),
    path("<slug:slug>/", views.actor_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.actor_edit, name="edit"),
    path("<slug:slug>/mitglieder/", views.member_add, name="member_add"),
    path(
        "<slug:slug>/mitglieder/<int:membership_id>/entfernen/",
        views.member_remove,
        name="member_remove",
    ),
    path("<slug:slug>/beziehung/", views.tie_propose, name="tie_propose"),
    path("<slug:slug>/ergaenzungen/", views.complement_search, name="complements"),
]
