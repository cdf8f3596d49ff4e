from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "quartier.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from quartier.projects import rules  # noqa: F401, PLC0415 – rules are registered once the apps are ready
