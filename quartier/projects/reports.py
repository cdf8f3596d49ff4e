"""Impact reports in the structure of the Social Reporting Standard (problem, approach,
inputs, outputs, outcomes against targets, lessons, outlook) for one project, an alliance or
a neighbourhood; the "Argumentationskarte" (three strongest results for an audience); the
impact data as rows (CSV/XLSX) and as JSON-LD after the Common Impact Data Standard.

Reads only: a fixed number of queries however many projects, indicators and periods."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor
from quartier.alliances.selectors import access_alliance
from quartier.engines.impact import add_up, attainment, period_label
from quartier.neighbourhoods.selectors import access_neighbourhood
from quartier.projects.library import AUDIENCES, library_entry
from quartier.projects.models import Indicator, Project
from quartier.projects.selectors import (
    IndicatorView,
    SeriesPoint,
    access_project,
    indicator_view,
    report_indicator_views,
    visible_projects,
)

SRS_SECTIONS = ("problem", "approach", "inputs", "outputs", "outcomes", "outlook")


@dataclass
class ProjectReport:
    project: Project
    indicators: list[IndicatorView]


@dataclass
class Strength:
    project: Project
    view: IndicatorView
    share: float  # how far towards the target (1.0 = reached)


@dataclass
class Report:
    title: str
    scope: str  # project, alliance, neighbourhood
    subject: Any
    projects: list[ProjectReport]
    generated_on: datetime.date = field(default_factory=datetime.date.today)

    @property
    def indicator_count(self) -> int:
        return sum(len(p.indicators) for p in self.projects)


def _report_projects(projects: QuerySet[Project]) -> list[ProjectReport]:
    """The projects with their indicators' series: four queries (projects, their owners for
    the JSON-LD, indicators, and the approved values and targets as plain values)."""
    chosen = list(
        projects.select_related("alliance", "case_report")
        .prefetch_related(Prefetch("owners", queryset=Actor.objects.only("pk", "name")))
        .order_by("title", "pk")
    )
    views = report_indicator_views([p.pk for p in chosen])
    parts = []
    for project in chosen:
        found = views.get(project.pk, [])
        for view in found:
            view.indicator.project = project  # no query for who asks the indicator
        parts.append(ProjectReport(project, found))
    return parts


def project_report(viewer: Viewer, pk: int) -> Report:
    project = access_project(viewer, pk, "projects.view_project")
    projects = _report_projects(Project.objects.filter(pk=project.pk))
    return Report(project.title, "project", project, projects)


def alliance_report(viewer: Viewer, pk: int) -> Report:
    alliance = access_alliance(viewer, pk)
    projects = _report_projects(visible_projects(viewer).filter(alliance=alliance))
    return Report(alliance.name, "alliance", alliance, projects)


def neighbourhood_report(viewer: Viewer, pk: int) -> Report:
    neighbourhood = access_neighbourhood(viewer, pk)
    projects = _report_projects(visible_projects(viewer).filter(neighbourhoods=neighbourhood))
    return Report(neighbourhood.name, "neighbourhood", neighbourhood, projects)


BUILDERS: dict[str, Callable[[Viewer, int], Report]] = {
    "projekt": project_report,
    "allianz": alliance_report,
    "quartier": neighbourhood_report,
}


def build_report(viewer: Viewer, scope: str, pk: int) -> Report:
    """The report of a project, alliance or neighbourhood by its scope in the address
    (`projekt`, `allianz`, `quartier`); Http404 for another scope or an invisible subject."""
    if scope not in BUILDERS:
        raise Http404
    return BUILDERS[scope](viewer, pk)


def strongest_results(report: Report, audience: str, count: int = 3) -> list[Strength]:
    """The "Argumentationskarte": the results that got furthest towards their target, among
    the indicators that matter to `audience` (by the library; own indicators count for all)."""
    if audience not in AUDIENCES:
        raise Http404
    found = []
    for part in report.projects:
        for view in part.indicators:
            indicator = view.indicator
            entry = library_entry(indicator.library_key) if indicator.library_key else None
            if entry is not None and audience not in entry.get("audiences", []):
                continue
            point = view.latest
            if point is None or point.achieved is None:
                continue
            target = point.target
            if target is None:
                targets = [p.target for p in view.series if p.target is not None]
                target = targets[-1] if targets else None
            if target is None:
                continue
            share = attainment(
                point.achieved, target, indicator.baseline_value, indicator.direction
            )
            if share is not None:
                found.append(Strength(part.project, view, share))
    found.sort(key=lambda s: (-s.share, s.project.title, s.view.indicator.title))
    return found[:count]


def combined_indicators(report: Report) -> list[IndicatorView]:
    """For an alliance or a neighbourhood: the indicators that several projects measure alike
    (same library indicator, or same title, unit and period) added up period by period – one
    chart per indicator however many projects there are."""
    groups: dict[tuple[str, str, str, str], list[IndicatorView]] = {}
    for part in report.projects:
        for view in part.indicators:
            i = view.indicator
            if i.is_quantitative:
                key = (i.library_key or i.title, i.unit, i.period, i.aggregation)
                groups.setdefault(key, []).append(view)
    combined = []
    for views in groups.values():
        first = views[0].indicator
        indicator = Indicator(
            title=first.title,
            unit=first.unit,
            period=first.period,
            aggregation=first.aggregation,
            level=first.level,
            library_key=first.library_key,
        )
        points = add_up(
            [(p.start, p.value, p.achieved, p.target) for p in view.series] for view in views
        )
        combined.append(
            indicator_view(
                indicator,
                [
                    SeriesPoint(start, period_label(start, first.period), value, reached, target)
                    for start, value, reached, target in points
                ],
            )
        )
    combined.sort(key=lambda v: v.indicator.title)
    return combined


# ---------------------------------------------------------------------------------------------
# Export

EXPORT_COLUMNS = [
    "projekt",
    "projekt_id",
    "indikator",
    "indikator_id",
    "ebene",
    "einheit",
    "iris_id",
    "zaehlweise",
    "ausgangswert",
    "zeitraum",
    "wert",
    "erreicht",
    "ziel",
]


def export_rows(report: Report) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for part in report.projects:
        for view in part.indicators:
            i = view.indicator
            for point in view.series:
                rows.append(
                    [
                        part.project.title,
                        part.project.pk,
                        i.title,
                        i.pk,
                        i.level,
                        i.unit,
                        i.iris_id,
                        i.aggregation,
                        plain_number(i.baseline_value),
                        point.start.isoformat(),
                        plain_number(point.value),
                        plain_number(point.achieved),
                        plain_number(point.target),
                    ]
                )
    return rows


def plain_number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def cids_jsonld(report: Report, base_url: str) -> dict[str, Any]:
    """The impact data after the Common Impact Data Standard (https://ontology.commonapproach.org):
    each project a cids:Organization's cids:Outcome with cids:Indicators, their
    cids:IndicatorReports (value per period) and targets (i72:Measure)."""
    graph: list[dict[str, Any]] = []
    for part in report.projects:
        project = part.project
        project_id = f"{base_url}{project.get_absolute_url()}"
        indicator_ids = []
        for view in part.indicators:
            i = view.indicator
            indicator_id = f"{project_id}#indikator-{i.pk}"
            indicator_ids.append({"@id": indicator_id})
            reports = [
                {
                    "@id": f"{indicator_id}-{p.start.isoformat()}",
                    "@type": "cids:IndicatorReport",
                    "cids:hasName": f"{i.title} {p.label}",
                    "cids:forIndicator": {"@id": indicator_id},
                    "cids:value": {
                        "@type": "i72:Measure",
                        "i72:numerical_value": plain_number(p.achieved),
                        "i72:unit_of_measure": i.unit,
                    },
                    "time:hasTime": {
                        "@type": "time:Interval",
                        "time:hasBeginning": {"time:inXSDDate": p.start.isoformat()},
                    },
                    **(
                        {
                            "cids:hasTarget": {
                                "@type": "i72:Measure",
                                "i72:numerical_value": plain_number(p.target),
                            }
                        }
                        if p.target is not None
                        else {}
                    ),
                }
                for p in view.series
                if p.achieved is not None
            ]
            graph.append(
                {
                    "@id": indicator_id,
                    "@type": "cids:Indicator",
                    "cids:hasName": i.title,
                    "cids:hasDescription": i.definition,
                    "i72:unit_of_measure": i.unit,
                    "cids:hasBaseline": {
                        "@type": "i72:Measure",
                        "i72:numerical_value": plain_number(i.baseline_value),
                    },
                    **({"cids:hasIdentifier": f"IRIS+:{i.iris_id}"} if i.iris_id else {}),
                    "cids:hasIndicatorReport": reports,
                }
            )
        graph.append(
            {
                "@id": f"{project_id}#wirkung",
                "@type": "cids:Outcome",
                "cids:hasName": project.title,
                "cids:hasDescription": project.outcomes or project.summary,
                "cids:forOrganization": [
                    {"@type": "cids:Organization", "org:hasLegalName": a.name}
                    for a in project.owners.all()
                ],
                "cids:hasIndicator": indicator_ids,
            }
        )
    return {
        "@context": {
            "cids": "https://ontology.commonapproach.org/cids#",
            "i72": "http://ontology.eil.utoronto.ca/ISO21972/iso21972#",
            "org": "http://ontology.eil.utoronto.ca/tove/organization#",
            "time": "http://www.w3.org/2006/time#",
        },
        "@graph": graph,
    }
