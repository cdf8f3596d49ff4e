"""The panels of the neighbourhood dashboard, one function per area. Each reads through the
area's own selectors (`visible_*`), so a viewer's figures contain only what that viewer may
see – for visitors, only public records. Every panel costs a fixed number of queries, however
many records there are."""

from collections import Counter
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor, Sector, Tie
from quartier.actors.selectors import visible_actors
from quartier.alliances.models import Agreement, Alliance
from quartier.alliances.selectors import visible_alliances
from quartier.dashboard.period import Figure, Panel, Period
from quartier.engines.impact import attainment
from quartier.events.models import Format, Registration
from quartier.events.selectors import visible_events
from quartier.funding.models import Draw, Grant
from quartier.funding.selectors import upcoming_deadlines, visible_grants
from quartier.neighbourhoods.models import Neighbourhood
from quartier.network.models import Scope
from quartier.network.selectors import (
    ScopeRef,
    audience_for,
    introduction_counts,
    snapshot_for,
)
from quartier.places.models import AVAILABLE_STATUSES, Place, PlaceKind, UseAgreement
from quartier.projects.models import Phase
from quartier.projects.selectors import indicator_views, indicators_of, visible_projects

NEAR_DEADLINE_DAYS = 90
RUNNING_GRANTS = (Grant.Status.APPROVED, Grant.Status.RUNNING)
CLOSED_PHASES = (Phase.COMPLETED, Phase.ENDED_LEARNED)
SHOWN_ITEMS = 5


def in_period(field: str, period: Period, *, moments: bool = True) -> Q:
    if moments:
        return Q(**{f"{field}__gte": period.start_moment(), f"{field}__lt": period.end_moment()})
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def with_query(url: str, **params: Any) -> str:
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


# --- actors ------------------------------------------------------------------------------------


def neighbourhood_actors(neighbourhood: Neighbourhood, viewer: Viewer) -> QuerySet[Actor]:
    return visible_actors(viewer).filter(neighbourhoods=neighbourhood)


def actors_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    actors = neighbourhood_actors(neighbourhood, viewer)
    totals = actors.aggregate(
        total=Count("pk"),
        established=Count("pk", filter=Q(is_established=True)),
        new_in_period=Count("pk", filter=in_period("created_at", period)),
    )
    by_sector = {
        row["sector"]: row
        for row in actors.order_by()
        .values("sector")
        .annotate(n=Count("pk"), recent=Count("pk", filter=in_period("created_at", period)))
    }
    labels = dict(Sector.choices)
    rows = [
        [str(labels[key]), by_sector[key]["n"], by_sector[key]["recent"]]
        for key in Sector.values
        if key in by_sector
    ]
    missing = [str(labels[key]) for key in Sector.values if key not in by_sector]
    return Panel(
        key="actors",
        title=_("Actors"),
        headline=Figure("actors", _("actors active in the neighbourhood"), totals["total"]),
        change=totals["new_in_period"],
        change_label=_("new in the period"),
        figures=[
            Figure("established", _("established actors"), totals["established"]),
            Figure("new", _("new actors"), totals["total"] - totals["established"]),
            Figure("new_in_period", _("registered in the period"), totals["new_in_period"]),
            Figure("sectors_missing", _("sectors not present"), len(missing)),
        ],
        columns=[_("Sector"), _("Actors"), _("new in the period")],
        rows=rows,
        note=_("Not present: %(sectors)s.") % {"sectors": ", ".join(missing)} if missing else "",
        link_url=with_query(reverse("actors:list"), neighbourhood=neighbourhood.pk),
        link_label=_("Actors of the neighbourhood"),
    )


# --- network -----------------------------------------------------------------------------------


