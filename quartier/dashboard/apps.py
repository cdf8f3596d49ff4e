from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "quartier.dashboard"
    label = "dashboard"
    verbose_name = _("Neighbourhood dashboard")

    def ready(self) -> None:
        from quartier.dashboard import rules  # noqa: F401, PLC0415 – rules register once the apps are loaded
