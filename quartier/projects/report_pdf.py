"""An impact report as a PDF (ReportLab): the SRS sections per project and, per indicator, a
chart of the value over time against the target with the same figures as a table."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, translation
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from quartier.projects.library import AUDIENCES
from quartier.projects.reports import Report, Strength, combined_indicators, strongest_results
from quartier.projects.selectors import IndicatorView

SECTION_TITLES = {
    "problem": "Problem",
    "approach": "Lösungsansatz",
    "inputs": "Input",
    "outputs": "Output",
    "outcomes": "Outcome",
    "outlook": "Ausblick",
}


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return formats.number_format(value.normalize(), use_l10n=True, force_grouping=True)


def _chart(view: IndicatorView) -> Drawing:
    width, height, left, bottom = 15 * cm, 4 * cm, 1.2 * cm, 0.6 * cm
    drawing = Drawing(width, height)
    points = view.chart_points
    top = max([float(v) for _, a, t in points for v in (a, t) if v is not None] or [1.0]) or 1.0
    plot_w, plot_h = width - left, height - bottom - 0.2 * cm
    step = plot_w / max(len(points), 1)
    drawing.add(Line(left, bottom, width, bottom, strokeColor=colors.grey))
    drawing.add(String(0, bottom + plot_h - 8, _fmt(Decimal(str(top))), fontSize=7))
    target_line = []
    for index, (label, reached, target) in enumerate(points):
        x = left + index * step
        if reached is not None:
            h = float(reached) / top * plot_h
            drawing.add(
                Rect(
                    x + step * 0.2,
                    bottom,
                    step * 0.6,
                    h,
                    fillColor=colors.HexColor("#1d5d90"),
                    strokeColor=None,
                )
            )
        if target is not None:
            target_line.extend([x + step / 2, bottom + float(target) / top * plot_h])
        if len(points) <= 12 or index % 3 == 0:
            drawing.add(String(x + step / 2, 1, label, fontSize=6, textAnchor="middle"))
    if len(target_line) >= 4:
        drawing.add(
            PolyLine(
                target_line,
                strokeColor=colors.HexColor("#b3261e"),
                strokeWidth=1.5,
                strokeDashArray=[4, 3],
            )
        )
    elif target_line:
        drawing.add(
            Line(
                target_line[0] - step / 3,
                target_line[1],
                target_line[0] + step / 3,
                target_line[1],
                strokeColor=colors.HexColor("#b3261e"),
                strokeWidth=1.5,
            )
        )
    return drawing


def _indicator_block(view: IndicatorView, body: object) -> list:
    indicator = view.indicator
    unit = f" ({indicator.unit})" if indicator.unit else ""
    rows = [["Zeitraum", "Wert", "Erreicht", "Ziel"]] + [
        [p.label, _fmt(p.value), _fmt(p.achieved), _fmt(p.target)] for p in view.series
    ]
    block: list = [_p(f"{indicator.title}{unit}", body)]
    if view.series:
        block += [_chart(view), Table(rows, repeatRows=1, hAlign="LEFT", colWidths=[3 * cm] * 4)]
    else:
        block.append(_p("Noch keine Werte.", body))
    return [KeepTogether(block), Spacer(1, 0.3 * cm)]


def report_pdf(
    report: Report,
    strengths: list[Strength] | None = None,
    audience: str = "",
    combined: list[IndicatorView] | None = None,
) -> bytes:
    """One project: a chart and a table per indicator. Many projects (`combined` given): a
    chart per indicator added up across the projects, and a compact table per project."""
    styles = getSampleStyleSheet()
    h1, h2, h3, body = styles["Title"], styles["Heading2"], styles["Heading3"], styles["BodyText"]
    buffer = io.BytesIO()
    with translation.override("de"):
        story: list = [
            _p(f"Wirkungsbericht: {report.title}", h1),
            _p(
                "Aufbau nach dem Social Reporting Standard. Stand: "
                + formats.date_format(report.generated_on, "d.m.Y"),
                body,
            ),
        ]
        if strengths is not None:
            story.append(_p(f"Argumentationskarte für: {audience}", h2))
            for s in strengths:
                point = s.view.latest
                story.append(
                    _p(
                        f"{s.project.title} – {s.view.indicator.title}: "
                        f"{_fmt(point.achieved if point else None)} {s.view.indicator.unit} "
                        f"({round(s.share * 100)} % des Ziels)",
                        body,
                    )
                )
        if combined:
            story.append(_p("Indikatoren über alle Projekte", h2))
            for view in combined:
                story += _indicator_block(view, body)
        for part in report.projects:
            project = part.project
            story.append(_p(project.title, h2))
            story.append(_p(f"Phase: {project.get_phase_display()}", body))
            for name, title in SECTION_TITLES.items():
                text = getattr(project, name)
                if text:
                    story += [_p(title, h3), _p(text, body)]
            if project.lessons_worked or project.lessons_failed:
                story += [
                    _p("Gelernt", h3),
                    _p(f"Was funktioniert hat: {project.lessons_worked}", body),
                    _p(f"Was nicht funktioniert hat: {project.lessons_failed}", body),
                    _p(f"Was andere wissen sollten: {project.lessons_for_others}", body),
                ]
            if part.indicators:
                story.append(_p("Outcome gegenüber den Zielen", h3))
            if combined is not None and part.indicators:
                rows = [["Indikator", "Zeitraum", "Erreicht", "Ziel"]] + [
                    [
                        _p(view.indicator.title, body),
                        view.latest.label if view.latest else "–",
                        _fmt(view.latest.achieved if view.latest else None),
                        _fmt(view.latest.target if view.latest else None),
                    ]
                    for view in part.indicators
                ]
                story.append(
                    Table(rows, repeatRows=1, hAlign="LEFT", colWidths=[7 * cm] + [3 * cm] * 3)
                )
            elif combined is None:
                for view in part.indicators:
                    story += _indicator_block(view, body)
        SimpleDocTemplate(
            buffer, pagesize=A4, title=f"Wirkungsbericht {report.title}", leftMargin=2 * cm
        ).build(story)
    return buffer.getvalue()


def render_report_pdf(report: Report, audience: str = "") -> bytes:
    """The PDF as the report page shows it: with the argument card for `audience` if named,
    and for an alliance or neighbourhood the indicators added up across the projects."""
    strengths = strongest_results(report, audience) if audience else None
    combined = combined_indicators(report) if report.scope != "project" else None
    return report_pdf(report, strengths, AUDIENCES.get(audience, ""), combined)
