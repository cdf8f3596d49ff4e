from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    name = "quartier.alliances"
    label = "alliances"
    verbose_name = _("Alliances")

    def ready(self) -> None:
        from quartier.alliances import rules  # noqa: F401, PLC0415 – rules register once the apps are loaded
