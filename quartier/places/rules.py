"""Who may see and change places and space requests. Places are public (a vacancy register is
meant to be seen); a request is seen by those who may see its actor. Places are changed by
the person who entered them, the members of the owner actor, the managers of the place's
neighbourhood and platform administrators; requests by the members of the requesting actor
and platform administrators."""

from typing import Any

import rules

from quartier.actors.rules import can_edit_actor
from quartier.core.rules import is_admin


@rules.predicate
def entered_place(user: Any, place: Any) -> bool:
    return bool(place is not None and user.is_authenticated and place.created_by_id == user.pk)


@rules.predicate
def edits_owner_of(user: Any, place: Any) -> bool:
    return bool(place is not None and place.owner_id and can_edit_actor.test(user, place.owner))


@rules.predicate
def manages_neighbourhood_of_place(user: Any, place: Any) -> bool:
    if place is None or not user.is_authenticated or not place.neighbourhood_id:
        return False
    return place.neighbourhood.managers.filter(pk=user.pk).exists()


@rules.predicate
def edits_requesting_actor(user: Any, request: Any) -> bool:
    return bool(request is not None and can_edit_actor.test(user, request.actor))


@rules.predicate
def sees_requesting_actor(user: Any, request: Any) -> bool:
    return bool(request is not None and user.has_perm("actors.view_actor", request.actor))


rules.add_perm("places.add_place", rules.is_authenticated)
rules.add_perm(
    "places.change_place",
    entered_place | edits_owner_of | manages_neighbourhood_of_place | is_admin,
)
rules.add_perm("places.view_spacerequest", sees_requesting_actor | is_admin)
rules.add_perm("places.change_spacerequest", edits_requesting_actor | is_admin)


@rules.predicate
def acts_for_request_side(user: Any, match: Any) -> bool:
    return bool(match is not None and edits_requesting_actor.test(user, match.request))


@rules.predicate
def acts_for_place_side(user: Any, match: Any) -> bool:
    return bool(
        match is not None
        and (entered_place | edits_owner_of | manages_neighbourhood_of_place).test(
            user, match.place
        )
    )


rules.add_perm("places.view_match", acts_for_request_side | acts_for_place_side | is_admin)
rules.add_perm("places.answer_for_request", acts_for_request_side | is_admin)
rules.add_perm("places.answer_for_place", acts_for_place_side | is_admin)


@rules.predicate
def manages_neighbourhood(user: Any, neighbourhood: Any) -> bool:
    return bool(
        neighbourhood is not None
        and user.is_authenticated
        and neighbourhood.managers.filter(pk=user.pk).exists()
    )


rules.add_perm("places.assign_neighbourhood", manages_neighbourhood | is_admin)
