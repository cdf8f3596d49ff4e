"""Who may import what: actors every logged-in user (like creating one by hand),
neighbourhoods only platform administrators; an import job is seen by its owner only."""

import rules

from quartier.core.rules import owns_record

rules.add_perm("imports.import_actors", rules.is_authenticated)
rules.add_perm("imports.import_neighbourhoods", rules.is_superuser)
rules.add_perm("imports.view_importjob", owns_record)
