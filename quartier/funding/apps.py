from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "quartier.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from quartier.funding import rules  # noqa: F401, PLC0415 – rules are registered once the apps are ready
