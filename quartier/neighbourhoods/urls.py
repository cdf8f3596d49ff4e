from django.urls import path

from quartier.neighbourhoods import views

app_name = "neighbourhoods"
urlpatterns = [
    path("", views.neighbourhood_list, name="list"),
    path("<slug:slug>/", views.neighbourhood_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.neighbourhood_edit, name="edit"),
]
