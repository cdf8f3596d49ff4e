"""Who may do what with official statistics and annotations.

- Everybody reads the statistics and the visible annotations.
- Members of an actor active in the neighbourhood, and its managers, add an annotation.
- The neighbourhood's managers (and administrators) hide or show annotations.
- Managers of any neighbourhood (and administrators) import statistics; values land only on
  areas of municipalities where they manage a neighbourhood."""

from typing import Any

import rules

from quartier.core.rules import is_admin


@rules.predicate
def manages(user: Any, neighbourhood: Any) -> bool:
    if neighbourhood is None or not user.is_authenticated:
        return False
    return neighbourhood.managers.filter(pk=user.pk).exists()


@rules.predicate
def member_of_an_actor_there(user: Any, neighbourhood: Any) -> bool:
    if neighbourhood is None or not user.is_authenticated:
        return False
    return neighbourhood.actors.filter(memberships__user=user).exists()


@rules.predicate
def manages_some_neighbourhood(user: Any) -> bool:
    return bool(user.is_authenticated and user.managed_neighbourhoods.exists())


@rules.predicate
def moderates(user: Any, annotation: Any) -> bool:
    return annotation is not None and bool(manages.test(user, annotation.neighbourhood))


rules.add_perm("dashboard.add_annotation", member_of_an_actor_there | manages | is_admin)
rules.add_perm("dashboard.moderate_annotation", moderates | is_admin)
rules.add_perm("dashboard.import_statistics", manages_some_neighbourhood | is_admin)
