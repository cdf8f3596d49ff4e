"""Keeps the search index current: what of each record is searchable, and who may find it.

Only what everybody may see is indexed (published articles, public actors, neighbourhoods,
places), so a search never reveals a record to somebody who may not see it. Services call
`index_record` after a write and `remove_record` before a delete; `rebuild_index` redoes all.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models, transaction
from django.utils import translation

from quartier.actors.models import Actor
from quartier.core.models import Visibility
from quartier.engines.textsearch import Mark, Vocabulary, analyse, default_analyser
from quartier.knowledge.models import Article
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import Place
from quartier.search.models import Kind, SearchEntry


@dataclass
class Document:
    kind: str
    object_id: int
    title: str
    summary: str
    body: str
    url: str
    changed_at: datetime


def _tag_labels(article: Article) -> str:
    """The German labels of an article's tags (topic, actor group, neighbourhood type, phase),
    read afresh: they may have changed in the same request that reindexes the article."""
    from quartier.knowledge.models import TAG_CHOICES, ArticleTag

    labels = {kind: dict(choices.choices) for kind, choices in TAG_CHOICES.items()}
    return " ".join(
        str(labels[kind].get(value, ""))
        for kind, value in ArticleTag.objects.filter(article_id=article.pk).values_list(
            "kind", "value"
        )
        if kind in labels
    )


def _document(record: models.Model) -> Document | None:
    """The searchable text of a record, or None when it must not be found."""
    with translation.override("de"):  # labels in the index are German, as users type them
        if isinstance(record, Article):
            if record.status != Article.Status.PUBLISHED:
                return None
            return Document(
                Kind.ARTICLE,
                record.pk,
                record.title,
                record.summary,
                f"{record.get_kind_display()} {record.place} {_tag_labels(record)} {record.body}",
                record.get_absolute_url(),
                record.updated_at,
            )
        if isinstance(record, Actor):
            if record.visibility != Visibility.PUBLIC:
                return None
            extras = [
                record.get_sector_display(),
                record.department,
                record.city,
                *[t.name for t in record.topics.all()],
                *[
                    f"{r.get_direction_display()} {r.get_kind_display()} {r.topic} {r.note}"
                    for r in record.resources.all()
                ],
            ]
            return Document(
                Kind.ACTOR,
                record.pk,
                record.name,
                record.short_description,
                " ".join([record.goals, *extras]),
                record.get_absolute_url(),
                record.updated_at,
            )
        if isinstance(record, Neighbourhood):
            return Document(
                Kind.NEIGHBOURHOOD,
                record.pk,
                str(record),
                record.description,
                " ".join([record.possibilities, *record.get_challenges_display()]),
                record.get_absolute_url(),
                record.updated_at,
            )
        if isinstance(record, Place):
            extras = [
                record.get_kind_display(),
                record.get_status_display(),
                record.street,
                record.city,
                *record.get_uses_display(),
            ]
            return Document(
                Kind.PLACE,
                record.pk,
                record.name,
                record.description,
                " ".join(extras),
                record.get_absolute_url(),
                record.updated_at,
            )
    return None


KIND_OF: dict[type[models.Model], str] = {
    Article: Kind.ARTICLE,
    Actor: Kind.ACTOR,
    Neighbourhood: Kind.NEIGHBOURHOOD,
    Place: Kind.PLACE,
}


def entry_for(document: Document) -> SearchEntry:
    shown_title, shown_summary = document.title[:300], document.summary[:600]
    marks = entry_marks(shown_title, shown_summary)
    # the terms of the marks are the index terms (unless a text was cut to be shown)
    title, summary = (
        [term for _start, _end, terms in marks[name] for term in terms]
        if shown == text
        else analyse(text)
        for name, shown, text in (
            ("title", shown_title, document.title),
            ("summary", shown_summary, document.summary),
        )
    )
    body = analyse(document.body)
    words = " ".join([document.title, document.summary, document.body])[:20000]
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        title=shown_title,
        summary=shown_summary,
        url=document.url,
        title_terms=" ".join(title),
        summary_terms=" ".join(summary),
        body_terms=" ".join(body),
        terms=" ".join([*title, *summary, *body]),
        words=words,
        # counted into SearchWord by the database's triggers (the typo vocabulary)
        vocabulary=json.dumps(Vocabulary.count_words(words), separators=(",", ":")),
        marks=json.dumps(marks, separators=(",", ":")),
        changed_at=document.changed_at,
    )


def entry_marks(title: str, summary: str) -> dict[str, list[Mark]]:
    """The marks (word positions and index terms) of the shown title and summary; their
    terms are the title's and summary's index terms."""
    analyser = default_analyser()
    return {"title": analyser.marks(title), "summary": analyser.marks(summary)}


def index_record(record: models.Model) -> None:
    """Adds, updates or (when it may no longer be found) removes the record's entry."""
    kind = KIND_OF.get(type(record))
    if kind is None:
        return
    document = _document(record)
    if document is None:
        SearchEntry.objects.filter(kind=kind, object_id=record.pk).delete()
        return
    entry = entry_for(document)
    fields = {
        f.name: getattr(entry, f.name)
        for f in SearchEntry._meta.concrete_fields
        if f.name not in ("id", "kind", "object_id")
    }
    SearchEntry.objects.update_or_create(kind=kind, object_id=record.pk, defaults=fields)


def index_records(records: Iterable[models.Model]) -> None:
    """Indexes many records of one or more kinds at once (after a bulk import)."""
    records = list(records)
    for kind in {KIND_OF.get(type(r)) for r in records} - {None}:
        ids = [r.pk for r in records if KIND_OF.get(type(r)) == kind]
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
    entries = [entry_for(d) for d in map(_document, records) if d is not None]
    SearchEntry.objects.bulk_create(entries, batch_size=500)


def remove_record(record: models.Model) -> None:
    kind = KIND_OF.get(type(record))
    if kind is not None:
        SearchEntry.objects.filter(kind=kind, object_id=record.pk).delete()


def _all_records() -> Iterable[models.Model]:
    yield from Article.objects.filter(status=Article.Status.PUBLISHED).iterator()
    yield from (
        Actor.objects.filter(visibility=Visibility.PUBLIC)
        .prefetch_related("topics", "resources")
        .iterator(chunk_size=500)
    )
    yield from Neighbourhood.objects.select_related("municipality").iterator()
    yield from Place.objects.iterator()


@transaction.atomic
def rebuild_index() -> int:
    """Indexes every searchable record anew; returns the number of entries."""
    from quartier.events.search import reindex_events  # events index themselves (one per series)

    SearchEntry.objects.all().delete()
    entries = [entry_for(d) for d in map(_document, _all_records()) if d is not None]
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries) + reindex_events()