def network_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    actors = neighbourhood_actors(neighbourhood, viewer).values("pk")
    ties = Tie.objects.filter(
        status=Tie.Status.CONFIRMED, source__in=actors, target__in=actors
    ).order_by()
    by_kind = {
        row["kind"]: row
        for row in ties.values("kind").annotate(
            n=Count("pk"), recent=Count("pk", filter=in_period("created_at", period))
        )
    }
    labels = dict(Tie.Kind.choices)
    rows = [
        [str(labels[k]), by_kind[k]["n"], by_kind[k]["recent"]]
        for k in Tie.Kind.values
        if k in by_kind
    ]
    total = sum(r[1] for r in rows)
    recent = sum(r[2] for r in rows)
    ref = ScopeRef(Scope.NEIGHBOURHOOD, neighbourhood)
    snapshot = snapshot_for(ref, audience_for(viewer, ref))
    result = snapshot.result if snapshot is not None and snapshot.result else None
    figures = [Figure("new_ties", _("confirmed ties recorded in the period"), recent)]
    note = _("The network analysis has not been computed yet; the network page starts it.")
    if result:
        network = result.get("network", {})
        figures += [
            Figure("isolated", _("actors without a tie"), len(network.get("isolates", []))),
            Figure("components", _("separate groups (components)"), network.get("components")),
            Figure("density", _("density"), network.get("density")),
            Figure(
                "share_new_tied",
                _("share of new actors tied to an established one"),
                network.get("share_new_tied_to_established"),
            ),
        ]
        note = _("Network analysis of %(date)s.") % {
            "date": timezone.localtime(snapshot.computed_at).date().isoformat()
            if snapshot and snapshot.computed_at
            else "–"
        }
    introductions = introduction_counts(neighbourhood.pk)
    figures += [
        Figure("introductions", _("introductions made"), introductions["made"]),
        Figure(
            "introductions_cooperating",
            _("introductions that led to cooperation"),
            introductions["cooperation"],
        ),
    ]
    return Panel(
        key="network",
        title=_("Network health"),
        headline=Figure("ties", _("confirmed ties between the actors"), total),
        change=recent,
        change_label=_("new in the period"),
        figures=figures,
        columns=[_("Kind of tie"), _("Ties"), _("new in the period")],
        rows=rows,
        note=note,
        link_url=with_query(reverse("network:page"), neighbourhood=neighbourhood.pk),
        link_label=_("Network of the neighbourhood"),
    )


# --- places and vacancy ------------------------------------------------------------------------


def places_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    """Places are public (a vacancy register is); counted as the vacancy register counts."""
    places = Place.objects.filter(neighbourhood=neighbourhood).order_by()
    vacant = places.filter(status__in=AVAILABLE_STATUSES)
    by_kind = {
        row["kind"]: row
        for row in vacant.values("kind").annotate(n=Count("pk"), area=Sum("area_m2"))
    }
    became_vacant = places.filter(in_period("vacant_since", period, moments=False)).count()
    today = period.end
    days = [
        (today - (since or timezone.localtime(created).date())).days
        for since, created in vacant.values_list("vacant_since", "created_at")
    ]
    into_use = UseAgreement.objects.filter(
        place__neighbourhood=neighbourhood, start__gte=period.start, start__lte=period.end
    ).aggregate(n=Count("pk"), area=Sum("place__area_m2"))
    labels = dict(PlaceKind.choices)
    rows = [
        [str(labels[k]), by_kind[k]["n"], by_kind[k]["area"] or 0]
        for k in PlaceKind.values
        if k in by_kind
    ]
    count = sum(r[1] for r in rows)
    return Panel(
        key="places",
        title=_("Places and vacancy"),
        headline=Figure("vacant", _("vacant or offered places"), count),
        change=became_vacant - into_use["n"],
        change_label=_("became vacant minus brought into use in the period"),
        figures=[
            Figure("vacant_area", _("vacant area"), sum(r[2] for r in rows), "m²"),
            Figure(
                "average_days_vacant",
                _("average days vacant"),
                round(sum(days) / len(days)) if days else 0,
            ),
            Figure("became_vacant", _("became vacant in the period"), became_vacant),
            Figure("brought_into_use", _("brought into use in the period"), into_use["n"]),
            Figure("area_into_use", _("area brought into use"), into_use["area"] or 0, "m²"),
        ],
        columns=[_("Kind of place"), _("Vacant"), _("Area in m²")],
        rows=rows,
        link_url=with_query(reverse("places:vacancies"), place=neighbourhood.name),
        link_label=_("Vacancy register"),
    )


# --- alliances and agreements ------------------------------------------------------------------


