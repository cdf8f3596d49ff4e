"""Demo alliances of the Talviertel (idempotent): an active neighbourhood alliance with a
shared strategy and a signed cooperation agreement, and a forming alliance on vacancy and
culture whose letter of intent is in negotiation.

The data lie in `demo_data/alliances.json` (dates in days from today). Everything is written
through the alliance services, as the members would do it: the alliances are founded,
members join (and one leaves), one actor is invited and has not answered yet, goals and
measures are set, and each agreement is drafted from its template, put up for negotiation,
approved in version 1 by one party, revised to version 2 and approved by the
administrators of the parties – so the agreements reach their states through the workflow
and have a history."""

from decimal import Decimal
from typing import Any

from quartier.accounts.models import User
from quartier.actors.demo import demo_actor_objects
from quartier.actors.models import Actor
from quartier.alliances.clauses import Clause
from quartier.alliances.models import Agreement, Alliance, Goal, Measure
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
from quartier.neighbourhoods.demo import DEMO_SLUG, demo_admin, in_days, read_json
from quartier.neighbourhoods.models import Neighbourhood

ALLIANCES: list[dict[str, Any]] = read_json("alliances", "alliances.json")
MAIN_ALLIANCE, CULTURE_ALLIANCE = (spec["name"] for spec in ALLIANCES)


def load_demo_alliances() -> tuple[int, int]:
    """Returns the number of alliances and agreements."""
    admin = demo_admin()
    actors = demo_actor_objects()
    for spec in ALLIANCES:
        alliance = _alliance(spec, actors, admin)
        _former_members(alliance, spec["former_members"], actors, admin)
        _invitations(alliance, spec["invited"], actors)
        _strategy(alliance, spec["goals"], actors, admin)
        _agreement(alliance, spec["agreement"], actors, admin)
    return Alliance.objects.count(), Agreement.objects.count()


def _alliance(spec: dict[str, Any], actors: dict[str, Actor], admin: User) -> Alliance:
    """Founds the alliance when it is missing and lets the listed actors join; puts back
    what was changed in their memberships."""
    alliance = Alliance.objects.filter(name=spec["name"]).first()
    if alliance is None:
        neighbourhood = Neighbourhood.objects.filter(slug=DEMO_SLUG).first()
        alliance = create_alliance(
            name=spec["name"],
            purpose=spec["purpose"],
            initiator=actors[spec["members"][0]["actor"]],
            by=admin,
            neighbourhoods=[neighbourhood] if neighbourhood else [],
            status=spec["status"],
        )
    active = {m.actor_id: m for m in alliance.members.filter(left_on=None)}
    for entry in spec["members"]:
        actor = actors[entry["actor"]]
        fields: dict[str, Any] = {
            "role": entry["role"],
            "responsibilities": entry["responsibilities"],
            "capacity_hours": entry["capacity_hours"],
            "capacity_money": Decimal(entry["capacity_money"])
            if "capacity_money" in entry
            else None,
            "capacity_rooms": entry.get("capacity_rooms", ""),
            "interests": entry["interests"],
            "joined_on": in_days(spec["joined"]),
        }
        member = active.get(actor.pk)
        if member is None:
            add_member(alliance, actor=actor, by=admin, **fields)
        elif any(getattr(member, name) != value for name, value in fields.items()):
            update_member(member, by=admin, **fields)
    return alliance


def _former_members(
    alliance: Alliance, entries: list[dict[str, Any]], actors: dict[str, Actor], admin: User
) -> None:
    for entry in entries:
        actor = actors[entry["actor"]]
        if alliance.members.filter(actor=actor).exists():
            continue
        member = add_member(
            alliance,
            actor=actor,
            role=entry["role"],
            by=admin,
            responsibilities=entry["responsibilities"],
            joined_on=in_days(entry["joined"]),
        )
        leave_alliance(member, by=admin, on=in_days(entry["left"]))


def _invitations(
    alliance: Alliance, entries: list[dict[str, Any]], actors: dict[str, Actor]
) -> None:
    """Open invitations, sent by an administrator of a steering actor: they wait for the
    invited actor's administrators (a demo member can accept or decline)."""
    for entry in entries:
        actor = actors[entry["actor"]]
        if alliance.members.filter(actor=actor).exists():
            continue
        add_member(
            alliance,
            actor=actor,
            role=entry["role"],
            by=_administrator(actors[entry["by"]], not_of=actor),
            responsibilities=entry["responsibilities"],
            capacity_rooms=entry.get("capacity_rooms", ""),
            interests=entry.get("interests", ""),
        )


def _strategy(
    alliance: Alliance, goals: list[dict[str, Any]], actors: dict[str, Actor], admin: User
) -> None:
    if alliance.goals.exists():
        return
    for entry in goals:
        goal = Goal(alliance=alliance, title=entry["title"], description=entry["description"])
        goal = save_goal(goal, by=admin)
        for m in entry["measures"]:
            measure = Measure(
                goal=goal,
                title=m["title"],
                owner=actors[m["owner"]],
                starts_on=in_days(m["starts"]),
                due_on=in_days(m["due"]),
                status=m["status"],
            )
            save_measure(measure, by=admin)


def _administrator(actor: Actor, not_of: Actor | None = None) -> User:
    """A person who may approve for the actor: one of its administrators (one who does not
    also administer `not_of`, when given)."""
    memberships = actor.memberships.filter(role="admin").select_related("user")
    if not_of is not None:
        memberships = memberships.exclude(user__memberships__actor=not_of)
    membership = memberships.first()
    assert membership is not None, actor  # every demo actor has the person who entered it
    return membership.user


def _agreement(
    alliance: Alliance, spec: dict[str, Any], actors: dict[str, Actor], admin: User
) -> Agreement:
    """Takes the agreement through the workflow once: draft, negotiation, approval of
    version 1 by the first party, version 2 with an addition, approval of version 2 by the
    first party or by all (which signs it)."""
    agreement = alliance.agreements.filter(kind=spec["kind"]).first()
    if agreement is not None:
        return agreement
    valid_from, valid_until = in_days(spec["valid_from"]), in_days(spec["valid_until"])
    assert valid_from is not None and valid_until is not None
    parties = [actors[key] for key in spec["parties"]]
    agreement = draft_agreement(
        alliance,
        kind=spec["kind"],
        title=spec["title"].format(from_year=valid_from.year, until_year=valid_until.year),
        parties=parties,
        by=admin,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    open_negotiation(agreement, by=admin)
    approve(agreement, party=parties[0], version_number=1, by=_administrator(parties[0]))
    clauses = [
        Clause(
            key=c["key"],
            title=c["title"],
            text=f"{c['text']} {spec['addition']}"
            if c["key"] == spec["changed_clause"]
            else c["text"],
        )
        for c in latest_version(agreement).clauses
    ]
    revise_agreement(agreement, clauses=clauses, by=admin, note="Ergänzung nach dem Runden Tisch")
    for party in parties if spec["approved_by_all"] else parties[:1]:
        approve(agreement, party=party, version_number=2, by=_administrator(party))
    return agreement
