"""Automatic indicators: figures the platform knows from its own records, per period.

Each function returns {period start: value} for one project and one period kind, reading
the records once (one query per source): m² of places brought into use through brokering,
the days they stood empty before, confirmed ties between established and new actors of the
project, events held and their registrations, action items done, checklist progress."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from quartier.actors.models import Tie
from quartier.engines.impact import period_end, period_start, periods_between
from quartier.events.models import ActionItem, Registration
from quartier.knowledge.models import ChecklistRunItem
from quartier.places.models import UseAgreement
from quartier.projects.models import Indicator, Project

Values = dict[datetime.date, Decimal]


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _brokered_agreements(project: Project) -> list[tuple[datetime.date, int, datetime.date | None]]:
    return list(
        UseAgreement.objects.filter(place__projects=project, match__isnull=False).values_list(
            "start", "place__area_m2", "place__vacant_since"
        )
    )


def reactivated_area(project: Project, period: str) -> Values:
    result: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for start, area, _vacant_since in _brokered_agreements(project):
        result[period_start(start, period)] += Decimal(area)
    return dict(result)


def vacant_days(project: Project, period: str) -> Values:
    days: dict[datetime.date, list[int]] = defaultdict(list)
    for start, _area, vacant_since in _brokered_agreements(project):
        if vacant_since is not None and vacant_since <= start:
            days[period_start(start, period)].append((start - vacant_since).days)
    return {p: Decimal(round(sum(d) / len(d))) for p, d in days.items()}


def project_actor_ids(project: Project) -> set[int]:
    owners = set(project.owners.values_list("pk", flat=True))
    return owners | set(project.participants.values_list("actor_id", flat=True))


def new_ties(project: Project, period: str) -> Values:
    actors = project_actor_ids(project)
    ties = Tie.objects.filter(
        status=Tie.Status.CONFIRMED, source__in=actors, target__in=actors
    ).filter(
        Q(source__is_established=True, target__is_established=False)
        | Q(source__is_established=False, target__is_established=True)
    )
    result: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for answered, created in ties.values_list("answered_at", "created_at"):
        result[period_start(_local_day(answered or created), period)] += 1
    return dict(result)


def _held_events(project: Project) -> list[tuple[int, datetime.datetime]]:
    return list(
        project.events.filter(cancelled=False, start__lte=timezone.now()).values_list("pk", "start")
    )


def events_held(project: Project, period: str) -> Values:
    result: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for _pk, start in _held_events(project):
        result[period_start(_local_day(start), period)] += 1
    return dict(result)


def registrations(project: Project, period: str) -> Values:
    starts = dict(_held_events(project))
    result: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for event_id in Registration.objects.filter(
        event__in=list(starts), status=Registration.Status.CONFIRMED
    ).values_list("event_id", flat=True):
        result[period_start(_local_day(starts[event_id]), period)] += 1
    return dict(result)


def action_items_done(project: Project, period: str) -> Values:
    result: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for done_at in ActionItem.objects.filter(
        event__projects=project, status=ActionItem.Status.DONE, done_at__isnull=False
    ).values_list("done_at", flat=True):
        if done_at is not None:
            result[period_start(_local_day(done_at), period)] += 1
    return dict(result)


def checklist_progress(project: Project, period: str) -> Values:
    """The share of done items of the linked checklist runs at the end of each period, in %
    (for the periods from the first run's start until today)."""
    items = list(
        ChecklistRunItem.objects.filter(run__projects=project).values_list(
            "done_at", "run__created_at"
        )
    )
    if not items:
        return {}
    first = min(_local_day(created) for _done, created in items)
    result = {}
    for start in periods_between(first, timezone.localdate(), period):
        end = period_end(start, period)
        existing = [d for d, created in items if _local_day(created) <= end]
        if not existing:
            continue
        done = sum(1 for d in existing if d is not None and _local_day(d) <= end)
        result[start] = (Decimal(100) * done / len(existing)).quantize(Decimal("0.1"))
    return result


SOURCES: dict[str, Callable[[Project, str], Values]] = {
    Indicator.Source.REACTIVATED_AREA: reactivated_area,
    Indicator.Source.VACANT_DAYS: vacant_days,
    Indicator.Source.NEW_TIES: new_ties,
    Indicator.Source.EVENTS_HELD: events_held,
    Indicator.Source.REGISTRATIONS: registrations,
    Indicator.Source.ACTION_ITEMS_DONE: action_items_done,
    Indicator.Source.CHECKLIST_PROGRESS: checklist_progress,
}


def automatic_values(indicator: Indicator) -> Values:
    """The values of an automatic indicator up to the current period; a period without any
    record counts 0 (except for averages and shares, which have no value then)."""
    values = SOURCES[indicator.source](indicator.project, indicator.period)
    first = indicator.baseline_on or indicator.project.starts_on
    if first is None or indicator.source in (
        Indicator.Source.VACANT_DAYS,
        Indicator.Source.CHECKLIST_PROGRESS,
    ):
        return values
    today = timezone.localdate()
    filled = {p: Decimal(0) for p in periods_between(first, today, indicator.period)}
    filled.update({p: v for p, v in values.items() if p <= period_start(today, indicator.period)})
    return filled
