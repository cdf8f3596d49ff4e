"""Who may see and change actors and ties. Anonymous visitors see public actors; logged-in
users also those visible to the network; members see their own actor whatever its
visibility. Members edit their actor; the managers of a neighbourhood curate the actors
active in it; platform administrators may do everything."""

from typing import Any

import rules

from quartier.core.models import Visibility
from quartier.core.rules import is_admin


@rules.predicate
def is_member(user: Any, actor: Any) -> bool:
    if actor is None or not user.is_authenticated:
        return False
    return actor.memberships.filter(user=user).exists()


@rules.predicate
def is_actor_admin(user: Any, actor: Any) -> bool:
    if actor is None or not user.is_authenticated:
        return False
    return actor.memberships.filter(user=user, role="admin").exists()


@rules.predicate
def manages_a_neighbourhood_of(user: Any, actor: Any) -> bool:
    if actor is None or not user.is_authenticated:
        return False
    return actor.neighbourhoods.filter(managers=user).exists()


@rules.predicate
def is_visible(user: Any, actor: Any) -> bool:
    if actor is None:
        return False
    if actor.visibility == Visibility.PUBLIC:
        return True
    if actor.visibility == Visibility.NETWORK:
        return bool(user.is_authenticated)
    return False


can_edit_actor = is_member | manages_a_neighbourhood_of | is_admin


@rules.predicate
def can_edit_a_side_of(user: Any, tie: Any) -> bool:
    return tie is not None and (
        can_edit_actor.test(user, tie.source) or can_edit_actor.test(user, tie.target)
    )


@rules.predicate
def can_answer(user: Any, tie: Any) -> bool:
    """The side that did not claim the tie confirms or rejects it."""
    if tie is None:
        return False
    if tie.status == "initiated":  # from an introduction: either side confirms it
        return bool(can_edit_a_side_of.test(user, tie))
    answering = tie.target if tie.claimed_by_id == tie.source_id else tie.source
    return bool(can_edit_actor.test(user, answering))


rules.add_perm("actors.add_actor", rules.is_authenticated)
rules.add_perm("actors.view_actor", is_visible | can_edit_actor)
rules.add_perm("actors.change_actor", can_edit_actor)
rules.add_perm("actors.delete_actor", is_actor_admin | is_admin)
rules.add_perm("actors.manage_members", is_actor_admin | is_admin)
rules.add_perm("actors.view_private_contacts", can_edit_actor)
rules.add_perm("actors.propose_tie", can_edit_actor)  # object: the proposing actor
rules.add_perm("actors.answer_tie", can_answer)
rules.add_perm("actors.delete_tie", can_edit_a_side_of)
