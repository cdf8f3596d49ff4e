"""The network's panel of "Meine Übersicht": introductions and tandems that wait for the
answer of an actor the person belongs to."""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core import overview
from quartier.network.models import Introduction, Tandem


@overview.panel(order=20)
def introductions_to_answer(user: Any) -> overview.Panel | None:
    open_ = Introduction.Answer.OPEN
    rows = (
        Introduction.objects.filter(status=Introduction.Status.PROPOSED)
        .filter(
            Q(first__memberships__user=user, first_answer=open_)
            | Q(second__memberships__user=user, second_answer=open_)
        )
        .select_related("first", "second")
        .distinct()
        .order_by("-created_at", "-pk")
    )
    return overview.listed(
        "introductions",
        _("Introductions waiting for your answer"),
        rows,
        lambda i: overview.Item(
            f"{i.first.name} – {i.second.name}",
            reverse("network:introduction", args=[i.pk]),
            _("Answer"),
            i.created_at,
        ),
        reverse("network:introductions"),
        _("All introductions"),
    )


@overview.panel(order=21)
def tandems_to_answer(user: Any) -> overview.Panel | None:
    open_ = Tandem.Answer.OPEN
    rows = (
        Tandem.objects.filter(status=Tandem.Status.REQUESTED)
        .filter(
            Q(mentor__memberships__user=user, mentor_answer=open_)
            | Q(mentee__memberships__user=user, mentee_answer=open_)
        )
        .select_related("mentor", "mentee")
        .distinct()
        .order_by("-created_at", "-pk")
    )
    return overview.listed(
        "tandems",
        _("Tandems waiting for your answer"),
        rows,
        lambda t: overview.Item(
            f"{t.mentor.name} – {t.mentee.name}",
            reverse("network:tandem", args=[t.pk]),
            _("Answer"),
            t.created_at,
        ),
        reverse("network:tandems"),
        _("All tandems"),
    )
