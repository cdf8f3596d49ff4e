from django.urls import path

from quartier.core import views
from quartier.core.navigation import AREAS

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("barrierefreiheit/", views.accessibility_statement, name="accessibility"),
    path("aufgaben/<uuid:progress_id>/", views.task_progress, name="task_progress"),
    path("aufgaben/<uuid:progress_id>/erneut/", views.task_retry, name="task_retry"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
    # Areas that are not built yet answer with a page that says so.
    *[
        path(f"{area.path}/", views.area_not_built, {"key": area.key}, name=f"area_{area.key}")
        for area in AREAS
        if area.url_name is None
    ],
]
