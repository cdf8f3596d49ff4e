"""Import: upload → assign columns → preview and check → import in the background.
Export: the actor directory's filters (or all neighbourhoods) as CSV, XLSX, JSON, GeoJSON."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors.forms import DirectoryFilterForm
from quartier.actors.selectors import actors_for_directory
from quartier.imports import exports, services
from quartier.imports.forms import MappingForm, UploadForm
from quartier.imports.models import ImportJob
from quartier.imports.parsing import TableError
from quartier.imports.report import describe
from quartier.imports.selectors import access_import_job
from quartier.neighbourhoods.selectors import neighbourhoods_for_directory

PREVIEW_ROWS = 10
# While the background task reads the file, and when it could not, the job's progress page
# tells how far it is or why.
READING_STATES = (ImportJob.Status.READING, ImportJob.Status.UNREADABLE)
EXPORT_FORMATS = [
    ("csv", "CSV"),
    ("xlsx", "Excel (XLSX)"),
    ("json", "JSON"),
    ("geojson", "GeoJSON"),
]
LIST_COLUMNS = ["id", "owner_id", "kind", "filename", "status", "row_count", "created_at"]


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        user=user,
        initial={"kind": request.GET.get("kind")} if request.GET.get("kind") else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.create_job(user, form.cleaned_data["kind"], form.cleaned_data["file"])
        except TableError as error:
            form.add_error("file", str(error))
        except PermissionDenied:
            form.add_error("kind", _("You may not import this kind of data."))
        else:
            return redirect("imports:mapping", pk=job.pk)
    jobs = ImportJob.objects.filter(owner=user).only(*LIST_COLUMNS)[:20]
    return render(
        request,
        "imports/start.html",
        {
            "form": form,
            "jobs": jobs,
            "may_import_neighbourhoods": services.can_import(user, "neighbourhoods"),
            "export_formats": EXPORT_FORMATS,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_import_job(viewer(request), pk)
    if job.status in READING_STATES:
        return redirect("core:task_progress", progress_id=job.progress_id)
    if job.status not in services.EDITABLE:
        return redirect(job)
    importer = services.IMPORTERS[job.kind]
    form = MappingForm(
        request.POST or None, importer=importer, headers=job.headers, mapping=job.mapping
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.check_job(job, form.mapping(), by=signed_in(request))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, _("The import cannot be changed any more.") + f" {error}")
        return redirect(job)
    return render(
        request,
        "imports/mapping.html",
        {
            "job": job,
            "form": form,
            "sample": job.rows[:3],
            "accepted": [
                (title, [(key, str(label)) for key, label in values])
                for title, values in importer.accepted_values()
            ],
            "accepted_hint": importer.accepted_hint,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview of the first rows, the validation report, and the import button; after the
    import its result."""
    job = access_import_job(viewer(request), pk)
    if job.status in READING_STATES:
        return redirect("core:task_progress", progress_id=job.progress_id)
    if job.status == ImportJob.Status.UPLOADED:
        return redirect("imports:mapping", pk=job.pk)
    importer = services.IMPORTERS[job.kind]
    mapped = [(t, job.mapping[t.name]) for t in importer.targets if t.name in job.mapping]
    preview = [
        (number, [cells[index] for _target, index in mapped])
        for number, cells in zip(
            job.row_numbers[:PREVIEW_ROWS], job.rows[:PREVIEW_ROWS], strict=True
        )
    ]
    report = job.report or {}
    return render(
        request,
        "imports/detail.html",
        {
            "job": job,
            "columns": [(target.label, job.headers[index]) for target, index in mapped],
            "preview": preview,
            "errors": [describe(entry) for entry in report.get("errors", [])],
            "warnings": [describe(entry) for entry in report.get("warnings", [])],
            "error_count": report.get("error_count", 0),
            "warning_count": report.get("warning_count", 0),
            "summary": report.get("summary") or {},
            "editable": job.status in services.EDITABLE,
            "commit_label": commit_label(job),
            "result_message": services.imported_message(job.kind, job.imported_count),
        },
    )


def commit_label(job: ImportJob) -> str:
    count = job.row_count
    if job.kind == "statistics":
        return ngettext("Import %(count)s value", "Import %(count)s values", count) % {
            "count": count
        }
    if job.kind == "places":
        return ngettext("Import %(count)s place", "Import %(count)s places", count) % {
            "count": count
        }
    if job.kind == "neighbourhoods":
        return ngettext(
            "Import %(count)s neighbourhood", "Import %(count)s neighbourhoods", count
        ) % {"count": count}
    return ngettext("Import %(count)s actor", "Import %(count)s actors", count) % {"count": count}


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_import_job(viewer(request), pk, rows=False)
    try:
        progress = services.queue_import(job, by=signed_in(request))
    except (PermissionDenied, ValidationError) as error:
        if isinstance(error, ValidationError):
            messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("You may not import this kind of data."))
        if job.progress_id:
            return redirect("core:task_progress", progress_id=job.progress_id)
        return redirect(job)
    return redirect("core:task_progress", progress_id=progress.pk)


# --- exports ---------------------------------------------------------------------------------


@require_GET
def export_actors(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    filters = DirectoryFilterForm(request.GET).to_filters()
    queryset = exports.actors_for_export(actors_for_directory(filters, viewer(request)))
    return exports.export_response(request, exports.ACTORS, queryset, fmt)


@require_GET
def export_neighbourhoods(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    return exports.export_response(
        request, exports.NEIGHBOURHOODS, neighbourhoods_for_directory(), fmt
    )
