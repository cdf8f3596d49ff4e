from django.urls import path

from quartier.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("neu/", views.article_create, name="create"),
    path("vorschau/", views.article_preview, name="preview"),
    path("meine/", views.my_articles, name="mine"),
    path("pruefung/", views.review_queue, name="review"),
    path("checklisten/", views.my_runs, name="runs"),
    path("checklisten/<int:pk>/", views.run_detail, name="run"),
    path("checklisten/<int:pk>/punkte/<int:item_id>/", views.run_tick, name="run_tick"),
    path("checklisten/<int:pk>/checkliste.pdf", views.run_download, name="run_pdf"),
    path("<slug:slug>/", views.article_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.article_edit, name="edit"),
    path("<slug:slug>/status/", views.article_step, name="step"),
    path("<slug:slug>/loeschen/", views.article_delete, name="delete"),
    path("<slug:slug>/versionen/", views.article_versions, name="versions"),
    path("<slug:slug>/checkliste-starten/", views.run_start, name="run_start"),
]
