"""Demo of the network area in the Talviertel, written through the services, every date
relative to today: three introductions (accepted and turned into a cooperation, pending,
declined with a reason) and two tandems (running with logged meetings, completed with the
reviews of both sides). Idempotent: a second run adds nothing."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.network import services, tandem_services
from quartier.network.models import Introduction, Tandem

INTRODUCTIONS = [
    # first, second, note, what happens
    (
        "Zwischenraum-Agentur Talgrund",
        "Eigentümergemeinschaft Marktgasse 9–11",
        "Die Agentur sucht Räume für Zwischennutzungen, die Eigentümergemeinschaft hat zwei "
        "leere Läden.",
        "cooperation",
    ),
    (
        "Initiative Ladenleben Talviertel",
        "Talviertel Wohnen GmbH",
        "Die Initiative sucht Räume für Pop-up-Läden; die Wohnungsgesellschaft hat "
        "Gewerbeflächen im Erdgeschoss.",
        "pending",
    ),
    (
        "Podcast-Kollektiv Taltöne",
        "Gasthaus Zum Talkrug",
        "Ein Podcast über das Talviertel könnte im Gasthaus live aufgenommen werden.",
        "declined",
    ),
]

TANDEMS = [
    # mentor, mentee, goals, months, rhythm, started days ago, sessions, completed days ago
    (
        "Sozialwerk Talgrund gGmbH",
        "Jugendinitiative Talwärts",
        "Einen Verein gründen und den ersten Förderantrag stellen.",
        6,
        Tandem.Rhythm.FORTNIGHTLY,
        60,
        [(56, 90, "Satzung besprochen"), (42, 60, "Förderprogramme gesichtet"), (14, 75, "Antrag")],
        None,
    ),
    (
        "Mehrgenerationenhaus Talviertel e.V.",
        "Reparaturcafé Talviertel",
        "Ehrenamtliche gewinnen und Räume für feste Termine finden.",
        4,
        Tandem.Rhythm.MONTHLY,
        150,
        [(140, 60, "Erstes Kennenlernen"), (110, 45, "Ehrenamtsbörse"), (80, 60, "Raumfrage")],
        20,
    ),
]


def _actor(name: str) -> Actor | None:
    return Actor.objects.filter(name__startswith=name).order_by("pk").first()


def _ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def load_demo_network() -> tuple[int, int]:
    """Returns the number of introductions and tandems of the demo (new or present)."""
    by = User.objects.filter(email=settings.DEMO_ADMIN_EMAIL).first()
    if by is None:
        return 0, 0
    introductions = 0
    for first_name, second_name, note, fate in INTRODUCTIONS:
        first, second = _actor(first_name), _actor(second_name)
        if first is None or second is None:
            continue
        low, high = sorted((first.pk, second.pk))
        if Introduction.objects.filter(low=low, high=high).exists():
            introductions += 1
            continue
        try:
            introduction = services.propose_introduction(first, second, note=note, by=by)
        except ValidationError:
            continue  # already tied or opted out in this demo
        introductions += 1
        if fate == "pending":
            services.answer_introduction(introduction, first, accept=True, by=by)
        elif fate == "declined":
            services.answer_introduction(
                introduction,
                second,
                accept=False,
                by=by,
                reason="Derzeit keine Kapazität – gern im Herbst noch einmal fragen.",
            )
        else:
            services.answer_introduction(introduction, first, accept=True, by=by)
            services.answer_introduction(introduction, second, accept=True, by=by)
            services.record_outcome(introduction, Introduction.Outcome.COOPERATION, by=by)
    tandems = 0
    for mentor_name, mentee_name, goals, months, rhythm, started, sessions, ended in TANDEMS:
        mentor, mentee = _actor(mentor_name), _actor(mentee_name)
        if mentor is None or mentee is None:
            continue
        low, high = sorted((mentor.pk, mentee.pk))
        if Tandem.objects.filter(low=low, high=high).exists():
            tandems += 1
            continue
        if not mentor.is_established or mentee.is_established:
            continue
        tandem_services.save_mentoring_offer(
            mentor, by=by, topics="Vereinsgründung, Fördermittel, Ehrenamt", capacity=2
        )
        tandem = tandem_services.request_tandem(
            mentee, mentor, by=by, goals=goals, months=months, rhythm=rhythm
        )
        tandem_services.answer_tandem(tandem, mentor, accept=True, by=by, on=_ago(started))
        tandem.refresh_from_db()
        for days_ago, minutes, note in sessions:
            tandem_services.log_session(
                tandem, by=by, held_on=_ago(days_ago), minutes=minutes, note=note
            )
        if ended is not None:
            tandem_services.complete_tandem(
                tandem,
                by=by,
                actor=mentee,
                outcome=Tandem.Outcome.GOALS_MET,
                review="Wir haben zwölf neue Ehrenamtliche und einen festen Raum im Haus.",
                on=_ago(ended),
            )
            tandem_services.review_tandem(
                tandem,
                by=by,
                actor=mentor,
                review="Ein Gewinn für beide Seiten – das Reparaturcafé bleibt bei uns.",
            )
        tandems += 1
    return introductions, tandems
