"""Keeps the search index current: what of each record is searchable, and who may find it.

Only what everybody may see is indexed (published articles, public actors, neighbourhoods,
places), so a search never reveals a record to somebody who may not see it. Services call
`index_record` after a write and `remove_record` before a delete; `rebuild_index` redoes all.
"""

import json
from collections.abc import Iterable

from django.db import models, transaction

from quartier.engines.textsearch import Mark, Vocabulary, analyse, default_analyser
from quartier.search.models import SearchEntry
from quartier.search.registry import Document, source_of, sources

__all__ = ["Document", "entry_for", "index_record", "index_records", "rebuild_index"]


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


def store(document: Document) -> None:
    """Writes (or replaces) the entry of one document."""
    entry = entry_for(document)
    fields = {
        f.name: getattr(entry, f.name)
        for f in SearchEntry._meta.concrete_fields
        if f.name not in ("id", "kind", "object_id")
    }
    SearchEntry.objects.update_or_create(
        kind=document.kind, object_id=document.object_id, defaults=fields
    )


def index_record(record: models.Model) -> None:
    """Adds, updates or (when it may no longer be found) removes the record's entry.
    Raises LookupError for a model that no app registered (see registry.py)."""
    source = source_of(type(record))
    if source.index is not None:
        source.index(record)
        return
    document = source.document(record)
    if document is None:
        SearchEntry.objects.filter(kind=source.kind, object_id=record.pk).delete()
        return
    store(document)


def index_records(records: Iterable[models.Model]) -> None:
    """Indexes many records of one or more kinds at once (after a bulk import)."""
    records = list(records)
    by_source: dict[str, list[models.Model]] = {}
    for record in records:
        by_source.setdefault(source_of(type(record)).kind, []).append(record)
    entries = []
    for kind, group in by_source.items():
        SearchEntry.objects.filter(kind=kind, object_id__in=[r.pk for r in group]).delete()
        document = source_of(type(group[0])).document
        entries += [entry_for(d) for d in map(document, group) if d is not None]
    SearchEntry.objects.bulk_create(entries, batch_size=500)


def remove_record(record: models.Model) -> None:
    source = source_of(type(record))
    SearchEntry.objects.filter(kind=source.kind, object_id=record.pk).delete()


@transaction.atomic
def rebuild_index() -> int:
    """Indexes every searchable record of every registered source anew; returns the number
    of entries."""
    SearchEntry.objects.all().delete()
    total = 0
    for source in sources():
        if source.rebuild is not None:
            total += source.rebuild()
            continue
        entries = [entry_for(d) for d in map(source.document, source.records()) if d is not None]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        total += len(entries)
    return total
