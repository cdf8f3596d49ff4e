from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "quartier.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # every installed app's search.py registers its sources (see registry.py)
        autodiscover_modules("search")
