"""Background tasks of the projects area: the CSV import of measurements and large
impact-report PDFs."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.accounts.models import User
from quartier.core.progress import fail_progress, finish_progress
from quartier.projects.impact_services import import_measurements_csv
from quartier.projects.models import Project
from quartier.projects.report_services import build_report_pdf_file


@task()
def import_measurements(progress_id: str, project_id: int, user_id: int, text: str) -> None:
    project = Project.objects.filter(pk=project_id).first()
    user = User.objects.filter(pk=user_id).first()
    if project is None or user is None:
        fail_progress(progress_id, _("The project no longer exists."))
        return
    report = import_measurements_csv(project, text, by=user, progress_id=progress_id)
    if report["problems"]:
        fail_progress(progress_id, " ".join(report["problems"])[:2000])
        return
    finish_progress(
        progress_id,
        result=report,
        result_url=reverse("projects:detail", args=[project_id]),
        message=_("%(n)s measurements imported.") % {"n": report["imported"]},
    )


@task()
def build_report_pdf(
    progress_id: str, user_id: int, scope: str, pk: int, audience: str = ""
) -> None:
    """Loads the person and runs `report_services.build_report_pdf_file`."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        fail_progress(progress_id, _("The account no longer exists."))
        return
    try:
        build_report_pdf_file(progress_id, user, scope, pk, audience)
    except Http404:
        fail_progress(progress_id, _("The report is no longer visible to you."))
