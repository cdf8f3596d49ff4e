from django.urls import path

from quartier.network import tandem_views, views

app_name = "network"
urlpatterns = [
    path("", views.network_page, name="page"),
    path("export.<str:fmt>", views.network_export, name="export"),
    path("vorstellungen/", views.introduction_list, name="introductions"),
    path("vorstellungen/neu/", views.introduction_new, name="introduction_new"),
    path("vorstellungen/<int:pk>/", views.introduction_detail, name="introduction"),
    path("akteure/<slug:slug>/vorstellungen/", views.opt_out, name="opt_out"),
    path("tandems/", tandem_views.tandem_list, name="tandems"),
    path("tandems/vorschlagen/", tandem_views.tandem_propose, name="tandem_propose"),
    path("tandems/angebot/<slug:slug>/", tandem_views.offer_edit, name="offer_edit"),
    path("tandems/anfragen/<int:offer_pk>/", tandem_views.tandem_request, name="tandem_request"),
    path("tandems/<int:pk>/", tandem_views.tandem_detail, name="tandem"),
]
