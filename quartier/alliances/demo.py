"""Demo alliances of the Talviertel (idempotent): an active neighbourhood alliance with a
shared strategy and a signed cooperation agreement, and a forming alliance on vacancy and
culture whose letter of intent is in negotiation."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.alliances.clauses import template_clauses
from quartier.alliances.models import (
    Agreement,
    AgreementVersion,
    Alliance,
    AllianceMember,
    Approval,
    Goal,
    Measure,
)
from quartier.neighbourhoods.demo import DEMO_SLUG
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
        "Bis Ende 2027 sollen höchstens halb so viele Erdgeschosse leer stehen wie 2025.",
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
                "Finanzierung der Moderation nach 2027 sichern",
                "buergerstiftung",
                -30,
                300,
                "stalled",
            ),
        ],
    ),
]


def _actors(keys: list[str]) -> dict[str, Actor]:
    from quartier.actors.demo import ACTORS

    slugs = {spec.key: spec.slug for spec in ACTORS if spec.key in keys}
    by_slug = {a.slug: a for a in Actor.objects.filter(slug__in=slugs.values())}
    return {key: by_slug[slug] for key, slug in slugs.items() if slug in by_slug}


def _members(alliance: Alliance, rows: list[tuple], actors: dict[str, Actor], joined: date) -> None:
    for key, role, duties, hours, money, rooms, interests in rows:
        AllianceMember.objects.update_or_create(
            alliance=alliance,
            actor=actors[key],
            left_on=None,
            defaults={
                "role": role,
                "responsibilities": duties,
                "capacity_hours": hours,
                "capacity_money": money,
                "capacity_rooms": rooms,
                "interests": interests,
                "joined_on": joined,
            },
        )


def _agreement(
    alliance: Alliance,
    *,
    kind: str,
    title: str,
    parties: list[Actor],
    changed_clause: str,
    addition: str,
    approvers: dict[int, User | None],
    approve_all: bool,
    valid_from: date,
    valid_until: date,
) -> Agreement:
    agreement, created = Agreement.objects.get_or_create(
        alliance=alliance,
        title=title,
        defaults={"kind": kind, "valid_from": valid_from, "valid_until": valid_until},
    )
    if not created:
        return agreement
    agreement.parties.set(parties)
    first = template_clauses(kind, alliance=alliance.name, parties=sorted(p.name for p in parties))
    v1 = AgreementVersion.objects.create(
        agreement=agreement, number=1, clauses=first, note="Aus der Vorlage erstellt"
    )
    second = [dict(c) for c in first]
    for clause in second:
        if clause["key"] == changed_clause:
            clause["text"] = f"{clause['text']} {addition}"
    v2 = AgreementVersion.objects.create(
        agreement=agreement, number=2, clauses=second, note="Ergänzung nach dem Runden Tisch"
    )
    Approval.objects.create(version=v1, party=parties[0], approved_by=approvers.get(parties[0].pk))
    signers = parties if approve_all else parties[:1]
    for party in signers:
        Approval.objects.create(version=v2, party=party, approved_by=approvers.get(party.pk))
    agreement.status = Agreement.Status.SIGNED if approve_all else Agreement.Status.NEGOTIATION
    if approve_all:
        agreement.signed_at = timezone.now() - timedelta(days=60)
        agreement.signed_version = 2
    agreement.save()
    return agreement


@transaction.atomic
def load_demo_alliances() -> tuple[int, int]:
    """Returns the number of alliances and agreements."""
    neighbourhood = Neighbourhood.objects.filter(slug=DEMO_SLUG).first()
    actors = _actors([row[0] for row in _MAIN_MEMBERS + _CULTURE_MEMBERS] + ["modehaus-zeitlos"])
    today = timezone.localdate()
    admin = User.objects.filter(email=settings.DEMO_ADMIN_EMAIL).first()
    main, _created = Alliance.objects.get_or_create(
        name=MAIN_ALLIANCE,
        defaults={
            "purpose": "Die Allianz Talviertel bringt Verwaltung, Wohnungswirtschaft, Kultur, "
            "Initiativen und Hochschule an einen Tisch, um Leerstand zu beleben, junge "
            "Menschen zu beteiligen und das Quartier gemeinsam weiterzuentwickeln (§ 6 des "
            "Anforderungspapiers: ungewöhnliche Allianzen, institutionalisierte Runden).",
            "status": Alliance.Status.ACTIVE,
            "created_by": admin,
        },
    )
    culture, _created = Alliance.objects.get_or_create(
        name=CULTURE_ALLIANCE,
        defaults={
            "purpose": "Eigentümer, Kulturschaffende und Initiativen verabreden, leere "
            "Ladenlokale rund um die Marktgasse für Kultur auf Zeit zu öffnen.",
            "status": Alliance.Status.FORMING,
            "created_by": admin,
        },
    )
    if neighbourhood is not None:
        main.neighbourhoods.add(neighbourhood)
        culture.neighbourhoods.add(neighbourhood)
    _members(main, _MAIN_MEMBERS, actors, today - timedelta(days=400))
    _members(culture, _CULTURE_MEMBERS, actors, today - timedelta(days=45))
    if "modehaus-zeitlos" in actors:
        AllianceMember.objects.get_or_create(
            alliance=main,
            actor=actors["modehaus-zeitlos"],
            role=AllianceMember.Role.PARTNER,
            defaults={
                "responsibilities": "Schaufenster für Ausstellungen",
                "joined_on": today - timedelta(days=400),
                "left_on": today - timedelta(days=90),
            },
        )
    if not main.goals.exists():
        for position, (title, description, measures) in enumerate(_GOALS):
            goal = Goal.objects.create(
                alliance=main, title=title, description=description, position=position
            )
            for m_title, owner, start, due, status in measures:
                Measure.objects.create(
                    goal=goal,
                    title=m_title,
                    owner=actors[owner],
                    starts_on=today + timedelta(days=start),
                    due_on=today + timedelta(days=due),
                    status=status,
                )
    users = {
        m.actor_id: m.user for m in actors["ladenleben"].memberships.select_related("user")
    } | {m.actor_id: m.user for m in actors["talviertel-wohnen"].memberships.select_related("user")}
    main_parties = [
        actors[k]
        for k in (
            "quartiersmanagement",
            "stadtplanungsamt",
            "talviertel-wohnen",
            "ladenleben",
            "talbuehne",
        )
    ]
    _agreement(
        main,
        kind=Agreement.Kind.COOPERATION,
        title="Kooperationsvereinbarung Allianz Talviertel 2026–2028",
        parties=main_parties,
        changed_clause="decisions",
        addition="Beschlüsse werden im Protokoll festgehalten und mit verantwortlicher Person "
        "und Frist als Aufgabe eingetragen.",
        approvers={p.pk: users.get(p.pk, admin) for p in main_parties},
        approve_all=True,
        valid_from=today - timedelta(days=60),
        valid_until=today + timedelta(days=670),
    )
    culture_parties = [
        actors[k] for k in ("ladenleben", "zwischenraum", "kulturamt", "eigentuemer-marktgasse")
    ]
    _agreement(
        culture,
        kind=Agreement.Kind.LETTER_OF_INTENT,
        title="Absichtserklärung Kultur auf Zeit in der Marktgasse",
        parties=culture_parties,
        changed_clause="contributions",
        addition="Die Eigentümergemeinschaft stellt das Ladenlokal Marktgasse 9 für "
        "zunächst sechs Monate gegen Übernahme der Nebenkosten zur Verfügung.",
        approvers={p.pk: users.get(p.pk, admin) for p in culture_parties},
        approve_all=False,
        valid_from=today + timedelta(days=30),
        valid_until=today + timedelta(days=395),
    )
    return Alliance.objects.count(), Agreement.objects.count()