def alliances_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    alliances = Alliance.objects.filter(
        pk__in=visible_alliances(viewer).values("pk"), neighbourhoods=neighbourhood
    ).order_by()
    by_status = {
        row["status"]: row
        for row in alliances.values("status").annotate(
            n=Count("pk"), recent=Count("pk", filter=in_period("created_at", period))
        )
    }
    agreements = Agreement.objects.filter(
        alliance__in=alliances.values("pk"), status=Agreement.Status.SIGNED
    ).aggregate(n=Count("pk"), recent=Count("pk", filter=in_period("signed_at", period)))
    labels = dict(Alliance.Status.choices)
    rows = [
        [str(labels[s]), by_status[s]["n"], by_status[s]["recent"]]
        for s in Alliance.Status.values
        if s in by_status
    ]
    working = sum(
        by_status[s]["n"]
        for s in (Alliance.Status.FORMING, Alliance.Status.ACTIVE)
        if s in by_status
    )
    return Panel(
        key="alliances",
        title=_("Alliances and agreements"),
        headline=Figure("alliances", _("alliances forming or active"), working),
        change=sum(r[2] for r in rows),
        change_label=_("founded in the period"),
        figures=[
            Figure("alliances_total", _("alliances in total"), sum(r[1] for r in rows)),
            Figure("agreements_signed", _("signed agreements in force"), agreements["n"]),
            Figure("agreements_signed_in_period", _("signed in the period"), agreements["recent"]),
        ],
        columns=[_("Status"), _("Alliances"), _("founded in the period")],
        rows=rows,
        link_url=with_query(reverse("alliances:list"), neighbourhood=neighbourhood.pk),
        link_label=_("Alliances of the neighbourhood"),
    )


# --- formats and events ------------------------------------------------------------------------


def events_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    now = timezone.now()
    events = visible_events(viewer).filter(neighbourhood=neighbourhood, cancelled=False).order_by()
    held = events.filter(in_period("start", period), start__lt=now)
    before = events.filter(in_period("start", period.previous)).count()
    by_format = Counter(dict(held.values_list("format").annotate(n=Count("pk"))))
    participants = Counter(
        dict(
            Registration.objects.filter(
                event__in=held.values("pk"), status=Registration.Status.CONFIRMED
            )
            .order_by()
            .values_list("event__format")
            .annotate(n=Count("pk"))
        )
    )
    labels = dict(Format.choices)
    rows = [
        [str(labels[f]), by_format[f], participants[f]]
        for f in Format.values
        if by_format[f] or participants[f]
    ]
    count = sum(by_format.values())
    return Panel(
        key="events",
        title=_("Formats and meetings"),
        headline=Figure("held", _("meetings held in the period"), count),
        change=count - before,
        change_label=_("compared with the period before"),
        figures=[
            Figure("participants", _("registered participants"), sum(participants.values())),
            Figure("held_before", _("meetings in the period before"), before),
        ],
        columns=[_("Format"), _("Meetings held"), _("Participants")],
        rows=rows,
        link_url=with_query(reverse("events:list"), neighbourhood=neighbourhood.pk),
        link_label=_("Events in the neighbourhood"),
    )


# --- projects and impact -----------------------------------------------------------------------


def projects_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    projects = visible_projects(viewer).filter(neighbourhoods=neighbourhood).order_by()
    by_phase = {
        row["phase"]: row
        for row in projects.values("phase").annotate(
            n=Count("pk"), recent=Count("pk", filter=in_period("created_at", period))
        )
    }
    labels = dict(Phase.choices)
    rows = [
        [str(labels[p]), by_phase[p]["n"], by_phase[p]["recent"]]
        for p in Phase.values
        if p in by_phase
    ]
    running = sum(by_phase[p]["n"] for p in by_phase if p not in CLOSED_PHASES)
    with_target, reached = 0, 0
    items: list[dict[str, Any]] = []
    for view in indicator_views(list(indicators_of(projects))):
        indicator = view.indicator
        point = next(
            (p for p in reversed(view.series) if p.achieved is not None and p.target is not None),
            None,
        )
        if point is None or point.achieved is None or point.target is None:
            continue
        if not indicator.is_quantitative:
            continue
        with_target += 1
        share = attainment(
            point.achieved, point.target, indicator.baseline_value, indicator.direction
        )
        if share is not None and share >= 1:
            reached += 1
        items.append(
            {
                "indicator": indicator.title,
                "project": indicator.project.title,
                "url": reverse("projects:detail", args=[indicator.project_id]),
                "period": point.label,
                "achieved": float(point.achieved or Decimal(0)),
                "target": float(point.target or Decimal(0)),
                "unit": indicator.unit,
                "share": round(share, 2) if share is not None else None,
            }
        )
    items.sort(key=lambda i: (-float(i["share"] or 0), str(i["indicator"])))
    return Panel(
        key="projects",
        title=_("Projects and impact"),
        headline=Figure("running", _("projects under way"), running),
        change=sum(r[2] for r in rows),
        change_label=_("started in the period"),
        figures=[
            Figure("projects_total", _("projects in total"), sum(r[1] for r in rows)),
            Figure("indicators_with_target", _("indicators with a target"), with_target),
            Figure("targets_reached", _("targets reached (latest period)"), reached),
        ],
        columns=[_("Phase"), _("Projects"), _("started in the period")],
        rows=rows,
        items=items[:SHOWN_ITEMS],
        link_url=with_query(reverse("projects:list"), neighbourhood=neighbourhood.pk),
        link_label=_("Projects in the neighbourhood"),
    )


