"""Writes of the knowledge toolbox: articles (import, save, review workflow, versions) and
checklist runs. Each function checks permission, validates, runs in a transaction and records
the change. The import file format (front matter, tags, the report) is in `article_format`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.alliances.rules import active_members_q
from quartier.core.history import diff, record_change, snapshot
from quartier.knowledge.article_format import ImportReport, check_articles
from quartier.knowledge.models import (
    TAG_CHOICES,
    Article,
    ArticleTag,
    ArticleVersion,
    ChecklistRun,
    ChecklistRunItem,
    ReviewStep,
)
from quartier.places.models import Place
from quartier.search.indexing import index_record, index_records, remove_record


def import_articles(files: list[tuple[str, str]], *, by: User | None = None) -> ImportReport:
    """Imports a batch of (file name, Markdown text) pairs: all of them, or – when any file has
    a problem – none. Idempotent: an article that already matches its file is not saved."""
    report = check_articles(files)
    if not report.ok:
        return report
    with transaction.atomic():
        existing = {
            a.slug: a
            for a in Article.objects.filter(slug__in=[f.slug for f in report.files])
            .prefetch_related("tags", "related")
            .order_by()
        }
        changed = []
        for entry in report.files:
            fields = {
                "title": entry.values["title"],
                "kind": entry.values["kind"],
                "summary": entry.values["summary"],
                "body": entry.body,
                "status": entry.values["status"],
                "source": entry.values.get("source", ""),
                "place": entry.values.get("place", ""),
            }
            article = existing.get(entry.slug)
            if (
                article is not None
                and all(getattr(article, k) == v for k, v in fields.items())
                and all(article.tag_values(k) == v for k, v in entry.tags.items())
                and set(entry.related) <= {r.slug for r in article.related.all()}
            ):
                entry.article, entry.outcome = article, "unchanged"
                continue
            entry.article, created = Article.objects.update_or_create(
                slug=entry.slug, defaults=fields
            )
            entry.outcome = "created" if created else "updated"
            set_tags(entry.article, entry.tags)
            record_version(entry.article, by=by)
            if by is not None and created:
                entry.article.authors.add(by)
            record_change(
                entry.article,
                by=by,
                action="created" if created else "changed",
                changes={"imported": entry.name},
            )
            changed.append(entry.article)
        by_slug = {f.slug: f.article for f in report.files}
        for entry in report.files:
            if not entry.related:
                continue
            others = [by_slug.get(slug) for slug in entry.related]
            stored = Article.objects.in_bulk(
                [s for s, a in zip(entry.related, others, strict=True) if a is None],
                field_name="slug",
            )
            assert entry.article is not None
            entry.article.related.add(
                *[a or stored[s] for s, a in zip(entry.related, others, strict=True)]
            )
        index_records(changed)
    report.imported = True
    return report


def set_tags(article: Article, tags: dict[str, list[str]]) -> None:
    """Sets exactly the given values for each given tag kind; other kinds stay."""
    for kind, values in tags.items():
        article.tags.filter(kind=kind).exclude(value__in=values).delete()
        have = set(article.tags.filter(kind=kind).values_list("value", flat=True))
        ArticleTag.objects.bulk_create(
            [ArticleTag(article=article, kind=kind, value=v) for v in values if v not in have]
        )


def record_version(article: Article, *, by: User | None) -> ArticleVersion | None:
    """A new version when title, summary or text differ from the latest one. While the
    article is published, its current version is public (see `ArticleVersion.public`)."""
    published = article.status == Article.Status.PUBLISHED
    latest = article.versions.order_by("-number").first()
    if latest is not None and (latest.title, latest.summary, latest.body) == (
        article.title,
        article.summary,
        article.body,
    ):
        if published and not latest.public:
            ArticleVersion.objects.filter(pk=latest.pk).update(public=True)
        return None
    return ArticleVersion.objects.create(
        article=article,
        number=(latest.number if latest else 0) + 1,
        author=by if by is not None and by.is_authenticated else None,
        title=article.title,
        summary=article.summary,
        body=article.body,
        public=published,
    )


ARTICLE_FIELDS = ["kind", "title", "slug", "summary", "body", "place", "source", "status"]


@dataclass
class Links:
    """The links of an article that a form or an API body sets; None leaves one as it is."""

    tags: dict[str, list[str]] | None = None  # tag kind -> values; kinds not given stay
    related: list[Article] | None = None
    actors: list[Actor] | None = None
    places: list[Place] | None = None


def _check_tags(tags: dict[str, list[str]]) -> None:
    errors = {}
    for kind, values in tags.items():
        allowed = TAG_CHOICES[kind].values
        wrong = [v for v in values if v not in allowed]
        if wrong:
            errors[kind] = ValidationError(
                _("Unknown values: %(values)s."), params={"values": ", ".join(wrong)}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_article(article: Article, *, by: User, links: Links | None = None) -> Article:
    """Creates or changes one article. Members of an actor write drafts and become their
    authors; authors change their drafts; editors change everything and may set the status.
    Every change of title, summary or text is kept as a version."""
    creating = article.pk is None
    links = links or Links()
    if creating:
        if not by.has_perm("knowledge.add_article"):
            raise PermissionDenied
        if article.status != Article.Status.DRAFT and not by.has_perm("knowledge.set_status"):
            raise PermissionDenied
        before: dict[str, Any] = {}
    else:
        stored = Article.objects.select_for_update().get(pk=article.pk)
        if not by.has_perm("knowledge.change_article", stored):
            raise PermissionDenied
        if article.status != stored.status and not by.has_perm("knowledge.set_status", stored):
            raise PermissionDenied
        before = snapshot(stored, ARTICLE_FIELDS)
    article.full_clean()
    if links.tags is not None:
        _check_tags(links.tags)
    if links.related is not None and any(r.pk == article.pk for r in links.related):
        raise ValidationError({"related": _("An article cannot be related to itself.")})
    article.save()
    if creating:
        article.authors.add(by)
    changes = snapshot(article, ARTICLE_FIELDS)
    changes = changes if creating else diff(before, changes)
    if links.tags is not None:
        old = {k: article.tag_values(k) for k in links.tags}
        set_tags(article, links.tags)
        new = {k: sorted(v) for k, v in links.tags.items()}
        changes.update({f"tags.{k}": [old[k], v] for k, v in new.items() if old[k] != v})
    for name in ("related", "actors", "places"):
        chosen = getattr(links, name)
        if chosen is not None:
            manager = getattr(article, name)
            old_ids = set(manager.values_list("pk", flat=True))
            manager.set(chosen)
            if old_ids != {c.pk for c in chosen}:
                changes[name] = [sorted(old_ids), sorted(c.pk for c in chosen)]
    record_version(article, by=by)
    record_change(article, by=by, action="created" if creating else "changed", changes=changes)
    index_record(article)
    return article


@transaction.atomic
def delete_article(article: Article, *, by: User) -> None:
    if not by.has_perm("knowledge.delete_article", article):
        raise PermissionDenied
    record_change(article, by=by, action="deleted")
    remove_record(article)
    article.delete()


def _step(
    article: Article, *, by: User, perm: str, action: str, status: str, comment: str = ""
) -> Article:
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not by.has_perm(perm, locked):
            raise PermissionDenied
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        ReviewStep.objects.create(article=locked, action=action, by=by, comment=comment)
        record_change(
            locked, by=by, action="changed", changes={"status": [before, status], "step": action}
        )
        index_record(locked)
    article.status, article.updated_at = locked.status, locked.updated_at
    return article


def submit_article(article: Article, *, by: User) -> Article:
    """An author (or an editor) hands a draft in for review."""
    return _step(
        article,
        by=by,
        perm="knowledge.submit_article",
        action=ReviewStep.Action.SUBMITTED,
        status=Article.Status.IN_REVIEW,
    )


def publish_article(article: Article, *, by: User) -> Article:
    """An editor publishes: from now on everybody reads and finds it (and its versions from
    this one on)."""
    article = _step(
        article,
        by=by,
        perm="knowledge.publish_article",
        action=ReviewStep.Action.PUBLISHED,
        status=Article.Status.PUBLISHED,
    )
    record_version(article, by=by)
    return article


def return_article(article: Article, *, by: User, comment: str) -> Article:
    """An editor sends an article back to its authors as a draft, saying why."""
    comment = comment.strip()
    if not by.has_perm("knowledge.return_article", article):
        raise PermissionDenied
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    if len(comment) > 2000:
        raise ValidationError({"comment": _("At most 2000 characters.")})
    return _step(
        article,
        by=by,
        perm="knowledge.return_article",
        action=ReviewStep.Action.RETURNED,
        status=Article.Status.DRAFT,
        comment=comment,
    )


# ---------------------------------------------------------------------------------------------
# Checklist runs


@transaction.atomic
def start_run(
    article: Article, *, actor: Actor, title: str, by: User, alliance: Any = None
) -> ChecklistRun:
    """A member of `actor` starts ticking off a published checklist for an undertaking –
    for an alliance, too, if the actor is one of its current members; then the alliance's
    members see and tick the run."""
    if not by.has_perm("knowledge.use_checklist", article) or not by.has_perm(
        "knowledge.start_run", actor
    ):
        raise PermissionDenied
    if (
        alliance is not None
        and not alliance.members.filter(active_members_q(), actor=actor).exists()
    ):
        raise ValidationError(
            {
                "alliance": _(
                    "The actor must be a member of the alliance to start a checklist for it."
                )
            }
        )
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Name the undertaking.")})
    if len(title) > 200:
        raise ValidationError({"title": _("At most 200 characters.")})
    sections = article.checklist
    if not sections:
        raise ValidationError(_("This checklist has no items."))
    run = ChecklistRun.objects.create(
        article=article,
        checklist_title=article.title,
        actor=actor,
        alliance=alliance,
        title=title,
        started_by=by,
    )
    items = [
        ChecklistRunItem(run=run, position=position, section=section.title[:200], text=text)
        for position, (section, text) in enumerate(
            ((s, t) for s in sections for t in s.items), start=1
        )
    ]
    ChecklistRunItem.objects.bulk_create(items)
    run.item_count = len(items)
    run.save(update_fields=["item_count"])
    record_change(run, by=by, action="created", changes={"article": article.slug, "title": title})
    return run


@transaction.atomic
def tick_item(item: ChecklistRunItem, *, by: User, done: bool) -> ChecklistRunItem:
    """Ticks (or unticks) one item, remembering who and when; idempotent."""
    run = ChecklistRun.objects.select_for_update().select_related("actor").get(pk=item.run_id)
    if not by.has_perm("knowledge.tick_run", run):
        raise PermissionDenied
    item = ChecklistRunItem.objects.select_for_update().get(pk=item.pk)
    if item.done != done:
        item.done_at = timezone.now() if done else None
        item.done_by = by if done else None
        item.save(update_fields=["done_at", "done_by"])
        run.done_count = run.items.filter(done_at__isnull=False).count()
        run.save(update_fields=["done_count", "updated_at"])
        record_change(
            run, by=by, action="changed", changes={"item": item.pk, "done": [not done, done]}
        )
    item.run = run
    return item
