from django.urls import path

from quartier.network import views

app_name = "network"
urlpatterns = [
    path("", views.network_page, name="page"),
    path("export.<str:fmt>", views.network_export, name="export"),
    path("vorstellungen/", views.introduction_list, name="introductions"),
    path("vorstellungen/neu/", views.introduction_new, name="introduction_new"),
    path("vorstellungen/<int:pk>/", views.introduction_detail, name="introduction"),
    path("akteure/<slug:slug>/vorstellungen/", views.opt_out, name="opt_out"),
]
