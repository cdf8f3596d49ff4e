from django.urls import path

from quartier.alliances import invitation_views, views

app_name = "alliances"
urlpatterns = [
    path("", views.alliance_list, name="list"),
    path("neu/", views.alliance_create, name="create"),
    path("<int:pk>/", views.alliance_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.alliance_edit, name="edit"),
    path("<int:pk>/mitglieder/neu/", views.member_add, name="member_add"),
    path("einladungen/", invitation_views.invitations, name="invitations"),
    path(
        "einladungen/<int:member_id>/<slug:answer>/",
        invitation_views.invitation_answer,
        name="invitation_answer",
    ),
    path("mitglieder/<int:member_id>/", views.member_edit, name="member_edit"),
    path("mitglieder/<int:member_id>/austritt/", views.member_leave, name="member_leave"),
    path("<int:pk>/strategie/", views.strategy, name="strategy"),
    path("<int:pk>/strategie/ziele/neu/", views.goal_form, name="goal_add"),
    path("<int:pk>/strategie/ziele/<int:goal_id>/", views.goal_form, name="goal_edit"),
    path(
        "<int:pk>/strategie/ziele/<int:goal_id>/massnahmen/neu/",
        views.measure_form,
        name="measure_add",
    ),
    path(
        "<int:pk>/strategie/ziele/<int:goal_id>/massnahmen/<int:measure_id>/",
        views.measure_form,
        name="measure_edit",
    ),
    path("<int:pk>/vereinbarungen/neu/", views.agreement_create, name="agreement_create"),
    path("vereinbarungen/<int:pk>/", views.agreement_detail, name="agreement"),
    path("vereinbarungen/<int:pk>/klauseln/", views.agreement_edit, name="agreement_edit"),
    path("vereinbarungen/<int:pk>/parteien/", views.agreement_terms, name="agreement_terms"),
    path("vereinbarungen/<int:pk>/unterschiede/", views.agreement_diff, name="agreement_diff"),
    path(
        "vereinbarungen/<int:pk>/vereinbarung.pdf", views.agreement_download, name="agreement_pdf"
    ),
    path("vereinbarungen/<int:pk>/<slug:action>/", views.agreement_action, name="agreement_action"),
]
