"""Demo events of the fictional Talviertel (issue 5, item 7): the monthly round table of the
demo alliance („Runder Tisch Quartier“, every second Tuesday) with three past meetings whose
minutes have decisions and action items, and upcoming creative formats – a creative
workshop, a living lab, a neighbourhood forum and a temporary use („Bespielung“) of a vacant
shop in the Marktgasse. Everything here is invented.

Runs after the alliances demo (it looks the alliance up by name and holds the round table
without alliance when there is none). Everything is written through the event services:
the series and the events are saved by the demo administrator for the organising actors,
minutes and action items recorded after each past meeting (the done ones ticked off by
their owners), and the demo members register for upcoming events. Idempotent: the series
and the events are looked up by title."""

import datetime

from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.demo import HOUSING_USER_EMAIL, INITIATIVE_USER_EMAIL, demo_actor_objects
from quartier.alliances.models import Alliance
from quartier.events.models import ActionItem, Event, Format, Minutes, Series
from quartier.events.services import (
    add_action_item,
    register,
    save_event,
    save_minutes,
    save_series,
    set_action_item_status,
)
from quartier.neighbourhoods.demo import DEMO_SLUG, demo_admin, read_json
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place

ALLIANCE_NAMES = ("Allianz Talviertel", "Allianz Marktviertel")
ROUND_TABLE = "Runder Tisch Quartier"
OFFICE = "Stadtteilbüro Talviertel, Marktgasse 12, 39999 Musterstadt (fiktiv)"

ROUND_TABLE_AGENDA = """1. Begrüßung und Protokoll der letzten Sitzung
2. Berichte aus den Arbeitsgruppen (Leerstand, Kultur, Beteiligung)
3. Zwischennutzungen in der Marktgasse: Stand und nächste Schritte
4. Termine und Verschiedenes"""

# the minutes, decisions and tasks of the three past meetings, and the upcoming formats
# (in days from today)
ROUND_TABLE_DATA = read_json("events", "round_table.json")

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


def load_demo_events() -> tuple[int, int]:
    """Returns the number of events and of action items in the demo."""
    neighbourhood = Neighbourhood.objects.filter(slug=DEMO_SLUG).first()
    alliance = Alliance.objects.filter(name__in=ALLIANCE_NAMES).order_by("name").first()
    actors = demo_actor_objects()
    admin = demo_admin()
    owners = {
        "initiative": (User.objects.filter(email=INITIATIVE_USER_EMAIL).first(), "ladenleben"),
        "housing": (User.objects.filter(email=HOUSING_USER_EMAIL).first(), "talviertel-wohnen"),
    }
    today = timezone.localdate()

    series = Series.objects.filter(title=ROUND_TABLE).first()
    if series is None:
        # three meetings lie in the past: start three months back, or two when this
        # month's meeting is over already
        passed = timezone.now() > _at(_second_tuesday(today.year, today.month), 18)
        year, month = _months_back(today, 2 if passed else 3)
        series = Series(
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
        )
        save_series(series, organisers=[actors["quartiersmanagement"]], by=admin)
    meetings = ROUND_TABLE_DATA["past_meetings"]
    past = list(series.occurrences.order_by("start")[: len(meetings)])
    for event, meeting in zip(past, meetings, strict=False):
        if Minutes.objects.filter(event=event).exists():
            continue
        save_minutes(event, text=meeting["minutes"], decisions=meeting["decisions"], by=admin)
        for task in meeting["tasks"]:
            owner, actor_key = owners[task["owner"]]
            if owner is None:
                continue
            start = timezone.localtime(event.start).date()
            item = add_action_item(
                event,
                title=task["title"],
                owner=owner,
                owner_actor=actors[actor_key],
                due_on=start + datetime.timedelta(days=task["due_in_days"]),
                by=admin,
            )
            if task["done"]:
                set_action_item_status(item, ActionItem.Status.DONE, by=owner)

    organisers = [actors[key] for key in ("ladenleben", "stadtlabor", "talbuehne")]
    for spec in ROUND_TABLE_DATA["upcoming"]:
        if Event.objects.filter(title=spec["title"]).exists():
            continue
        place = Place.objects.filter(name=spec["place"]).first() if spec["place"] else None
        start = _at(today + datetime.timedelta(days=spec["in_days"]), spec["hour"])
        event = Event(
            title=spec["title"],
            format=spec["format"],
            description=spec["description"],
            place=place,
            address="" if place else ADDRESSES.get(spec["format"], OFFICE),
            neighbourhood=neighbourhood,
            alliance=alliance,
            start=start,
            end=start + datetime.timedelta(hours=spec["hours"]),
            capacity=spec["capacity"],
        )
        event = save_event(event, organisers=organisers, by=admin)
        for user, actor_key in owners.values():
            if user is not None and spec["capacity"]:
                register(event, by=user, actor=actors[actor_key])
    return Event.objects.count(), ActionItem.objects.count()
