from django.urls import path

from quartier.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("<slug:slug>/lage/", views.dashboard, name="neighbourhood"),
]
