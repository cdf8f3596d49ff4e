"""Impact reports as pages, PDFs and exports (CSV, XLSX, JSON-LD after the Common Impact
Data Standard), per project, alliance and neighbourhood."""

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from quartier.accounts.viewer import viewer
from quartier.projects.impact_views import chart_of
from quartier.projects.library import AUDIENCES
from quartier.projects.report_pdf import report_pdf
from quartier.projects.reports import (
    EXPORT_COLUMNS,
    Report,
    alliance_report,
    cids_jsonld,
    combined_indicators,
    export_rows,
    neighbourhood_report,
    project_report,
    strongest_results,
)

BUILDERS: dict[str, Callable[[Any, int], Report]] = {
    "projekt": project_report,
    "allianz": alliance_report,
    "quartier": neighbourhood_report,
}


def _report(request: HttpRequest, scope: str, pk: int) -> Report:
    if scope not in BUILDERS:
        raise Http404
    return BUILDERS[scope](viewer(request), pk)


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
        },
    )


@require_GET
def report_download(request: HttpRequest, scope: str, pk: int, fmt: str) -> HttpResponse:
    report = _report(request, scope, pk)
    name = f"wirkung-{scope}-{pk}"
    if fmt == "pdf":
        audience = request.GET.get("publikum", "")
        strengths = strongest_results(report, audience) if audience else None
        combined = combined_indicators(report) if scope != "projekt" else None
        response = HttpResponse(
            report_pdf(report, strengths, AUDIENCES.get(audience, ""), combined),
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
