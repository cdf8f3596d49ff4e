"""Who may import what: actors every logged-in user (like creating one by hand),
neighbourhoods only platform administrators, places (a vacancy list) whoever may enter a
place by hand; an import job is seen by its owner only."""

from typing import Any

import rules

from quartier.core.rules import owns_record


@rules.predicate
def may_add_places(user: Any) -> bool:
    return bool(user.has_perm("places.add_place"))


rules.add_perm("imports.import_actors", rules.is_authenticated)
rules.add_perm("imports.import_neighbourhoods", rules.is_superuser)
rules.add_perm("imports.import_places", may_add_places)
rules.add_perm("imports.view_importjob", owns_record)


@rules.predicate
def may_import_statistics(user: Any) -> bool:
    return bool(user.has_perm("dashboard.import_statistics"))


rules.add_perm("imports.import_statistics", may_import_statistics)
