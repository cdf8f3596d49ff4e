"""Who may write the toolbox: for now the platform's editorial staff (is_staff). Everybody
reads published articles; staff also see drafts and articles in review."""

import rules

from quartier.actors.rules import is_admin


@rules.predicate
def is_editor(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


rules.add_perm("knowledge.add_article", is_editor | is_admin)
rules.add_perm("knowledge.change_article", is_editor | is_admin)
rules.add_perm("knowledge.delete_article", is_editor | is_admin)
rules.add_perm("knowledge.view_unpublished", is_editor | is_admin)
