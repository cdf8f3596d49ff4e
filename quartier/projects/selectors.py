"""Reads about projects, filtered by what the viewer may see. `access_project` fetches and
authorises one project for pages and API alike."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor, Membership
from quartier.alliances.models import Alliance
from quartier.alliances.rules import member_alliance_ids
from quartier.core.access import access_object
from quartier.engines.impact import Point, period_label, series
from quartier.neighbourhoods.models import Neighbourhood
from quartier.projects.models import (
    Indicator,
    Measurement,
    Milestone,
    Participant,
    PhaseChange,
    Project,
    Target,
)


def visible_projects_q(viewer: Viewer) -> Q | None:
    """The condition of `projects.view_project` as a query (None: everything)."""
    if viewer.is_authenticated and viewer.is_superuser:
        return None
    if not viewer.is_authenticated:
        return Q(is_public=True)
    owner = Project.owners.through.objects.filter(
        project=OuterRef("pk"),
        actor__in=Membership.objects.filter(user=viewer).values("actor"),
    )
    participant = Participant.objects.filter(
        project=OuterRef("pk"), actor__memberships__user=viewer
    )
    managed = Alliance.neighbourhoods.through.objects.filter(
        alliance=OuterRef("alliance"), neighbourhood__managers=viewer
    )
    return Q(
        Q(is_public=True)
        | Exists(owner)
        | Exists(participant)
        | Q(alliance__in=member_alliance_ids(viewer))
        | Exists(managed)
    )


def visible_projects(viewer: Viewer) -> QuerySet[Project]:
    q = visible_projects_q(viewer)
    return Project.objects.all() if q is None else Project.objects.filter(q)


def projects_for_list(filters: dict[str, Any], viewer: Viewer) -> QuerySet[Project]:
    projects = visible_projects(viewer)
    if filters.get("q"):
        text = filters["q"]
        projects = projects.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    if filters.get("phase"):
        projects = projects.filter(phase=filters["phase"])
    if filters.get("topic"):
        # a JSON list: its text holds the quoted value (works alike on SQLite and PostgreSQL)
        projects = projects.filter(topics__icontains=f'"{filters["topic"]}"')
    if filters.get("neighbourhood"):
        projects = projects.filter(
            Exists(
                Project.neighbourhoods.through.objects.filter(
                    project=OuterRef("pk"), neighbourhood=filters["neighbourhood"]
                )
            )
        )
    if filters.get("alliance"):
        projects = projects.filter(alliance=filters["alliance"])
    if filters.get("mine") and viewer.is_authenticated:
        projects = projects.filter(
            Exists(
                Project.owners.through.objects.filter(
                    project=OuterRef("pk"), actor__memberships__user=viewer
                )
            )
            | Exists(
                Participant.objects.filter(project=OuterRef("pk"), actor__memberships__user=viewer)
            )
        )
    return (
        projects.select_related("alliance")
        .prefetch_related(
            Prefetch("owners", queryset=Actor.objects.only("pk", "name", "slug")),
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.only("pk", "name")),
        )
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("title", "pk")
    )


def access_project(viewer: Viewer, pk: int, perm: str | None = None) -> Project:
    """The project with its owners, participants, places, timeline and links: Http404 when
    the viewer may not see it, PermissionDenied when `perm` is not allowed."""
    project = (
        visible_projects(viewer)
        .filter(pk=pk)
        .select_related(
            "alliance",
            "successor",
            "case_report",
            "handover_run",
            "created_by",
        )
        .prefetch_related(
            "owners",
            "neighbourhoods",
            "places",
            Prefetch("participants", queryset=Participant.objects.select_related("actor")),
            Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("by")),
            Prefetch("milestones", queryset=Milestone.objects.all()),
            "events",
            "agreements",
            "checklist_runs",
            "articles",
        )
        .first()
    )
    if project is None:
        raise Http404
    if perm is not None and not viewer.has_perm(perm, project):
        raise PermissionDenied
    return project


@dataclass(frozen=True)
class TimelineStep:
    phase: str
    label: str
    started_on: datetime.date
    ended_on: datetime.date | None  # None: the current phase
    days: int
    note: str


def timeline(project: Project) -> list[TimelineStep]:
    """The phases in order with how long each took (the current one: until today). Uses the
    prefetched phase changes."""
    changes = sorted(project.phase_changes.all(), key=lambda c: (c.started_on, c.pk))
    today = timezone.localdate()
    steps = []
    for i, change in enumerate(changes):
        following = changes[i + 1] if i + 1 < len(changes) else None
        ended = following.started_on if following else None
        if following is None and project.has_ended:
            ended = change.started_on
        steps.append(
            TimelineStep(
                phase=change.phase,
                label=str(change.get_phase_display()),
                started_on=change.started_on,
                ended_on=ended,
                days=((ended or today) - change.started_on).days,
                note=change.note,
            )
        )
    return steps


def handovers_due(within_days: int) -> QuerySet[Project]:
    """Projects whose handover date lies within the coming days and whose people have not
    been reminded yet."""
    today = timezone.localdate()
    return (
        Project.objects.filter(
            handover_on__gte=today,
            handover_on__lte=today + datetime.timedelta(days=within_days),
            handover_reminded_at__isnull=True,
        )
        .select_related("successor", "handover_run", "alliance")
        .prefetch_related("owners")
    )


# ---------------------------------------------------------------------------------------------
# Impact


@dataclass(frozen=True)
class SeriesPoint:
    start: datetime.date
    label: str
    value: Decimal | None  # the period's own approved value
    achieved: Decimal | None  # what counts against the target (running sum when cumulative)
    target: Decimal | None


def _points(indicator: Indicator, points: list[Point]) -> list[SeriesPoint]:
    period = indicator.period
    return [
        SeriesPoint(start, period_label(start, period), value, reached, target)
        for start, value, reached, target in points
    ]


def indicator_series(indicator: Indicator) -> list[SeriesPoint]:
    """The approved values of an indicator against its targets, period by period (the periods
    that have a value or a target). Uses prefetched `targets` and `measurements` when there."""
    values = {
        m.period_start: m.value
        for m in indicator.measurements.all()
        if m.status == Measurement.Status.APPROVED and m.value is not None
    }
    targets = {t.period_start: t.value for t in indicator.targets.all()}
    return _points(indicator, series(values, targets, indicator.aggregation))


def indicators_of(projects: list[Project] | QuerySet[Project]) -> QuerySet[Indicator]:
    """The indicators of projects with targets, measurements (and their evidence and steps)
    prefetched: a fixed number of queries however many there are."""
    return (
        Indicator.objects.filter(project__in=projects)
        .select_related("project")
        .prefetch_related(
            "targets",
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("submitted_by", "approved_by")
                .prefetch_related("evidence", "steps")
                .order_by("period_start"),
            ),
        )
        .order_by("project", "position", "pk")
    )


def access_indicator(viewer: Viewer, pk: int, perm: str | None = None) -> Indicator:
    """The indicator of a project the viewer may see (Http404 otherwise), with that project as
    `access_project` gives it; PermissionDenied when `perm` on the project is not allowed."""
    indicator = access_object(
        Indicator.objects.filter(project__in=visible_projects(viewer)), viewer, pk=pk
    )
    indicator.project = access_project(viewer, indicator.project_id, perm)
    return indicator


def access_measurement(viewer: Viewer, pk: int, perm: str | None = None) -> Measurement:
    """A measurement of a project the viewer may see (Http404 otherwise); `perm` is asked of
    the measurement for `projects.approve_measurement`, of its project otherwise
    (PermissionDenied when not allowed)."""
    measurement = access_object(
        Measurement.objects.filter(indicator__project__in=visible_projects(viewer))
        .select_related("indicator")
        .prefetch_related("evidence"),
        viewer,
        pk=pk,
    )
    project_perm = None if perm == "projects.approve_measurement" else perm
    measurement.indicator.project = access_project(
        viewer, measurement.indicator.project_id, project_perm
    )
    if perm == "projects.approve_measurement" and not viewer.has_perm(perm, measurement):
        raise PermissionDenied
    return measurement


@dataclass
class IndicatorView:
    """An indicator with its series and the chart data for a page or report."""

    indicator: Indicator
    series: list[SeriesPoint]
    latest: SeriesPoint | None
    chart_points: list[tuple[str, Decimal | None, Decimal | None]]


def indicator_view(indicator: Indicator, points: list[SeriesPoint]) -> IndicatorView:
    latest = next((p for p in reversed(points) if p.achieved is not None), None)
    return IndicatorView(
        indicator=indicator,
        series=points,
        latest=latest,
        chart_points=[(p.label, p.achieved, p.target) for p in points],
    )


def indicator_views(indicators: list[Indicator]) -> list[IndicatorView]:
    """Series per indicator from prefetched data (see `indicators_of`): no queries."""
    return [indicator_view(i, indicator_series(i)) for i in indicators]


def report_indicator_views(project_ids: list[int]) -> dict[int, list[IndicatorView]]:
    """The indicators of the projects with their series, by project id, for reports: three
    queries whatever the number of projects, indicators and periods, and the approved values
    and targets read as plain values (no measurement objects, no evidence or steps)."""
    indicators = list(
        Indicator.objects.filter(project__in=project_ids).order_by("project", "position", "pk")
    )
    values: dict[int, dict[datetime.date, Decimal]] = {i.pk: {} for i in indicators}
    targets: dict[int, dict[datetime.date, Decimal]] = {i.pk: {} for i in indicators}
    approved = Measurement.objects.filter(
        indicator__project__in=project_ids,
        status=Measurement.Status.APPROVED,
        value__isnull=False,
    )
    for indicator_id, start, value in approved.order_by().values_list(
        "indicator_id", "period_start", "value"
    ):
        values[indicator_id][start] = value  # type: ignore[assignment]  # not null: filtered
    for indicator_id, start, target in (
        Target.objects.filter(indicator__project__in=project_ids)
        .order_by()
        .values_list("indicator_id", "period_start", "value")
    ):
        targets[indicator_id][start] = target
    by_project: dict[int, list[IndicatorView]] = {}
    for i in indicators:
        points = series(values[i.pk], targets[i.pk], i.aggregation)
        by_project.setdefault(i.project_id, []).append(indicator_view(i, _points(i, points)))
    return by_project
