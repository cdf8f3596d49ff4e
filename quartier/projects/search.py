"""Publicly listed projects in the platform search (unlisted ones are not found)."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from quartier.projects.models import Project
from quartier.search.registry import Document, Source, register


def project_document(project: Project) -> Document | None:
    if not project.is_public:
        return None
    with translation.override("de"):  # labels in the index are German, as users type them
        extras = [
            str(project.get_phase_display()),
            *project.get_topics_display(),
            project.lessons_worked,
            project.lessons_failed,
            project.lessons_for_others,
        ]
        return Document(
            "project",
            project.pk,
            project.title,
            project.summary[:300],
            " ".join(e for e in extras if e),
            project.get_absolute_url(),
            project.updated_at,
        )


def _listed() -> Iterable[Project]:
    return Project.objects.filter(is_public=True).iterator()


register(Source("project", _("Projects"), 55, Project, project_document, _listed))
