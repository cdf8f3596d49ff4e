from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "quartier.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from quartier.places import receivers  # noqa: F401, PLC0415 – connects the receivers
