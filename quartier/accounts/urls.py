from django.urls import path

from quartier.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/neu/", views.token_created, name="token_created"),
    path("tokens/<int:token_id>/widerrufen/", views.token_revoke, name="token_revoke"),
    path("daten/", views.export_request, name="export_request"),
    path("daten/<uuid:progress_id>/", views.export_download, name="export_download"),
    path("loeschen/", views.delete_account, name="delete"),
]