# --- funding -----------------------------------------------------------------------------------


def region_condition(neighbourhood: Neighbourhood) -> Q:
    """Programmes open to the neighbourhood's Land: nationwide, EU-wide or that Land."""
    state = neighbourhood.municipality.state
    return (
        Q(regions__contains="|DE|")
        | Q(regions__contains="|EU|")
        | Q(regions__contains=f"|DE-{state}|")
    )


def funding_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    programmes = upcoming_deadlines(viewer, period.end, days=NEAR_DEADLINE_DAYS).filter(
        region_condition(neighbourhood)
    )
    near = list(programmes.values("title", "slug", "next_deadline")[: SHOWN_ITEMS + 1])
    near_count = programmes.count() if len(near) > SHOWN_ITEMS else len(near)
    grants = visible_grants(viewer).filter(project__neighbourhoods=neighbourhood).order_by()
    by_status = {
        row["status"]: row
        for row in grants.values("status").annotate(n=Count("pk"), approved=Sum("approved_amount"))
    }
    received = Draw.objects.filter(
        grant__in=grants.values("pk"), requested_on__gte=period.start, requested_on__lte=period.end
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    started = grants.filter(
        status__in=RUNNING_GRANTS, period_start__gte=period.start, period_start__lte=period.end
    ).count()
    labels = dict(Grant.Status.choices)
    rows = [
        [str(labels[s]), by_status[s]["n"], by_status[s]["approved"] or Decimal(0)]
        for s in Grant.Status.values
        if s in by_status
    ]
    running = [by_status[s] for s in RUNNING_GRANTS if s in by_status]
    note = (
        ""
        if viewer.is_authenticated
        else _("Grants are seen only by the actors involved; visitors see the programmes.")
    )
    return Panel(
        key="funding",
        title=_("Funding"),
        headline=Figure(
            "grants_running", _("grants approved or running"), sum(r["n"] for r in running)
        ),
        change=started,
        change_label=_("funding periods started in the period"),
        figures=[
            Figure(
                "approved_running",
                _("approved for running grants"),
                sum((r["approved"] or Decimal(0) for r in running), Decimal(0)),
                "€",
            ),
            Figure("received", _("money called in the period"), received, "€"),
            Figure(
                "programmes_near_deadline",
                _("programmes with a deadline in the next %(days)s days")
                % {"days": NEAR_DEADLINE_DAYS},
                near_count,
            ),
        ],
        columns=[_("Status"), _("Grants"), _("Approved (€)")],
        rows=rows,
        items=[
            {
                "title": p["title"],
                "url": reverse("funding:programme", args=[p["slug"]]),
                "deadline": p["next_deadline"].isoformat() if p["next_deadline"] else "",
            }
            for p in near[:SHOWN_ITEMS]
        ],
        note=note,
        link_url=with_query(
            reverse("funding:list"), regions=f"DE-{neighbourhood.municipality.state}"
        ),
        link_label=_("Funding navigator"),
    )


PANELS = (
    actors_panel,
    network_panel,
    places_panel,
    alliances_panel,
    events_panel,
    projects_panel,
    funding_panel,
)
