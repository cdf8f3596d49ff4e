from django.urls import path

from quartier.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("<slug:slug>/lage/", views.dashboard, name="neighbourhood"),
    path("<slug:slug>/lage/anmerkungen/", views.annotate, name="annotate"),
    path("lage/anmerkungen/<int:pk>/", views.moderate, name="moderate"),
]
