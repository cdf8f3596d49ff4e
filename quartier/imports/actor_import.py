"""The import of actors from a table (one row per actor)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, pgettext_lazy

from quartier.actors.models import Actor, LegalForm, ResourceKind, Sector
from quartier.actors.services import NewActor, derive_established, save_actors
from quartier.core.models import Visibility
from quartier.imports.report import issue

if TYPE_CHECKING:
    pass

from quartier.imports.importers import (
    ACTOR_VISIBILITIES,
    BATCH_SIZE,
    LEGAL_FORM_NAMES,
    POSITION_TARGETS,
    RESOURCE_KIND_NAMES,
    SECTOR_NAMES,
    VISIBILITY_NAMES,
    CheckResult,
    ChoiceLookup,
    Importer,
    NeighbourhoodLookup,
    Problem,
    RowProblems,
    Target,
    choice,
    choice_list,
    decimal,
    max_length,
    postcode,
    text,
    web_address,
    whole_number,
)

# --- actors ----------------------------------------------------------------------------------


@dataclass
class ImportedActor:
    row: int
    actor: Actor
    neighbourhood_ids: list[int]
    offers: list[str]
    needs: list[str]


class ActorImporter(Importer):
    kind = "actors"
    targets = (
        Target(
            "name",
            pgettext_lazy("column", "Name"),
            ("Name", "Akteur", "Akteursname", "Organisation", "Einrichtung", "Bezeichnung"),
            "basic",
            required=True,
        ),
        Target(
            "short_description",
            pgettext_lazy("column", "Short description"),
            ("Kurzbeschreibung", "Beschreibung", "short description", "description"),
            "basic",
            required=True,
        ),
        Target(
            "sector",
            pgettext_lazy("column", "Sector"),
            ("Sektor", "Bereich", "Branche", "sector"),
            "basic",
            required=True,
            help_text=pgettext_lazy("import help", "The key or the name of the sector."),
        ),
        Target(
            "legal_form",
            pgettext_lazy("column", "Legal form"),
            ("Rechtsform", "legal form"),
            "basic",
            help_text=pgettext_lazy("import help", "E.g. e.V., gGmbH, GmbH, GbR, eG."),
        ),
        Target(
            "department",
            pgettext_lazy("column", "Department"),
            ("Abteilung", "Fachbereich", "Amt", "Dienststelle", "department"),
            "details",
        ),
        Target("goals", pgettext_lazy("column", "Goals"), ("Ziele", "goals"), "details"),
        Target("limits", pgettext_lazy("column", "Limits"), ("Grenzen", "limits"), "details"),
        Target(
            "capacity_hours_per_month",
            pgettext_lazy("column", "Capacity (hours per month)"),
            ("Kapazität", "Stunden pro Monat", "capacity", "hours per month"),
            "details",
        ),
        Target(
            "visibility",
            pgettext_lazy("column", "Visibility"),
            ("Sichtbarkeit", "visibility"),
            "details",
            help_text=pgettext_lazy("import help", "Public when empty."),
        ),
        Target(
            "neighbourhoods",
            pgettext_lazy("column", "Neighbourhoods"),
            ("Quartier", "Quartiere", "Stadtteil", "neighbourhood", "neighbourhoods"),
            "details",
            help_text=pgettext_lazy(
                "import help", "Short name or name of the neighbourhood; several separated by “;”."
            ),
        ),
        Target(
            "street",
            pgettext_lazy("column", "Street"),
            ("Straße", "Straße und Hausnummer", "Str", "Adresse", "Anschrift", "street"),
            "address",
        ),
        Target(
            "postcode",
            pgettext_lazy("column", "Postcode"),
            ("PLZ", "Postleitzahl", "postcode", "zip", "postal code"),
            "address",
        ),
        Target("city", pgettext_lazy("column", "City"), ("Ort", "Stadt", "city"), "address"),
        *POSITION_TARGETS,
        Target(
            "website",
            pgettext_lazy("column", "Website"),
            ("Website", "Webseite", "Internetseite", "Homepage", "Internet", "URL", "Web"),
            "address",
        ),
        Target(
            "offers",
            pgettext_lazy("column", "Offers"),
            ("Angebote", "Angebot", "bietet", "offers"),
            "resources",
            help_text=pgettext_lazy(
                "import help", "Kinds separated by “;” or “,”, e.g. Raum; Know-how."
            ),
        ),
        Target(
            "needs",
            pgettext_lazy("column", "Needs"),
            ("Bedarfe", "Bedarf", "sucht", "needs"),
            "resources",
            help_text=pgettext_lazy(
                "import help", "Kinds separated by “;” or “,”, e.g. Geld, Personalzeit."
            ),
        ),
    )

    accepted_hint = gettext_lazy(
        "Sector, legal form and kinds of offers and needs may be written as key or as name; "
        "upper and lower case do not matter."
    )

    @classmethod
    def accepted_values(cls) -> list[tuple[Any, list[tuple[str, Any]]]]:
        return [
            (gettext_lazy("Sectors"), list(Sector.choices)),
            (gettext_lazy("Legal forms"), list(LegalForm.choices)),
            (gettext_lazy("Kinds of offers and needs"), list(ResourceKind.choices)),
        ]

    def prepare(self) -> None:
        self.sectors = ChoiceLookup(Sector.choices, SECTOR_NAMES)
        self.legal_forms = ChoiceLookup(LegalForm.choices, LEGAL_FORM_NAMES)
        self.kinds = ChoiceLookup(ResourceKind.choices, RESOURCE_KIND_NAMES)
        self.visibilities = ChoiceLookup(ACTOR_VISIBILITIES, VISIBILITY_NAMES)
        self.limits = {
            name: max_length(Actor, name)
            for name in ("name", "short_description", "department", "street", "city", "website")
        }
        self.neighbourhoods = NeighbourhoodLookup()

    def clean_row(self, row: int, values: dict[str, str]) -> tuple[Any, RowProblems]:
        p = RowProblems()

        def get(name: str) -> str:
            return values.get(name, "")

        limits = self.limits
        data: dict[str, Any] = {
            "name": p.run("name", lambda: text(get("name"), limits["name"], required=True)),
            "short_description": p.run(
                "short_description",
                lambda: text(get("short_description"), limits["short_description"], required=True),
            ),
            "sector": p.run(
                "sector",
                lambda: choice(get("sector"), self.sectors, "unknown_sector", required=True),
            ),
            "legal_form": p.run(
                "legal_form",
                lambda: choice(get("legal_form"), self.legal_forms, "unknown_legal_form"),
            ),
            "department": p.run(
                "department", lambda: text(get("department"), limits["department"])
            ),
            "goals": p.run("goals", lambda: text(get("goals"), None)),
            "limits": p.run("limits", lambda: text(get("limits"), None)),
            "capacity_hours_per_month": p.run(
                "capacity_hours_per_month", lambda: whole_number(get("capacity_hours_per_month"))
            ),
            "visibility": p.run(
                "visibility",
                lambda: choice(get("visibility"), self.visibilities, "unknown_visibility"),
            )
            or Visibility.PUBLIC,
            "street": p.run("street", lambda: text(get("street"), limits["street"])),
            "postcode": p.run("postcode", lambda: postcode(get("postcode"))),
            "city": p.run("city", lambda: text(get("city"), limits["city"])),
            "latitude": p.run("latitude", lambda: decimal(get("latitude"), -90, 90)),
            "longitude": p.run("longitude", lambda: decimal(get("longitude"), -180, 180)),
            "website": p.run(
                "website", lambda: web_address(get("website"), limits["website"] or 200)
            ),
        }
        neighbourhood_ids = p.run(
            "neighbourhoods", lambda: self.neighbourhoods.find(get("neighbourhoods")), []
        )
        offers = p.run("offers", lambda: choice_list(get("offers"), self.kinds, "unknown_kind"), [])
        needs = p.run("needs", lambda: choice_list(get("needs"), self.kinds, "unknown_kind"), [])
        lat, lon = data["latitude"], data["longitude"]
        if (lat is None) != (lon is None) and not p.has("latitude", "longitude"):
            p.add("longitude" if lon is None else "latitude", Problem("position_incomplete"))
        if p:
            return None, p
        actor = Actor(**data)
        derive_established(actor)
        try:
            actor.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            p.from_validation(error, self.target_names(), "name")
            return None, p
        return ImportedActor(row, actor, neighbourhood_ids, offers, needs), p

    def check_all(self, result: CheckResult, columns: dict[str, str]) -> None:
        """Warns about actors that exist already or appear twice in the file."""
        column = columns.get("name", str(self.label_of("name")))
        first_row: dict[str, int] = {}
        for item in result.items:
            key = item.actor.name.casefold()
            if key in first_row:
                result.warn(
                    issue(
                        item.row, column, "name_twice", value=item.actor.name, first=first_row[key]
                    )
                )
            else:
                first_row[key] = item.row
        names = sorted({item.actor.name for item in result.items})
        existing: set[str] = set()
        for start in range(0, len(names), BATCH_SIZE):
            chunk = names[start : start + BATCH_SIZE]
            existing.update(Actor.objects.filter(name__in=chunk).values_list("name", flat=True))
        for item in result.items:
            if item.actor.name in existing:
                result.warn(issue(item.row, column, "actor_exists", value=item.actor.name))

    def save(self, items: list[ImportedActor], job_label: str) -> int:
        new = [NewActor(i.actor, i.neighbourhood_ids, i.offers, i.needs) for i in items]
        return len(save_actors(new, by=self.user, source=job_label))
