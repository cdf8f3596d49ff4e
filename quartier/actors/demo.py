"""Demo actors and ties for the fictional neighbourhood „Musterstadt (fiktiv) – Talviertel“.

Everything is invented: the town, the streets, the organisations, the postcode. No real
organisation's or person's name appears; contact persons carry only generic role names and
e-mail addresses under the reserved domain musterstadt.example.

The data lie in `demo_data/`: `actors.csv` in the actor import format (docs/imports.md) with
the demo's own key in the column „Kennung“, `actor_details.json` with what that format has
no columns for (topics, the contact, offers and needs with their notes), and `ties.json`
(`since` in days from today). The actors are read by the actor importer and written by the
actor services; each tie is proposed and then confirmed or rejected through the services, as
members would do, so every record has its history.

The network has three clusters on purpose, so that network analysis has something to find:
the established actors (administration, housing, owners, business, state bodies), the
cultural and creative scene, and the social and educational actors. The campus office and
the Kulturamt broker between them; a few actors have no ties at all.

Direction of directed ties: funding goes from funder to funded, tenancy from landlord to
tenant, membership from member to organisation, mentoring from mentor to mentee, supply from
supplier to customer.
"""

import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from quartier.accounts.models import User
from quartier.accounts.services import ensure_demo_member
from quartier.actors.models import Actor, ContactPerson, Resource, ResourceKind, Tie
from quartier.actors.services import (
    TRACKED_FIELDS,
    answer_tie,
    create_actor,
    ensure_topics,
    propose_tie,
    replace_contacts,
    replace_resources,
    update_actor,
)
from quartier.imports.actor_import import ActorImporter
from quartier.imports.parsing import read_table
from quartier.neighbourhoods.demo import (
    csv_for_import,
    demo_admin,
    in_days,
    load_demo_neighbourhood,
    read_csv,
    read_json,
)
from quartier.neighbourhoods.models import Neighbourhood

SLUG_PREFIX = "musterstadt-"
MAIL_DOMAIN = "musterstadt.example"
POSTCODE = "39999"
CITY = "Musterstadt"
CENTRE = (51.70, 11.74)  # the invented town centre, as in neighbourhoods/demo_data

INITIATIVE_USER_EMAIL = f"initiative@{MAIL_DOMAIN}"
HOUSING_USER_EMAIL = f"wohnen@{MAIL_DOMAIN}"
# who entered the demo actors (and so administers them); cannot log in
DATA_ENTRY_EMAIL = f"datenpflege@{MAIL_DOMAIN}"
# the two demo members: e-mail, last name, the actor they created and administer
DEMO_MEMBERS = {
    "ladenleben": (INITIATIVE_USER_EMAIL, "Initiative Ladenleben"),
    "talviertel-wohnen": (HOUSING_USER_EMAIL, "Talviertel Wohnen"),
}

# Contact persons are roles, never people.
GENERIC_CONTACT_NAMES = frozenset(
    {
        "Geschäftsstelle",
        "Koordination",
        "Vorstand",
        "Sekretariat",
        "Büro",
        "Schulleitung",
        "Pfarrbüro",
        "Vermietung",
        "Ladenteam",
        "Team",
        "Projektbüro",
    }
)
# Actors deliberately without any tie.
ISOLATED_KEYS = frozenset(
    {"ferienwohnungen-talhang", "modehaus-zeitlos", "podcast-taltoene", "imkerverein"}
)


@dataclass(frozen=True)
class DemoActor:
    """One row of actors.csv with its details from actor_details.json."""

    key: str
    name: str
    sector: str
    goals: str
    topics: list[str]
    contact: dict[str, str]
    offers: list[dict[str, Any]] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return SLUG_PREFIX + self.key


def _read_actors() -> list[DemoActor]:
    rows = read_csv("actors", "actors.csv")
    details = read_json("actors", "actor_details.json")
    columns = {header: i for i, header in enumerate(rows[0])}
    return [
        DemoActor(
            key=row[columns["Kennung"]],
            name=row[columns["Name"]],
            sector=row[columns["Sektor"]],
            goals=row[columns["Ziele"]],
            **details[row[columns["Kennung"]]],
        )
        for row in rows[1:]
    ]


ACTORS: list[DemoActor] = _read_actors()
TIES: list[dict[str, Any]] = read_json("actors", "ties.json")
TOPICS: list[str] = list(dict.fromkeys(name for spec in ACTORS for name in spec.topics))


def load_demo_actors() -> tuple[int, int]:
    """Fills the fictional neighbourhood with actors, offers and needs, contacts, ties and
    two demo members. Idempotent: a second run changes only what differs from the data."""
    with transaction.atomic():
        neighbourhood = load_demo_neighbourhood()
        admin = demo_admin()
        neighbourhood.managers.add(admin)
        creators = {
            key: ensure_demo_member(email, settings.DEMO_ADMIN_PASSWORD, name=name)
            for key, (email, name) in DEMO_MEMBERS.items()
        }
        data_entry = ensure_demo_member(DATA_ENTRY_EMAIL, None, name="Datenpflege")
        actors = _sync_actors(neighbourhood, admin, creators, data_entry)
        _sync_ties(actors, admin)
    return len(ACTORS), len(TIES)


