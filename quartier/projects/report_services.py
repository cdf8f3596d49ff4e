"""Large impact-report PDFs as background work: `start_report_pdf` records the progress and
queues the task, `build_report_pdf_file` (run by the task) builds the PDF with the asking
person's permissions and leaves it on the progress record for download.

Threshold: a report of up to PDF_IN_BACKGROUND_FROM projects is built while the person
waits (a project or a small alliance: well under a second); a larger one – a neighbourhood
with 200 projects takes one to two seconds of CPU and more on a busy server – is offered as
background work with a progress bar, so no request holds a worker for long."""

import base64

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.accounts.models import User
from quartier.core.models import TaskProgress
from quartier.core.progress import finish_progress, report_progress, start_progress
from quartier.core.ratelimits import check_background_start
from quartier.core.tasking import enqueue_with_progress
from quartier.projects.library import AUDIENCES
from quartier.projects.report_pdf import render_report_pdf
from quartier.projects.reports import build_report

PDF_IN_BACKGROUND_FROM = 25  # projects in a report


def pdf_in_background(project_count: int) -> bool:
    return project_count > PDF_IN_BACKGROUND_FROM


def start_report_pdf(user: User, scope: str, pk: int, audience: str = "") -> TaskProgress:
    """Checks that the person may see the report (404 otherwise), records the progress and
    queues the PDF; the database backend writes the task in this transaction."""
    from quartier.projects.tasks import build_report_pdf  # noqa: PLC0415 – the task module imports this one

    if audience and audience not in AUDIENCES:
        raise Http404
    report = build_report(user, scope, pk)
    check_background_start(user)
    progress = start_progress(user, _("Impact report PDF: %(title)s") % {"title": report.title}, 2)
    enqueue_with_progress(
        progress, build_report_pdf, str(progress.pk), user.pk, scope, pk, audience
    )
    return progress


def build_report_pdf_file(progress_id: str, user: User, scope: str, pk: int, audience: str) -> None:
    """Builds the report as `user` sees it and keeps the PDF on the progress record."""
    report_progress(progress_id, done=0, total=2, message=_("Collecting the figures"))
    report = build_report(user, scope, pk)
    report_progress(progress_id, done=1, total=2, message=_("Drawing the charts and tables"))
    pdf = render_report_pdf(report, audience)
    finish_progress(
        progress_id,
        result={
            "filename": f"wirkung-{scope}-{pk}.pdf",
            "pdf": base64.b64encode(pdf).decode("ascii"),
        },
        result_url=reverse("projects:report_pdf_result", args=[progress_id]),
        message=_("The PDF is ready for download."),
    )
