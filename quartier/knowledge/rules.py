"""Who may write the toolbox and tick checklists (see docs/knowledge.md):

- everybody reads published articles;
- a logged-in member of an actor writes drafts and becomes their author; authors change and
  delete their own articles while they are drafts, and submit them for review;
- editors (platform staff) and administrators see, change, publish, return and delete every
  article, and set its status directly;
- a checklist run belongs to an actor: only that actor's members (and administrators) see it,
  tick it and export it.
"""

from typing import Any

import rules

from quartier.actors.rules import is_member
from quartier.alliances.rules import can_see_inside
from quartier.core.rules import is_admin


@rules.predicate
def is_editor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


@rules.predicate
def is_member_of_an_actor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.memberships.exists())


@rules.predicate
def is_author(user: Any, article: Any) -> bool:
    if article is None or article.pk is None or not getattr(user, "is_authenticated", False):
        return False
    return article.authors.filter(pk=user.pk).exists()


@rules.predicate
def is_draft(user: Any, article: Any) -> bool:
    return article is not None and article.status == "draft"


@rules.predicate
def is_in_review(user: Any, article: Any) -> bool:
    return article is not None and article.status == "in_review"


@rules.predicate
def is_published(user: Any, article: Any) -> bool:
    return article is not None and article.status == "published"


@rules.predicate
def is_published_checklist(user: Any, article: Any) -> bool:
    return article is not None and article.status == "published" and article.kind == "checklist"


@rules.predicate
def is_member_of_run_actor(user: Any, run: Any) -> bool:
    return run is not None and is_member.test(user, run.actor)


@rules.predicate
def is_member_of_run_alliance(user: Any, run: Any) -> bool:

    return bool(run is not None and run.alliance_id and can_see_inside.test(user, run.alliance))


editor = is_editor | is_admin

rules.add_perm("knowledge.add_article", editor | is_member_of_an_actor)
rules.add_perm("knowledge.change_article", editor | (is_author & is_draft))
rules.add_perm("knowledge.delete_article", editor | (is_author & is_draft))
rules.add_perm("knowledge.view_article", is_published | editor | is_author)
rules.add_perm("knowledge.view_unpublished", editor)
rules.add_perm("knowledge.set_status", editor)
rules.add_perm("knowledge.submit_article", is_draft & (editor | is_author))
rules.add_perm("knowledge.publish_article", editor & ~is_published)
rules.add_perm("knowledge.return_article", editor & (is_in_review | is_published))
rules.add_perm("knowledge.review_articles", editor)
# object: the actor the run is started for; the article is checked by the service.
rules.add_perm("knowledge.start_run", is_member | is_admin)
rules.add_perm("knowledge.view_run", is_member_of_run_actor | is_member_of_run_alliance | is_admin)
rules.add_perm("knowledge.tick_run", is_member_of_run_actor | is_member_of_run_alliance | is_admin)
rules.add_perm("knowledge.use_checklist", is_published_checklist)
rules.add_perm("knowledge.import_articles", editor)
