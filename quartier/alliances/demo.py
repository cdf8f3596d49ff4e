"""Demo alliances of the Talviertel (idempotent): an active neighbourhood alliance with a
shared strategy and a signed cooperation agreement, and a forming alliance on vacancy and
culture whose letter of intent is in negotiation.

Everything is written through the alliance services, as the members would do it: the
alliances are founded, members join (and one leaves), goals and measures are set, and each
agreement is drafted from its template, put up for negotiation, approved in version 1 by
one party, revised to version 2 and approved by the administrators of the parties – so the
agreements reach their states through the workflow and have a history. Dates are relative
to today."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.demo import demo_actor_objects
from quartier.actors.models import Actor
from quartier.alliances.clauses import Clause
from quartier.alliances.models import Agreement, Alliance, AllianceMember, Goal, Measure
from quartier.alliances.services import (
    add_member,
    approve,
    create_alliance,
    draft_agreement,
    latest_version,
    leave_alliance,
    open_negotiation,
    revise_agreement,
    save_goal,
    save_measure,
    update_member,
)
from quartier.neighbourhoods.demo import DEMO_SLUG, demo_admin
from quartier.neighbourhoods.models import Neighbourhood

MAIN_ALLIANCE = "Allianz Talviertel"
CULTURE_ALLIANCE = "Bündnis Leerstand und Kultur Talviertel"

# (actor slug key as in the actors demo, role, responsibilities, hours, money, rooms, interests)
_MAIN_MEMBERS = [
    (
        "quartiersmanagement",
        "initiator",
        "Moderation des Runden Tisches, Protokolle, Öffentlichkeitsarbeit",
        24,
        None,
        "Stadtteilbüro für Treffen",
        "Ein Quartier, in dem Alt und Neu zusammenarbeiten",
    ),
    (
        "stadtplanungsamt",
        "lead",
        "Verbindung zur Verwaltung, Genehmigungsfragen, Städtebauförderung",
        12,
        Decimal("15000"),
        "",
        "Belebte Innenstadt, Verstetigung nach der Förderung",
    ),
    (
        "talviertel-wohnen",
        "partner",
        "Leerstehende Erdgeschosse für Zwischennutzung, Mieterkontakte",
        8,
        Decimal("5000"),
        "Erdgeschoss Marktgasse 4",
        "Vermietbare, gepflegte Erdgeschosse",
    ),
    (
        "talbuehne",
        "partner",
        "Kulturprogramm und Bespielung leerer Orte",
        10,
        None,
        "Probebühne an zwei Abenden im Monat",
        "Neue Spielorte und neues Publikum",
    ),
    (
        "ladenleben",
        "partner",
        "Vermittlung von Zwischennutzungen, Kontakt zu Kreativen",
        16,
        None,
        "",
        "Bezahlbare Räume für Initiativen",
    ),
    (
        "stadtlabor",
        "partner",
        "Befragungen, Entwürfe, Reallabor mit Studierenden",
        20,
        None,
        "",
        "Praxisprojekte für das Studium",
    ),
    (
        "buergerstiftung",
        "funder",
        "Kleiner Verfügungsfonds für Mikroprojekte",
        2,
        Decimal("8000"),
        "",
        "Sichtbares Engagement in der Stadt",
    ),
    (
        "campusbuero",
        "intermediary",
        "Brücke zwischen Hochschule und Quartier",
        6,
        None,
        "",
        "Transfer und Nachwuchs für das Quartier",
    ),
]
_CULTURE_MEMBERS = [
    (
        "ladenleben",
        "initiator",
        "Sammeln der Raumgesuche, Koordination",
        10,
        None,
        "",
        "Leerstand sinnvoll nutzen",
    ),
    (
        "zwischenraum",
        "lead",
        "Verträge und Übergaben für Zwischennutzungen",
        8,
        None,
        "",
        "Professionelle Zwischennutzung",
    ),
    (
        "kulturamt",
        "partner",
        "Kulturförderung, Veranstaltungsgenehmigungen",
        4,
        Decimal("3000"),
        "",
        "Kultur in die Innenstadt",
    ),
    (
        "spindelhaus",
        "partner",
        "Technik und Erfahrung mit Veranstaltungen",
        6,
        None,
        "Lager für Bühnentechnik",
        "Neue Orte für Soziokultur",
    ),
    (
        "eigentuemer-marktgasse",
        "partner",
        "Stellt Ladenlokale auf Zeit zur Verfügung",
        2,
        None,
        "Ladenlokal Marktgasse 9",
        "Belebung statt Verfall",
    ),
]
_GOALS = [
    (
        "Leerstand im Erdgeschoss halbieren",
        "In zwei Jahren sollen höchstens halb so viele Erdgeschosse leer stehen wie heute.",
        [
            (
                "Leerstandsregister mit Eigentümerkontakten aufbauen",
                "stadtplanungsamt",
                -300,
                -120,
                "done",
            ),
            ("Fünf Zwischennutzungen im Jahr vermitteln", "ladenleben", -200, 200, "in_progress"),
            (
                "Mustervertrag für Zwischennutzung abstimmen",
                "talviertel-wohnen",
                -150,
                30,
                "in_progress",
            ),
        ],
    ),
    (
        "Junge Menschen dauerhaft beteiligen",
        "Schüler- und Studierendeninitiativen sollen fester Teil der Allianz sein, auch "
        "wenn Jahrgänge wechseln.",
        [
            ("Reallabor Marktplatz mit der Hochschule", "stadtlabor", -90, 120, "in_progress"),
            (
                "Übergabeverfahren für Initiativen beim Generationenwechsel",
                "campusbuero",
                0,
                180,
                "planned",
            ),
        ],
    ),
    (
        "Den Runden Tisch verstetigen",
        "Ein monatlicher Runder Tisch mit verbindlichen Aufgaben und Protokollen.",
        [
            ("Geschäftsordnung des Runden Tisches", "quartiersmanagement", -200, -150, "done"),
            (
                "Finanzierung der Moderation nach dem Ende der Förderung sichern",
                "buergerstiftung",
                -30,
                300,
                "stalled",
            ),
        ],
    ),
]


def _alliance(
    name: str, purpose: str, status: str, rows: list[tuple], joined: date, admin: User
) -> Alliance:
    """Founds the alliance when it is missing and lets the listed actors join; puts back
    what was changed in their memberships."""
    actors = demo_actor_objects()
    alliance = Alliance.objects.filter(name=name).first()
    if alliance is None:
        neighbourhood = Neighbourhood.objects.filter(slug=DEMO_SLUG).first()
        alliance = create_alliance(
            name=name,
            purpose=purpose,
            initiator=actors[rows[0][0]],
            by=admin,
            neighbourhoods=[neighbourhood] if neighbourhood else [],
            status=status,
        )
    active = {m.actor_id: m for m in alliance.members.filter(left_on=None)}
    for key, role, duties, hours, money, rooms, interests in rows:
        fields: dict[str, Any] = {
            "role": role,
            "responsibilities": duties,
            "capacity_hours": hours,
            "capacity_money": money,
            "capacity_rooms": rooms,
            "interests": interests,
            "joined_on": joined,
        }
        member = active.get(actors[key].pk)
        if member is None:
            add_member(alliance, actor=actors[key], by=admin, **fields)
        elif any(getattr(member, k) != v for k, v in fields.items()):
            update_member(member, by=admin, **fields)
    return alliance


def _strategy(alliance: Alliance, actors: dict[str, Actor], admin: User) -> None:
    if alliance.goals.exists():
        return
    today = timezone.localdate()
    for title, description, measures in _GOALS:
        goal = save_goal(Goal(alliance=alliance, title=title, description=description), by=admin)
        for m_title, owner, start, due, status in measures:
            measure = Measure(
                goal=goal,
                title=m_title,
                owner=actors[owner],
                starts_on=today + timedelta(days=start),
                due_on=today + timedelta(days=due),
                status=status,
            )
            save_measure(measure, by=admin)


def _administrator(actor: Actor) -> User:
    """A person who may approve for the actor: one of its administrators."""
    membership = actor.memberships.filter(role="admin").select_related("user").first()
    assert membership is not None, actor  # every demo actor has the person who entered it
    return membership.user


def _agreement(
    alliance: Alliance,
    *,
    kind: str,
    title: str,
    parties: list[Actor],
    changed_clause: str,
    addition: str,
    approve_all: bool,
    valid_from: date,
    valid_until: date,
    admin: User,
) -> Agreement:
    """Takes the agreement through the workflow once: draft, negotiation, approval of
    version 1 by the first party, version 2 with an addition, approval of version 2 by the
    first party or by all (which signs it)."""
    agreement = alliance.agreements.filter(kind=kind).first()
    if agreement is not None:
        return agreement
    agreement = draft_agreement(
        alliance,
        kind=kind,
        title=title,
        parties=parties,
        by=admin,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    open_negotiation(agreement, by=admin)
    first = parties[0]
    approve(agreement, party=first, version_number=1, by=_administrator(first))
    clauses = [
        Clause(key=c["key"], title=c["title"], text=c["text"])
        for c in latest_version(agreement).clauses
    ]
    for clause in clauses:
        if clause["key"] == changed_clause:
            clause["text"] = f"{clause['text']} {addition}"
    revise_agreement(agreement, clauses=clauses, by=admin, note="Ergänzung nach dem Runden Tisch")
    for party in parties if approve_all else parties[:1]:
        approve(agreement, party=party, version_number=2, by=_administrator(party))
    return agreement


def load_demo_alliances() -> tuple[int, int]:
    """Returns the number of alliances and agreements."""
    admin = demo_admin()
    actors = demo_actor_objects()
    today = timezone.localdate()
    main = _alliance(
        MAIN_ALLIANCE,
        "Die Allianz Talviertel bringt Verwaltung, Wohnungswirtschaft, Kultur, Initiativen "
        "und Hochschule an einen Tisch, um Leerstand zu beleben, junge Menschen zu beteiligen "
        "und das Quartier gemeinsam weiterzuentwickeln (§ 6 des Anforderungspapiers: "
        "ungewöhnliche Allianzen, institutionalisierte Runden).",
        Alliance.Status.ACTIVE,
        _MAIN_MEMBERS,
        today - timedelta(days=400),
        admin,
    )
    culture = _alliance(
        CULTURE_ALLIANCE,
        "Eigentümer, Kulturschaffende und Initiativen verabreden, leere Ladenlokale rund um "
        "die Marktgasse für Kultur auf Zeit zu öffnen.",
        Alliance.Status.FORMING,
        _CULTURE_MEMBERS,
        today - timedelta(days=45),
        admin,
    )
    if not main.members.filter(actor=actors["modehaus-zeitlos"]).exists():
        member = add_member(
            main,
            actor=actors["modehaus-zeitlos"],
            role=AllianceMember.Role.PARTNER,
            by=admin,
            responsibilities="Schaufenster für Ausstellungen",
            joined_on=today - timedelta(days=400),
        )
        leave_alliance(member, by=admin, on=today - timedelta(days=90))
    _strategy(main, actors, admin)
    valid_from, valid_until = today - timedelta(days=60), today + timedelta(days=670)
    _agreement(
        main,
        kind=Agreement.Kind.COOPERATION,
        title=f"Kooperationsvereinbarung Allianz Talviertel {valid_from.year}–{valid_until.year}",
        parties=[
            actors[key]
            for key in (
                "quartiersmanagement",
                "stadtplanungsamt",
                "talviertel-wohnen",
                "ladenleben",
                "talbuehne",
            )
        ],
        changed_clause="decisions",
        addition="Beschlüsse werden im Protokoll festgehalten und mit verantwortlicher Person "
        "und Frist als Aufgabe eingetragen.",
        approve_all=True,
        valid_from=valid_from,
        valid_until=valid_until,
        admin=admin,
    )
    _agreement(
        culture,
        kind=Agreement.Kind.LETTER_OF_INTENT,
        title="Absichtserklärung Kultur auf Zeit in der Marktgasse",
        parties=[
            actors[key]
            for key in ("ladenleben", "zwischenraum", "kulturamt", "eigentuemer-marktgasse")
        ],
        changed_clause="contributions",
        addition="Die Eigentümergemeinschaft stellt das Ladenlokal Marktgasse 9 für "
        "zunächst sechs Monate gegen Übernahme der Nebenkosten zur Verfügung.",
        approve_all=False,
        valid_from=today + timedelta(days=30),
        valid_until=today + timedelta(days=395),
        admin=admin,
    )
    return Alliance.objects.count(), Agreement.objects.count()
