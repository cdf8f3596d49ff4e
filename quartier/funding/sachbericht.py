"""The Sachbericht (factual report) of a Verwendungsnachweis, drafted from the impact report
of the grant's project: the chain of the Social Reporting Standard (problem, approach, input,
output, outcome, impact, outlook) and every indicator against its target with the latest
approved measurement in the grant period.

The draft is a proposal: the grant page offers it while no Sachbericht is saved (and on
request), the applicant side edits and saves it; the PDF and XLSX show the saved text, or
the draft while none is saved. The indicators come from the projects app's own selectors
(`indicators_of`, `indicator_views`, the same that build its impact report) for the grant's
project: whoever may see the grant may see the figures it is accounted with, even where
the project itself is not public."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from quartier.engines.impact import period_end
from quartier.funding.models import Grant
from quartier.projects.models import Indicator, Measurement
from quartier.projects.selectors import IndicatorView, indicator_views, indicators_of

LEVELS = (
    ("output", "Leistungen (Output)"),
    ("outcome", "Wirkungen bei den Zielgruppen (Outcome)"),
    ("impact", "Gesellschaftliche Wirkung (Impact)"),
)
SECTIONS = (
    ("problem", "Ausgangslage"),
    ("approach", "Vorgehen"),
    ("target_groups", "Zielgruppen"),
    ("inputs", "Eingesetzte Mittel (Input)"),
    ("outputs", "Leistungen (Output)"),
    ("outcomes", "Wirkungen bei den Zielgruppen (Outcome)"),
    ("impact", "Gesellschaftliche Wirkung (Impact)"),
)


def number(value: Decimal) -> str:
    """German: 1.234 or 1.234,5 (no trailing zeros)."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's latest approved state within the grant period."""

    indicator: Indicator
    achieved: Decimal | None
    target: Decimal | None
    period: str  # the label of the measured period ("03/2027", "Q1/2027", "2027"); "" if none
    narrative: str  # a qualitative indicator's latest approved narrative

    @property
    def line(self) -> str:
        indicator = self.indicator
        unit = f" {indicator.unit}" if indicator.unit else ""
        if self.achieved is not None:
            text = f"{indicator.title}: {number(self.achieved)}{unit}"
            if self.target is not None:
                text += f" (Ziel: {number(self.target)}{unit})"
            return f"{text} – Stand {self.period}"
        if self.narrative:
            return f"{indicator.title}: {self.narrative} – Stand {self.period}"
        target = f" (Ziel: {number(self.target)}{unit})" if self.target is not None else ""
        return f"{indicator.title}{target}: keine bestätigte Messung im Bewilligungszeitraum"


def _in_period(start: date, indicator: Indicator, first: date | None, last: date | None) -> bool:
    if last is not None and start > last:
        return False
    return first is None or period_end(start, indicator.period) >= first


def _result(view: IndicatorView, first: date | None, last: date | None) -> IndicatorResult:
    indicator = view.indicator
    inside = [p for p in view.series if _in_period(p.start, indicator, first, last)]
    reached = [p for p in inside if p.achieved is not None]
    targets = [p.target for p in inside if p.target is not None]
    if reached:
        point = reached[-1]
        target = point.target if point.target is not None else (targets[-1] if targets else None)
        return IndicatorResult(indicator, point.achieved, target, point.label, "")
    told = [
        m
        for m in indicator.measurements.all()  # prefetched, ordered by period
        if m.status == Measurement.Status.APPROVED
        and m.narrative.strip()
        and _in_period(m.period_start, indicator, first, last)
    ]
    if told:
        label = next((p.label for p in view.series if p.start == told[-1].period_start), "")
        label = label or f"{told[-1].period_start:%m/%Y}"
        return IndicatorResult(indicator, None, None, label, told[-1].narrative.strip())
    return IndicatorResult(indicator, None, targets[-1] if targets else None, "", "")


def indicator_results(grant: Grant) -> list[IndicatorResult]:
    """Every indicator of the grant's project (a fixed number of queries)."""
    views = indicator_views(list(indicators_of([grant.project])))
    return [_result(view, grant.period_start, grant.period_end) for view in views]


def draft_report_text(grant: Grant) -> str:
    project = grant.project
    if grant.period_start and grant.period_end:
        period = (
            f"Bewilligungszeitraum {grant.period_start:%d.%m.%Y} bis {grant.period_end:%d.%m.%Y}"
        )
    else:
        period = "bisheriger Stand"
    parts = [f"Sachbericht zum Projekt „{project.title}“ ({period})"]
    for field, label in SECTIONS:
        text = (getattr(project, field, "") or "").strip()
        if text:
            parts.append(f"{label}:\n{text}")
    results = indicator_results(grant)
    if results:
        lines = ["Indikatoren und Ziele (bestätigte Messungen im Bewilligungszeitraum):"]
        for level, label in LEVELS:
            chosen = [r for r in results if r.indicator.level == level]
            if chosen:
                lines.append(label)
                lines += [f"- {r.line}" for r in chosen]
        parts.append("\n".join(lines))
    else:
        parts.append("Für das Projekt sind noch keine Wirkungsindikatoren erfasst.")
    outlook = (project.outlook or "").strip()
    if outlook:
        parts.append(f"Ausblick:\n{outlook}")
    return "\n\n".join(parts)


def sachbericht_of(grant: Grant) -> str:
    """The saved Sachbericht, or the draft from the impact report while none is saved."""
    return grant.report_text.strip() or draft_report_text(grant)
