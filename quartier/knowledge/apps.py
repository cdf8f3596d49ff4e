from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from quartier.core.home import register


class KnowledgeConfig(AppConfig):
    name = "quartier.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from quartier.knowledge.selectors import latest_examples  # noqa: PLC0415 – models load first

        register("examples", latest_examples)
