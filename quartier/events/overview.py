"""The events' panels of "Meine Übersicht": open tasks from minutes, upcoming registrations."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core import overview
from quartier.events.models import ActionItem, Registration


@overview.panel(order=10)
def open_tasks(user: Any) -> overview.Panel | None:
    rows = (
        ActionItem.objects.filter(owner=user, status=ActionItem.Status.OPEN)
        .select_related("event")
        .order_by("due_on", "pk")
    )
    return overview.listed(
        "tasks",
        _("My open tasks"),
        rows,
        lambda item: overview.Item(
            item.title, item.event.get_absolute_url(), _("Open the minutes"), item.due_on
        ),
        reverse("events:tasks"),
        _("All my tasks"),
    )


@overview.panel(order=30)
def upcoming_registrations(user: Any) -> overview.Panel | None:
    rows = (
        Registration.objects.filter(user=user, event__end__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__start", "pk")
    )
    return overview.listed(
        "registrations",
        _("My registrations"),
        rows,
        lambda r: overview.Item(
            r.event.title,
            r.event.get_absolute_url(),
            _("Details or cancel"),
            r.event.start,
            _("on the waiting list") if r.status == Registration.Status.WAITING else "",
        ),
        reverse("events:list"),
        _("All events"),
    )
