"""The areas of the platform, in the order of the main navigation.

Each area names the url of its start page; a new area adds itself here with its urls.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    key: str
    path: str
    label: Promise
    description: Promise
    url_name: str


AREAS: tuple[Area, ...] = (
    Area(
        "actors",
        "akteure",
        _("Actors"),
        _("Who is active in the neighbourhood, what they want and what they offer."),
        "actors:list",
    ),
    Area(
        "neighbourhoods",
        "quartiere",
        _("Neighbourhoods"),
        _("Neighbourhood profiles: situation, challenges, possibilities."),
        "neighbourhoods:list",
    ),
    Area(
        "network",
        "netzwerk",
        _("Network"),
        _("Who works with whom, and which links are missing."),
        "network:page",
    ),
    Area(
        "alliances",
        "allianzen",
        _("Alliances"),
        _("Neighbourhood alliances with roles, agreements and a shared strategy."),
        "alliances:list",
    ),
    Area(
        "events",
        "termine",
        _("Events"),
        _("Round tables, creative formats and workshops with minutes and tasks."),
        "events:list",
    ),
    Area(
        "places",
        "orte",
        _("Places"),
        _("Vacant and under-used places and their interim use."),
        "places:list",
    ),
    Area(
        "projects",
        "projekte",
        _("Projects"),
        _("Co-creation projects and their impact."),
        "projects:list",
    ),
    Area(
        "funding",
        "foerderung",
        _("Funding"),
        _("Funding programmes, eligibility check and grant management."),
        "funding:list",
    ),
    Area(
        "knowledge",
        "wissen",
        _("Knowledge"),
        _("Case reports, examples, guides and checklists."),
        "knowledge:list",
    ),
)

AREAS_BY_KEY = {area.key: area for area in AREAS}
