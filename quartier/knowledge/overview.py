"""The knowledge toolbox's panel of "Meine Übersicht": drafts waiting for an editor."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core import overview
from quartier.knowledge.models import Article


@overview.panel(order=40)
def drafts_in_review(user: Any) -> overview.Panel | None:
    if not user.is_staff:
        return None
    rows = Article.objects.filter(status=Article.Status.IN_REVIEW).order_by("updated_at", "pk")
    return overview.listed(
        "review",
        _("Drafts waiting for your review"),
        rows,
        lambda a: overview.Item(a.title, a.get_absolute_url(), _("Review"), a.updated_at),
        reverse("knowledge:review"),
        _("All drafts in review"),
    )
