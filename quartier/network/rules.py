"""Who may see and act in the network area. Introductions are proposed by a neighbourhood
manager, an intermediary (a member of an actor of the sector "intermediary") or an
administrator of one of the two actors; each side answers through its members."""

from typing import Any

import rules

from quartier.actors.rules import can_edit_actor, is_actor_admin, is_admin


@rules.predicate
def is_intermediary(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return user.memberships.filter(actor__sector="intermediary").exists()


@rules.predicate
def manages_a_neighbourhood(user: Any) -> bool:
    return bool(user.is_authenticated and user.managed_neighbourhoods.exists())


@rules.predicate
def answers_for_a_side(user: Any, introduction: Any) -> bool:
    if introduction is None:
        return False
    return bool(
        can_edit_actor.test(user, introduction.first)
        or can_edit_actor.test(user, introduction.second)
    )


@rules.predicate
def proposed_it(user: Any, introduction: Any) -> bool:
    return bool(
        introduction is not None
        and user.is_authenticated
        and introduction.proposed_by_id == user.pk
    )


@rules.predicate
def manages_its_neighbourhood(user: Any, introduction: Any) -> bool:
    if introduction is None or introduction.neighbourhood_id is None:
        return False
    return bool(
        user.is_authenticated and introduction.neighbourhood.managers.filter(pk=user.pk).exists()
    )


can_broker = manages_a_neighbourhood | is_intermediary | is_admin

rules.add_perm("network.broker_introductions", can_broker)
rules.add_perm(
    "network.view_introduction",
    answers_for_a_side | proposed_it | manages_its_neighbourhood | is_admin,
)
rules.add_perm("network.answer_introduction", answers_for_a_side)
rules.add_perm("network.withdraw_introduction", proposed_it | is_admin)
rules.add_perm("network.opt_out", is_actor_admin | is_admin)  # object: the actor


# ---------------------------------------------------------------- tandems


@rules.predicate
def on_a_tandem_side(user: Any, tandem: Any) -> bool:
    if tandem is None:
        return False
    return bool(
        can_edit_actor.test(user, tandem.mentor) or can_edit_actor.test(user, tandem.mentee)
    )


@rules.predicate
def asked_for_it(user: Any, tandem: Any) -> bool:
    return bool(tandem is not None and user.is_authenticated and tandem.requested_by_id == user.pk)


@rules.predicate
def manages_tandem_neighbourhood(user: Any, tandem: Any) -> bool:
    if tandem is None or tandem.neighbourhood_id is None or not user.is_authenticated:
        return False
    return bool(tandem.neighbourhood.managers.filter(pk=user.pk).exists())


# coordinators: neighbourhood managers and intermediaries propose pairs
rules.add_perm("network.coordinate_tandems", can_broker)
rules.add_perm(
    "network.view_tandem",
    on_a_tandem_side | asked_for_it | manages_tandem_neighbourhood | is_admin,
)
rules.add_perm("network.work_in_tandem", on_a_tandem_side)  # answer, log, complete, review
rules.add_perm("network.offer_mentoring", can_edit_actor)  # object: the actor
