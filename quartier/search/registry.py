"""Which records the search knows, filled by the domain apps.

Each domain app that wants its records found has a `search.py` that calls `register(...)`
once; `SearchConfig.ready()` imports every installed app's `search` module at start-up, the
way Django's admin finds `admin.py` modules. The search app itself imports no domain app.

A source says what kind of entry a model gives (its key in `SearchEntry.kind`, the label of
its group on the results page, its place in the order of groups), how a record becomes a
`Document` (or `None` when it must not be found), and which records a full rebuild indexes.
A source whose records are indexed in a special way (events: one entry per series) brings
its own `index` and `rebuild` functions.

`source_of(model)` raises `LookupError` for a model nobody registered, so a service that
indexes a record of an unregistered kind fails loudly instead of being silently not found.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass
class Document:
    """The searchable text of one record."""

    kind: str
    object_id: int
    title: str
    summary: str
    body: str
    url: str
    changed_at: datetime


@dataclass(frozen=True)
class Source:
    kind: str
    label: Promise | str
    order: int
    model: type[models.Model]
    document: Callable[[Any], Document | None]
    records: Callable[[], Iterable[Any]]
    index: Callable[[Any], None] | None = None
    rebuild: Callable[[], int] | None = None


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Adds a source; registering a second source for a kind or a model is an error."""
    for other in _SOURCES.values():
        if other.kind == source.kind and other is not source:
            raise ValueError(f"search kind {source.kind!r} is registered twice")
        if other.model is source.model and other.kind != source.kind:
            raise ValueError(f"{source.model.__name__} is registered as {other.kind!r} already")
    _SOURCES[source.kind] = source


def sources() -> list[Source]:
    """Every registered source, in the order of the result groups."""
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.kind))


def kinds() -> list[tuple[str, str]]:
    """(key, label) of every kind, in the order of the result groups."""
    return [(s.kind, str(s.label)) for s in sources()]


def kind_values() -> set[str]:
    return set(_SOURCES)


def source_of(model: type[models.Model]) -> Source:
    for source in _SOURCES.values():
        if source.model is model:
            return source
    raise LookupError(
        f"{model.__name__} is not registered for the search: add register(Source(...)) to "
        f"its app's search.py"
    )


def source_for_kind(kind: str) -> Source:
    return _SOURCES[kind]
