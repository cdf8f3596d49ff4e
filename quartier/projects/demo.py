"""Demo projects of the fictional Talviertel (issue 13, item 7): six projects in different
phases – a pop-up shop in an interim-use place, a student kiosk with a planned succession,
a night market that ended as "beendet – gelernt" with its lessons in the toolbox – with ten
indicators (baselines, targets, three months of approved measurements, some automatic), so
that the alliance report of the "Allianz Talviertel" has something to show. Everything here
is invented.

Runs after the actors, places and alliances demos. Goes through the services; every date is
relative to today. Idempotent: a project is looked up by its slug (another demo may have
created a minimal row with the same slug), indicators by title, measurements by period."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from quartier.accounts.models import User
from quartier.actors.demo import INITIATIVE_USER_EMAIL, SLUG_PREFIX
from quartier.actors.models import Actor
from quartier.alliances.models import Alliance
from quartier.engines.impact import next_period, period_start
from quartier.neighbourhoods.demo import DEMO_SLUG
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place
from quartier.projects import impact_services, services
from quartier.projects.models import Measurement, Phase, Project

MAIN_ALLIANCE = "Allianz Talviertel"


@dataclass
class DemoIndicator:
    library_key: str
    baseline: int
    target: int
    values: tuple[int, int, int] | None  # None: filled by the platform


@dataclass
class DemoProject:
    title: str
    owner: str  # actor key of the actors demo
    summary: str
    phases: list[tuple[str, int]]  # (phase, days ago)
    alliance: bool = True
    place: str = ""
    topics: list[str] = field(default_factory=list)
    problem: str = ""
    approach: str = ""
    outcomes: str = ""
    indicators: list[DemoIndicator] = field(default_factory=list)
    successor: str = ""
    handover_in_days: int = 0
    lessons: tuple[str, str, str] | None = None


PROJECTS = [
    DemoProject(
        "Pop-up-Laden Marktgasse",
        "ladenleben",
        "Junge Kreative verkaufen und zeigen ihre Arbeiten im leeren Ladenlokal Marktgasse 3 "
        "– als Zwischennutzung für zwei Jahre.",
        [(Phase.IDEA, 200), (Phase.PHASE_ZERO, 160), (Phase.TRIAL, 110)],
        place="Ladenlokal Marktgasse 3",
        topics=["interim_use"],
        problem="In der Marktgasse stehen fünf Ladenlokale leer; die Straße verödet.",
        approach="Ein Laden auf Zeit mit wechselnden Kreativen, getragen von der Initiative.",
        outcomes="Mehr Menschen kommen in die Marktgasse; Eigentümer sehen, was möglich ist.",
        indicators=[
            DemoIndicator("besuche-pro-monat", 0, 400, (180, 310, 420)),
            DemoIndicator("ehrenamtsstunden", 0, 120, (60, 95, 130)),
            DemoIndicator("reaktivierte-flaeche", 0, 60, None),
            DemoIndicator("leerstandstage-vorher", 400, 0, None),
        ],
    ),
    DemoProject(
        "Schülerkiosk am Talbach",
        "schuelerfirma-kiosk",
        "Die Schülerfirma betreibt in den Pausen einen Kiosk mit regionalen Snacks.",
        [(Phase.IDEA, 400), (Phase.TRIAL, 300), (Phase.IMPLEMENTATION, 200)],
        topics=["participation"],
        problem="Jugendliche haben im Quartier kaum eigene Orte und Aufgaben.",
        approach="Eine Schülerfirma übernimmt Verantwortung für einen Kiosk.",
        indicators=[DemoIndicator("beteiligte-zielgruppe", 4, 15, (9, 12, 14))],
        successor="jugendinitiative-talwaerts",
        handover_in_days=75,
    ),
    DemoProject(
        "Nachtmarkt Talviertel",
        "stadtlabor",
        "Ein abendlicher Markt auf dem Kirchplatz, einmal im Monat.",
        [(Phase.IDEA, 500), (Phase.TRIAL, 420)],
        topics=["events"],
        indicators=[DemoIndicator("veranstaltungen", 0, 2, (1, 1, 0))],
        lessons=(
            "Die ersten beiden Abende waren voll; Händlerinnen aus dem Quartier machten gern mit.",
            "Ohne festes Team und ohne Stromanschluss auf dem Platz war der Aufwand zu groß.",
            "Klären Sie Strom, Toiletten und Lärmschutz, bevor Sie den ersten Termin nennen.",
        ),
    ),
    DemoProject(
        "Kulturfenster Marktgasse",
        "talbuehne",
        "Leere Schaufenster werden zu kleinen Bühnen und Ausstellungen.",
        [(Phase.IDEA, 700), (Phase.IMPLEMENTATION, 500), (Phase.CONSOLIDATION, 150)],
        topics=["culture"],
        indicators=[
            DemoIndicator("veranstaltungen", 0, 3, None),
            DemoIndicator("anmeldungen", 0, 40, None),
            DemoIndicator("neue-kooperationen", 0, 2, (1, 2, 2)),
        ],
    ),
    DemoProject(
        "Quartiersgarten Talhang",
        "buergerverein",
        "Ein Gemeinschaftsgarten auf der Brache am Talhang.",
        [(Phase.IDEA, 90), (Phase.PHASE_ZERO, 30)],
        alliance=False,
        topics=["participation"],
        indicators=[DemoIndicator("ehrenamtsstunden", 0, 40, (10, 25, 38))],
    ),
    DemoProject(
        "Leerstandslotsen",
        "zwischenraum",
        "Ehrenamtliche Lotsen bringen Eigentümer leerer Läden und Nutzerinnen zusammen.",
        [(Phase.IDEA, 20)],
        topics=["interim_use"],
    ),
]


def _actors(keys: list[str]) -> dict[str, Actor]:
    found = Actor.objects.filter(slug__in=[SLUG_PREFIX + k for k in keys])
    return {a.slug.removeprefix(SLUG_PREFIX): a for a in found}


def _last_months(count: int) -> list[datetime.date]:
    first = period_start(timezone.localdate(), "month")
    starts = [first]
    for _ in range(count):
        previous = period_start(starts[0] - datetime.timedelta(days=1), "month")
        starts.insert(0, previous)
    return starts[:count]  # the `count` complete months before this one


def _project(spec: DemoProject, by: User, actors: dict[str, Actor], **links: object) -> Project:
    today = timezone.localdate()
    existing = Project.objects.filter(slug=slugify(spec.title)).first()
    first_phase, first_ago = spec.phases[0]
    if existing is not None:
        if existing.owners.exists():
            return existing
        project = services.update_project(  # a minimal row of another demo: complete it
            existing,
            by=User.objects.get(email=settings.DEMO_ADMIN_EMAIL),
            owners=[actors[spec.owner]],
            summary=existing.summary or spec.summary,
            topics=spec.topics,
            **links,  # type: ignore[arg-type]
        )
    else:
        project = services.create_project(
            by=by,
            title=spec.title,
            summary=spec.summary,
            owners=[actors[spec.owner]],
            phase=first_phase,
            phase_since=today - datetime.timedelta(days=first_ago),
            starts_on=today - datetime.timedelta(days=first_ago),
            topics=spec.topics,
            **links,  # type: ignore[arg-type]
        )
    for phase, ago in spec.phases[1:]:
        if phase != project.phase:
            project = services.change_phase(
                project, phase, by=by, on=today - datetime.timedelta(days=ago)
            )
    return project


def load_demo_projects() -> tuple[int, int, int]:
    """Returns the number of projects, indicators and measurements of the demo."""
    admin = User.objects.filter(email=settings.DEMO_ADMIN_EMAIL).first()
    if admin is None:
        return 0, 0, 0
    member = User.objects.filter(email=INITIATIVE_USER_EMAIL).first() or admin
    neighbourhood = Neighbourhood.objects.filter(slug=DEMO_SLUG).first()
    alliance = Alliance.objects.filter(name=MAIN_ALLIANCE).first()
    keys = [p.owner for p in PROJECTS] + [p.successor for p in PROJECTS if p.successor]
    actors = _actors(keys)
    months = _last_months(3)
    targets_from = months[0]
    projects = []
    for spec in PROJECTS:
        if spec.owner not in actors:
            continue
        # the initiative's member acts for Ladenleben, the administrator for the others
        by = member if spec.owner == "ladenleben" and member.pk != admin.pk else admin
        place = Place.objects.filter(name=spec.place).first() if spec.place else None
        project = _project(
            spec,
            by,
            actors,
            alliance=alliance if spec.alliance else None,
            neighbourhoods=[neighbourhood] if neighbourhood else [],
            places=[place] if place else [],
        )
        projects.append(project)
        if spec.problem and not project.problem:
            impact_services.save_impact_model(
                project,
                by=admin,
                problem=spec.problem,
                approach=spec.approach,
                outcomes=spec.outcomes,
            )
        titles = {i.library_key for i in project.indicators.all()}
        for demo in spec.indicators:
            if demo.library_key in titles:
                continue
            targets = {}
            start = targets_from
            for _ in range(4):
                targets[start] = Decimal(demo.target)
                start = next_period(start, "month")
            indicator = impact_services.add_indicator(
                project,
                by=admin,
                library_key=demo.library_key,
                baseline_value=Decimal(demo.baseline),
                baseline_on=targets_from - datetime.timedelta(days=1),
                targets=targets,
            )
            if demo.values is None:
                continue
            for start, value in zip(months, demo.values, strict=True):
                try:
                    measurement = impact_services.save_measurement(
                        indicator, by=by, period_start=start, value=Decimal(value)
                    )
                    measurement = impact_services.submit_measurement(measurement, by=by)
                    if start != months[-1]:  # the latest month still waits for approval
                        impact_services.approve_measurement(measurement, by=admin)
                except ValidationError:
                    continue
        if spec.successor and spec.successor in actors and project.successor_id is None:
            services.plan_succession(
                project,
                by=admin,
                successor=actors[spec.successor],
                handover_on=timezone.localdate() + datetime.timedelta(days=spec.handover_in_days),
                note="Die Zehntklässler machen ihren Abschluss; die Jugendinitiative übernimmt.",
            )
        if spec.lessons and project.phase != Phase.ENDED_LEARNED:
            worked, failed, for_others = spec.lessons
            project = services.end_as_learned(
                project,
                by=admin,
                worked=worked,
                failed=failed,
                for_others=for_others,
                consent=True,
                on=timezone.localdate() - datetime.timedelta(days=60),
            )
    culture = next((p for p in projects if p.title == "Kulturfenster Marktgasse"), None)
    if culture is not None and alliance is not None and not culture.events.exists():
        from quartier.events.models import Event

        services.set_links(culture, by=admin, events=list(Event.objects.filter(alliance=alliance)))
    for project in projects:
        if project.indicators.exclude(source="").exists():
            impact_services.refresh_automatic_measurements(project)
    measurements = Measurement.objects.filter(indicator__project__in=projects).count()
    indicators = sum(p.indicators.count() for p in projects)
    return len(projects), indicators, measurements
