"""Impact reports as pages, PDFs and exports (CSV, XLSX, JSON-LD after the Common Impact
Data Standard), per project, alliance and neighbourhood."""

import base64
import csv
import io
import json
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from quartier.accounts.viewer import signed_in, viewer
from quartier.core.selectors import access_progress
from quartier.projects.impact_views import chart_of
from quartier.projects.library import AUDIENCES
from quartier.projects.report_pdf import render_report_pdf
from quartier.projects.report_services import pdf_in_background, start_report_pdf
from quartier.projects.reports import (
    EXPORT_COLUMNS,
    Report,
    build_report,
    cids_jsonld,
    combined_indicators,
    export_rows,
    strongest_results,
)


def _report(request: HttpRequest, scope: str, pk: int) -> Report:
    return build_report(viewer(request), scope, pk)


def _latest_rows(report: Report) -> None:
    """Each project's compact table (indicator, latest period, achieved, target) as text,
    formatted once per distinct number: thousands of rows render in a fraction of the time
    the template's filters take."""
    cache: dict[Decimal, str] = {}

    def number(value: Decimal | None) -> str:
        if value is None:
            return "–"
        text = cache.get(value)
        if text is None:
            text = cache[value] = floatformat(value, "-2g")
        return text

    for part in report.projects:
        rows = []
        for view in part.indicators:
            i, latest = view.indicator, view.latest
            rows.append(
                (
                    f"{i.title} ({i.unit})" if i.unit else i.title,
                    latest.label if latest else "–",
                    number(latest.achieved if latest else None),
                    number(latest.target if latest else None),
                )
            )
        part.rows = rows  # type: ignore[attr-defined]


@require_GET
def report_page(request: HttpRequest, scope: str, pk: int) -> HttpResponse:
    report = _report(request, scope, pk)
    audience = request.GET.get("publikum", "")
    strengths = strongest_results(report, audience) if audience else None
    combined = []
    if scope == "projekt":  # one project: a chart and a table per indicator
        for part in report.projects:
            for view in part.indicators:
                view.chart = chart_of(view, f"chart-{view.indicator.pk}")  # type: ignore[attr-defined]
    else:  # many projects: a chart per indicator added up, a compact table per project
        combined = combined_indicators(report)
        for number, view in enumerate(combined):
            view.chart = chart_of(view, f"chart-all-{number}")  # type: ignore[attr-defined]
        _latest_rows(report)
    return render(
        request,
        "projects/report.html",
        {
            "report": report,
            "scope": scope,
            "pk": pk,
            "audiences": AUDIENCES,
            "audience": audience,
            "audience_label": AUDIENCES.get(audience, ""),
            "strengths": strengths,
            "combined": combined,
            # a large report's PDF is built in the background for those signed in
            "pdf_in_background": request.user.is_authenticated
            and pdf_in_background(len(report.projects)),
        },
    )


@login_required
@require_POST
def report_pdf_start(request: HttpRequest, scope: str, pk: int) -> HttpResponse:
    progress = start_report_pdf(signed_in(request), scope, pk, request.POST.get("publikum", ""))
    return redirect("core:task_progress", progress_id=progress.pk)


@login_required
@require_GET
def report_pdf_result(request: HttpRequest, progress_id: str) -> HttpResponse:
    progress = access_progress(viewer(request), progress_id, done=True)
    if not isinstance(progress.result, dict) or "pdf" not in progress.result:
        raise Http404
    response = HttpResponse(
        base64.b64decode(progress.result["pdf"]), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{progress.result["filename"]}"'
    return response


@require_GET
def report_download(request: HttpRequest, scope: str, pk: int, fmt: str) -> HttpResponse:
    report = _report(request, scope, pk)
    name = f"wirkung-{scope}-{pk}"
    if fmt == "pdf":
        response = HttpResponse(
            render_report_pdf(report, request.GET.get("publikum", "")),
            content_type="application/pdf",
        )
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(export_rows(report))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv")
    elif fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Wirkung")
        sheet.append(EXPORT_COLUMNS)
        for row in export_rows(report):
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "jsonld":
        data = cids_jsonld(report, request.build_absolute_uri("/").rstrip("/"))
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1), content_type="application/ld+json"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
