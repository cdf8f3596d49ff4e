"""The places' panel of "Meine Übersicht": brokering steps that wait for the person's actor –
a request for a place it owns, or a proposed place for one of its space requests."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.core import overview
from quartier.places.models import Match


@overview.panel(order=15)
def brokering_steps(user: Any) -> overview.Panel | None:
    rows = (
        Match.objects.filter(
            Q(status=Match.Status.REQUESTED, place__owner__memberships__user=user)
            | Q(status=Match.Status.PROPOSED, request__actor__memberships__user=user)
        )
        .select_related("place", "request")
        .distinct()
        .order_by("-updated_at", "-pk")
    )
    return overview.listed(
        "brokering",
        _("Places: waiting for your step"),
        rows,
        lambda m: overview.Item(
            f"{m.place.name} – {m.request.title}",
            m.get_absolute_url(),
            _("Answer the request")
            if m.status == Match.Status.REQUESTED
            else _("Look at the place and ask for it"),
            m.updated_at,
        ),
    )
