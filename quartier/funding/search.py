"""Published funding programmes in the platform search."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from quartier.funding.models import FundingProgramme
from quartier.search.registry import Document, Source, register


def programme_document(programme: FundingProgramme) -> Document | None:
    if not programme.is_published:
        return None
    with translation.override("de"):  # labels in the index are German, as users type them
        extras = [
            programme.funder_name,
            programme.get_funder_display(),
            *programme.funding_type_labels(),
            *programme.area_labels(),
            *programme.region_labels(),
            *programme.eligible_labels(),
            *programme.values("topics"),
        ]
        return Document(
            "funding_programme",
            programme.pk,
            programme.title,
            programme.summary,
            " ".join(str(e) for e in extras),
            programme.get_absolute_url(),
            programme.updated_at,
        )


def _published() -> Iterable[FundingProgramme]:
    return FundingProgramme.objects.filter(is_published=True).iterator()


register(
    Source(
        "funding_programme",
        _("Funding programmes"),
        70,
        FundingProgramme,
        programme_document,
        _published,
    )
)
