"""Many towns on one installation: key figures of many neighbourhoods at once (grouped
queries, a fixed number however many neighbourhoods), the overview with its filters, the
comparison side by side, and similar neighbourhoods."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.viewer import Viewer
from quartier.actors.selectors import visible_actors
from quartier.alliances.models import Alliance
from quartier.alliances.selectors import visible_alliances
from quartier.dashboard.panels import CLOSED_PHASES, in_period
from quartier.dashboard.period import Period
from quartier.dashboard.statistics import DYNAMICS_LABELS, STATUS_LABELS, classes_of_municipality
from quartier.events.selectors import visible_events
from quartier.neighbourhoods.models import Challenge, Neighbourhood
from quartier.places.models import AVAILABLE_STATUSES, Place
from quartier.projects.selectors import visible_projects

MAX_COMPARED = 4
SIMILAR_SHOWN = 5
SIMILAR_CANDIDATES = 500

COMPARED_FIGURES = (
    ("actors", _("actors")),
    ("actors_new", _("new actors in the period")),
    ("vacant", _("vacant or offered places")),
    ("vacant_area", _("vacant area (m²)")),
    ("alliances", _("alliances forming or active")),
    ("events_held", _("meetings held in the period")),
    ("projects_running", _("projects under way")),
    ("status_class", _("status class (social monitoring)")),
    ("dynamics_class", _("dynamics class")),
)


def grouped(qs: QuerySet[Any], field_name: str, **aggregates: Any) -> dict[int, dict[str, Any]]:
    return {
        row[field_name]: row
        for row in qs.order_by().values(field_name).annotate(**aggregates)
        if row[field_name] is not None
    }


def key_figures(
    neighbourhoods: list[Neighbourhood], viewer: Viewer, period: Period
) -> dict[int, dict[str, Any]]:
    """The compared figures of each neighbourhood; what the viewer may not see is not
    counted. Grouped queries: the same number for two neighbourhoods or two hundred."""
    ids = [n.pk for n in neighbourhoods]
    actors = grouped(
        visible_actors(viewer).filter(neighbourhoods__in=ids),
        "neighbourhoods",
        n=Count("pk"),
        recent=Count("pk", filter=in_period("created_at", period)),
    )
    vacant = grouped(
        Place.objects.filter(neighbourhood__in=ids, status__in=AVAILABLE_STATUSES),
        "neighbourhood",
        n=Count("pk"),
        area=Sum("area_m2"),
    )
    alliances = grouped(
        Alliance.objects.filter(
            pk__in=visible_alliances(viewer).values("pk"),
            neighbourhoods__in=ids,
            status__in=[Alliance.Status.FORMING, Alliance.Status.ACTIVE],
        ),
        "neighbourhoods",
        n=Count("pk"),
    )
    events = grouped(
        visible_events(viewer).filter(
            in_period("start", period),
            neighbourhood__in=ids,
            cancelled=False,
            start__lt=timezone.now(),
        ),
        "neighbourhood",
        n=Count("pk"),
    )
    projects = grouped(
        visible_projects(viewer).filter(neighbourhoods__in=ids).exclude(phase__in=CLOSED_PHASES),
        "neighbourhoods",
        n=Count("pk"),
    )
    result: dict[int, dict[str, Any]] = {}
    for n in neighbourhoods:
        result[n.pk] = {
            "actors": actors.get(n.pk, {}).get("n", 0),
            "actors_new": actors.get(n.pk, {}).get("recent", 0),
            "vacant": vacant.get(n.pk, {}).get("n", 0),
            "vacant_area": vacant.get(n.pk, {}).get("area") or 0,
            "alliances": alliances.get(n.pk, {}).get("n", 0),
            "events_held": events.get(n.pk, {}).get("n", 0),
            "projects_running": projects.get(n.pk, {}).get("n", 0),
            "status_class": None,
            "dynamics_class": None,
        }
    return result


def with_classes(neighbourhoods: list[Neighbourhood], figures: dict[int, dict[str, Any]]) -> None:
    """Adds the status and dynamics classes: two queries per municipality."""
    for municipality_id in {n.municipality_id for n in neighbourhoods}:
        for pk, (status, dynamics) in classes_of_municipality(municipality_id).items():
            if pk not in figures:
                continue
            if status:
                figures[pk]["status_class"] = f"{status} – {STATUS_LABELS[status]}"
            if dynamics:
                figures[pk]["dynamics_class"] = f"{dynamics} – {DYNAMICS_LABELS[dynamics]}"


@dataclass
class OverviewFilters:
    state: str = ""
    situation_type: str = ""
    q: str = ""
    challenges: list[str] = field(default_factory=list)


def neighbourhoods_for_overview(filters: OverviewFilters) -> QuerySet[Neighbourhood]:
    qs = Neighbourhood.objects.select_related("municipality").order_by(
        "municipality__state", "municipality__name", "name", "pk"
    )
    if filters.state:
        qs = qs.filter(municipality__state=filters.state)
    if filters.situation_type:
        qs = qs.filter(situation_type=filters.situation_type)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(municipality__name__icontains=filters.q))
    for challenge in filters.challenges:
        qs = qs.filter(challenges__icontains=f'"{challenge}"')
    return qs


def similar_neighbourhoods(neighbourhood: Neighbourhood, viewer: Viewer) -> list[dict[str, Any]]:
    """ "Ähnliche Quartiere": the same situation type, ranked by shared challenges, with the
    number of their public projects (to learn from)."""
    if not neighbourhood.situation_type:
        return []
    candidates = list(
        Neighbourhood.objects.filter(situation_type=neighbourhood.situation_type)
        .exclude(pk=neighbourhood.pk)
        .select_related("municipality")
        .order_by("pk")[:SIMILAR_CANDIDATES]
    )
    own = set(neighbourhood.challenges or [])
    ranked = sorted(
        candidates,
        key=lambda n: (-len(own & set(n.challenges or [])), n.municipality.name, n.name),
    )[:SIMILAR_SHOWN]
    projects = grouped(
        visible_projects(viewer).filter(neighbourhoods__in=[n.pk for n in ranked]),
        "neighbourhoods",
        n=Count("pk"),
    )
    labels = dict(Challenge.choices)
    return [
        {
            "neighbourhood": n,
            "shared": [str(labels[c]) for c in n.challenges or [] if c in own and c in labels],
            "projects": projects.get(n.pk, {}).get("n", 0),
        }
        for n in ranked
    ]
