from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from quartier.core.home import register


class NeighbourhoodsConfig(AppConfig):
    name = "quartier.neighbourhoods"
    label = "neighbourhoods"
    verbose_name = _("Neighbourhoods")

    def ready(self) -> None:
        from quartier.neighbourhoods.selectors import (  # noqa: PLC0415 – models load first
            neighbourhoods_for_home,
        )

        register("neighbourhoods", neighbourhoods_for_home)