def _sync_actors(
    neighbourhood: Neighbourhood, admin: User, creators: dict[str, User], data_entry: User
) -> dict[str, Actor]:
    """Reads actors.csv with the actor importer (which checks every row as an upload would)
    and creates the actors that are missing, or puts back what was changed."""
    data = csv_for_import(read_csv("actors", "actors.csv"))
    table = read_table(io.BytesIO(data), "actors.csv")
    importer = ActorImporter(admin)
    result = importer.check(
        table.headers, table.rows, table.row_numbers, importer.suggest_mapping(table.headers)
    )
    if result.errors:
        raise ValueError(f"actors.csv: {result.errors}")
    key_of_row = dict(zip(table.row_numbers, (row[0] for row in table.rows), strict=True))
    specs = {spec.key: spec for spec in ACTORS}
    topics = ensure_topics(TOPICS, by=admin)
    stored = {
        a.slug: a
        for a in Actor.objects.filter(slug__in=[s.slug for s in ACTORS]).prefetch_related(
            "topics", "neighbourhoods", "resources", "contacts"
        )
    }
    actors: dict[str, Actor] = {}
    for item in result.items:
        spec = specs[key_of_row[item.row]]
        m2m: dict[str, list[Any]] = {
            "topics": [topics[name] for name in spec.topics],
            "neighbourhoods": [neighbourhood],
        }
        actor = stored.get(spec.slug)
        if actor is None:
            actor = item.actor
            actor.slug = spec.slug
            actor = create_actor(actor, by=creators.get(spec.key, data_entry), m2m=m2m)
        elif _differs(actor, item.actor, m2m):
            for name in TRACKED_FIELDS:
                setattr(actor, name, getattr(item.actor, name))
            actor = update_actor(actor, by=admin, m2m=m2m)
        _sync_resources(actor, spec, neighbourhood, admin)
        _sync_contact(actor, spec, admin)
        actors[spec.key] = actor
    return actors


def _differs(actor: Actor, wanted: Actor, m2m: dict[str, list[Any]]) -> bool:
    if any(getattr(actor, name) != getattr(wanted, name) for name in TRACKED_FIELDS):
        return True
    return any(
        {o.pk for o in getattr(actor, name).all()} != {o.pk for o in objects}
        for name, objects in m2m.items()
    )


def _sync_resources(
    actor: Actor, spec: DemoActor, neighbourhood: Neighbourhood, admin: User
) -> None:
    wanted = [
        Resource(
            direction=direction,
            kind=entry["kind"],
            note=entry["note"],
            topic=entry.get("topic", ""),
            area_m2=entry.get("area_m2"),
            neighbourhood=neighbourhood if entry["kind"] == ResourceKind.SPACE else None,
        )
        for direction, entries in (
            (Resource.Direction.OFFER, spec.offers),
            (Resource.Direction.NEED, spec.needs),
        )
        for entry in entries
    ]

    def signature(resources: Any) -> list[tuple[Any, ...]]:
        return sorted(
            (r.direction, r.kind, r.note, r.topic, r.area_m2 or 0, r.neighbourhood_id or 0)
            for r in resources
        )

    if signature(actor.resources.all()) != signature(wanted):
        replace_resources(actor, wanted, by=admin)


def _sync_contact(actor: Actor, spec: DemoActor, admin: User) -> None:
    contact = spec.contact
    email = f"{contact['mailbox']}@{MAIL_DOMAIN}"
    stored = [(c.name, c.role, c.email, c.phone, c.public_consent) for c in actor.contacts.all()]
    if stored != [(contact["name"], contact["role"], email, "", True)]:
        wanted = ContactPerson(
            name=contact["name"], role=contact["role"], email=email, public_consent=True
        )
        replace_contacts(actor, [wanted], by=admin)


def _sync_ties(actors: dict[str, Actor], admin: User) -> None:
    """Proposes each listed tie that is missing, then confirms or rejects it as the other
    side would; ties that exist are left as they are (also those made while trying the
    demo)."""
    ids = [a.pk for a in actors.values()]
    stored = set(
        Tie.objects.filter(source_id__in=ids, target_id__in=ids).values_list(
            "source_id", "target_id", "kind"
        )
    )
    for spec in TIES:
        source, target = actors[spec["source"]], actors[spec["target"]]
        if (source.pk, target.pk, spec["kind"]) in stored:
            continue
        tie = Tie(
            source=source,
            target=target,
            kind=spec["kind"],
            origin=spec["origin"],
            since=in_days(spec["since"]),
            note=spec.get("note", ""),
        )
        tie = propose_tie(tie, by=admin)
        if spec["status"] != Tie.Status.UNCONFIRMED:
            answer_tie(tie, confirm=spec["status"] == Tie.Status.CONFIRMED, by=admin)


def demo_actor_objects() -> dict[str, Actor]:
    """The demo actors by their key (loading them first when some are missing)."""
    actors = {
        a.slug.removeprefix(SLUG_PREFIX): a
        for a in Actor.objects.filter(slug__in=[s.slug for s in ACTORS])
    }
    if len(actors) < len(ACTORS):
        load_demo_actors()
        return demo_actor_objects()
    return actors
