from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "quartier.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        # /api/v1/checklist-runs: added here until quartier/api/api.py adds it beside
        # /api/v1/articles (the URLs are built after every app is ready).
        from quartier.api.api import api
        from quartier.knowledge.api import checklist_runs_router

        if not any(prefix == "/checklist-runs" for prefix, _router in api._routers):
            api.add_router("/checklist-runs", checklist_runs_router)
