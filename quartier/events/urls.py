from django.urls import path

from quartier.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("monat/", views.event_month, name="month"),
    path("neu/", views.event_create, name="create"),
    path("reihen/neu/", views.series_create, name="series_create"),
    path("reihen/<int:pk>/bearbeiten/", views.series_edit, name="series_edit"),
    path("aufgaben/", views.my_tasks, name="tasks"),
    path("aufgaben/<int:pk>/status/", views.action_item_status, name="action_item_status"),
    path("kalender-abonnieren/", views.feeds, name="feeds"),
    path("feeds/quartier/<slug:slug>.ics", views.neighbourhood_feed, name="neighbourhood_feed"),
    path("feeds/allianz/<int:pk>.ics", views.alliance_feed, name="alliance_feed"),
    path(
        "feeds/allianz/<int:pk>/<str:token>.ics",
        views.alliance_feed,
        name="alliance_member_feed",
    ),
    path("feeds/persoenlich/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.event_edit, name="edit"),
    path("<int:pk>/termin.ics", views.event_ics, name="ics"),
    path("<int:pk>/anmelden/", views.register, name="register"),
    path("<int:pk>/abmelden/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/anmeldungen/", views.registrations, name="registrations"),
    path("<int:pk>/protokoll/", views.minutes_edit, name="minutes"),
    path("<int:pk>/protokoll/aufgabe/", views.action_item_add, name="action_item_add"),
]
