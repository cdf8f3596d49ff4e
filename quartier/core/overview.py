"""“Meine Übersicht”: what concerns a signed-in person now, one panel per area.

Each app that has something to say registers a panel in its own `overview.py` (found at
start-up like admin modules, see `CoreConfig.ready`), so that core imports no domain app:

    @overview.panel(order=20)
    def my_tasks(user: User) -> overview.Panel | None: ...

A panel lists at most `LIMIT` items, each with the one action it needs, and links to the
area's full list; a panel with nothing to do returns None and is left out. Every panel
costs a bounded number of queries, whatever the person's data."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LIMIT = 5


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    action: str | Promise  # the one thing to do, as the link's words
    when: date | datetime | None = None
    note: str | Promise = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)


@dataclass
class Panel:
    key: str
    title: str | Promise
    items: list[Item] = field(default_factory=list)
    total: int = 0  # how many there are in all (the panel shows at most LIMIT)
    more_url: str = ""
    more_label: str | Promise = ""


Provider = Callable[[Any], Panel | None]
_providers: list[tuple[int, str, Provider]] = []


def panel(order: int) -> Callable[[Provider], Provider]:
    """Registers a panel; lower `order` comes first."""

    def register(provider: Provider) -> Provider:
        name = f"{provider.__module__}.{provider.__qualname__}"
        if all(existing != name for _, existing, _ in _providers):
            _providers.append((order, name, provider))
            _providers.sort(key=lambda entry: (entry[0], entry[1]))
        return provider

    return register


def panels_for(user: Any) -> list[Panel]:
    return [p for _, _, provider in _providers if (p := provider(user)) is not None]


def listed(
    key: str,
    title: str | Promise,
    rows: Any,
    item: Callable[[Any], Item],
    more_url: str = "",
    more_label: str | Promise = "",
) -> Panel | None:
    """A panel of the first LIMIT rows of a queryset with their total (two queries), or
    None when there are none."""
    total = rows.count()
    if not total:
        return None
    return Panel(key, title, [item(row) for row in rows[:LIMIT]], total, more_url, more_label)


@panel(order=90)
def unread_notifications(user: Any) -> Panel | None:
    from quartier.core.models import Notification  # noqa: PLC0415 – models load after this registry

    return listed(
        "notifications",
        _("Unread notifications"),
        Notification.objects.filter(user=user, read_at__isnull=True).order_by("-created_at"),
        lambda n: Item(n.title, n.url or reverse("core:notifications"), _("Read"), n.created_at),
        reverse("core:notifications"),
        _("All notifications"),
    )
