"""Demo events of the fictional Talviertel (issue 5, item 7): the monthly round table of the
demo alliance („Runder Tisch Quartier“, every second Tuesday) with three past meetings whose
minutes have decisions and action items, and upcoming creative formats – a creative
workshop, a living lab, a neighbourhood forum and a temporary use („Bespielung“) of a vacant
shop in the Marktgasse. Everything here is invented.

Runs after the alliances demo (it looks the alliance up by name and holds the round table
without alliance when there is none). Idempotent: the series and the events are looked up
by title."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.demo import HOUSING_USER_EMAIL, INITIATIVE_USER_EMAIL, SLUG_PREFIX
from quartier.actors.models import Actor
from quartier.alliances.models import Alliance
from quartier.events.models import ActionItem, Event, Format, Minutes, Series
from quartier.events.search import reindex_events
from quartier.events.services import materialise
from quartier.neighbourhoods.demo import DEMO_SLUG
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place

ALLIANCE_NAMES = ("Allianz Talviertel", "Allianz Marktviertel")
ROUND_TABLE = "Runder Tisch Quartier"
OFFICE = "Stadtteilbüro Talviertel, Marktgasse 12, 39999 Musterstadt (fiktiv)"

ROUND_TABLE_AGENDA = """1. Begrüßung und Protokoll der letzten Sitzung
2. Berichte aus den Arbeitsgruppen (Leerstand, Kultur, Beteiligung)
3. Zwischennutzungen in der Marktgasse: Stand und nächste Schritte
4. Termine und Verschiedenes"""

# (minutes, decisions, [(task, owner key, due in days after the meeting, done?)])
PAST_MEETINGS = [
    (
        "## Runder Tisch im Stadtteilbüro\n\nAnwesend waren 14 Personen aus Verwaltung, "
        "Wohnungswirtschaft, Kultur und Initiativen. Die Talviertel Wohnen GmbH stellt "
        "zwei leere Erdgeschosse für Zwischennutzungen zur Verfügung.",
        [
            "Die Erdgeschosse Marktgasse 3 und 9 werden für Zwischennutzungen angeboten.",
            "Die Allianz lädt im Frühjahr zu einem Quartiersforum ein.",
        ],
        [
            ("Mietkonditionen für die Erdgeschosse zusammenstellen", "housing", 14, True),
            ("Interessierte Initiativen für die Erdgeschosse ansprechen", "initiative", 21, True),
        ],
    ),
    (
        "## Zwischennutzung konkret\n\nDie Initiative Ladenleben stellt drei Konzepte für "
        "die Marktgasse vor. Die Stadtplanung prüft die Nutzungsänderung; für eine Galerie "
        "reicht voraussichtlich eine Anzeige.",
        [
            "Die Galerie in der Marktgasse 3 startet als erste Zwischennutzung.",
            "Für die Bespielung im Sommer wird ein Kreativworkshop angeboten.",
        ],
        [
            ("Zwischennutzungsvereinbarung für Marktgasse 3 vorbereiten", "housing", 10, True),
            ("Kreativworkshop mit Studierenden planen", "initiative", 30, False),
        ],
    ),
    (
        "## Rückblick und Ausblick\n\nDie Galerie hatte in den ersten Wochen über 300 "
        "Besucherinnen und Besucher. Die Allianz bereitet das Quartiersforum vor.",
        [
            "Das Quartiersforum findet im Gemeindesaal statt.",
            "Jede Partnerin benennt eine Ansprechperson für die Bespielung.",
        ],
        [
            ("Einladung zum Quartiersforum verteilen", "initiative", 12, False),
            ("Schlüsselübergabe für die Bespielung regeln", "housing", 2, False),
        ],
    ),
]

# (title, format, days from today, hour, hours, description, place name or "", capacity)
UPCOMING = [
    (
        "Kreativworkshop: Ideen für die Marktgasse",
        Format.CREATIVE_WORKSHOP,
        9,
        17,
        3,
        "Studierende, Händlerinnen und Nachbarn entwickeln Nutzungsideen für die leeren "
        "Läden der Marktgasse. Material und Getränke sind da.",
        "Ladenlokal Marktgasse 9",
        20,
    ),
    (
        "Reallabor Wochenmarkt neu denken",
        Format.LIVING_LAB,
        16,
        9,
        5,
        "Ein Vormittag lang wird der Wochenmarkt zum Reallabor: neue Stände, Sitzplätze und "
        "ein Kinderprogramm werden ausprobiert und mit den Besuchern ausgewertet.",
        "",
        None,
    ),
    (
        "Quartiersforum: Wie wollen wir im Talviertel leben?",
        Format.NEIGHBOURHOOD_FORUM,
        30,
        18,
        2,
        "Das Forum für alle im Talviertel: Die Allianz stellt ihre Vorhaben vor, danach "
        "Gespräche an Thementischen.",
        "",
        80,
    ),
    (
        "Bespielung: Galerie auf Zeit in der Marktgasse 3",
        Format.TEMPORARY_USE,
        23,
        15,
        6,
        "Ein leerer Laden wird für ein Wochenende zur Galerie mit Arbeiten aus dem "
        "Kreativworkshop und Musik am Abend.",
        "Ladenlokal Marktgasse 3",
        None,
    ),
]

ADDRESSES = {
    Format.LIVING_LAB: "Wochenmarkt am Talplatz, 39999 Musterstadt (fiktiv)",
    Format.NEIGHBOURHOOD_FORUM: "Gemeindesaal, Kirchplatz 2, 39999 Musterstadt (fiktiv)",
}


def _second_tuesday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    first_tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + datetime.timedelta(days=7)


def _months_back(today: datetime.date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def load_demo_events() -> tuple[int, int]:
    """Returns the number of events and of action items in the demo."""
    neighbourhood = Neighbourhood.objects.filter(slug=DEMO_SLUG).first()
    alliance = Alliance.objects.filter(name__in=ALLIANCE_NAMES).order_by("name").first()
    actors = {
        a.slug.removeprefix(SLUG_PREFIX): a
        for a in Actor.objects.filter(slug__startswith=SLUG_PREFIX)
    }
    admin = User.objects.filter(email=settings.DEMO_ADMIN_EMAIL).first()
    owners = {
        "initiative": User.objects.filter(email=INITIATIVE_USER_EMAIL).first(),
        "housing": User.objects.filter(email=HOUSING_USER_EMAIL).first(),
    }
    organisers = [a for key, a in actors.items() if key in ("quartiersmanagement",)]
    owner_actors = {
        "initiative": actors.get("ladenleben"),
        "housing": actors.get("talviertel-wohnen"),
    }
    today = timezone.localdate()

    series = Series.objects.filter(title=ROUND_TABLE).first()
    if series is None:
        # three meetings lie in the past: start three months back, or two when this
        # month's meeting is over already
        passed = timezone.now() > _at(_second_tuesday(today.year, today.month), 18)
        year, month = _months_back(today, 2 if passed else 3)
        series = Series.objects.create(
            title=ROUND_TABLE,
            format=Format.ROUND_TABLE,
            description="Der monatliche Runde Tisch der Allianz: alle Partner an einem Tisch, "
            "offen für Gäste aus dem Quartier.",
            agenda=ROUND_TABLE_AGENDA,
            address=OFFICE,
            neighbourhood=neighbourhood,
            alliance=alliance,
            rrule="FREQ=MONTHLY;BYDAY=2TU",
            first_start=_at(_second_tuesday(year, month), 18),
            duration=datetime.timedelta(hours=2),
            capacity=30,
            created_by=admin,
        )
        series.organisers.set(organisers)
        materialise(series)
    past = list(series.occurrences.order_by("start")[: len(PAST_MEETINGS)])
    for event, (text, decisions, tasks) in zip(past, PAST_MEETINGS, strict=False):
        if Minutes.objects.filter(event=event).exists():
            continue
        Minutes.objects.create(event=event, text=text, decisions=decisions, written_by=admin)
        for title, owner_key, due_in, done in tasks:
            owner = owners[owner_key]
            if owner is None:
                continue
            due = timezone.localtime(event.start).date() + datetime.timedelta(days=due_in)
            ActionItem.objects.create(
                event=event,
                title=title,
                owner=owner,
                owner_actor=owner_actors[owner_key],
                due_on=due,
                status=ActionItem.Status.DONE if done else ActionItem.Status.OPEN,
                done_at=timezone.now() if done else None,
                created_by=admin,
            )

    for title, format_, days, hour, hours, description, place_name, capacity in UPCOMING:
        if Event.objects.filter(title=title).exists():
            continue
        place = Place.objects.filter(name=place_name).first() if place_name else None
        start = _at(today + datetime.timedelta(days=days), hour)
        event = Event.objects.create(
            title=title,
            format=format_,
            description=description,
            place=place,
            address="" if place else ADDRESSES.get(format_, OFFICE),
            neighbourhood=neighbourhood,
            alliance=alliance,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            capacity=capacity,
            created_by=admin,
        )
        event.organisers.set(
            [a for key, a in actors.items() if key in ("ladenleben", "stadtlabor", "talbuehne")]
        )
    reindex_events()
    return Event.objects.count(), ActionItem.objects.count()
