from django.urls import path

from quartier.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("barrierefreiheit/", views.accessibility_statement, name="accessibility"),
    path("uebersicht/", views.my_overview, name="overview"),
    path("aufgaben/<uuid:progress_id>/", views.task_progress, name="task_progress"),
    path("aufgaben/<uuid:progress_id>/erneut/", views.task_retry, name="task_retry"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
]
