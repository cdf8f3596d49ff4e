"""The import of neighbourhoods (and the municipalities they name) from a table."""

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import pgettext_lazy

from quartier.imports.report import issue
from quartier.neighbourhoods.models import (
    Challenge,
    Context,
    FederalState,
    Municipality,
    Neighbourhood,
    SituationType,
)
from quartier.neighbourhoods.services import NewNeighbourhood, save_neighbourhoods

if TYPE_CHECKING:
    pass

from quartier.imports.importers import (
    BATCH_SIZE,
    CHALLENGE_NAMES,
    CONTEXT_NAMES,
    POSITION_TARGETS,
    SITUATION_NAMES,
    STATE_NAMES,
    CheckResult,
    ChoiceLookup,
    Importer,
    Problem,
    RowProblems,
    Target,
    boolean,
    choice,
    choice_list,
    decimal,
    max_length,
    normalise,
    text,
)

# --- neighbourhoods --------------------------------------------------------------------------


@dataclass
class ImportedNeighbourhood:
    row: int
    neighbourhood: Neighbourhood
    municipality: Municipality | None
    new_municipality: tuple[str, str, str] | None  # name, state, official key


class NeighbourhoodImporter(Importer):
    kind = "neighbourhoods"
    targets = (
        Target(
            "name",
            pgettext_lazy("column", "Name"),
            ("Name", "Quartier", "Quartiersname", "Bezeichnung", "neighbourhood"),
            "basic",
            required=True,
        ),
        Target(
            "slug",
            pgettext_lazy("column", "Short name"),
            ("Kurzname", "Kürzel", "short name"),
            "basic",
            help_text=pgettext_lazy(
                "import help", "Used in addresses; made from the name when empty."
            ),
        ),
        Target(
            "municipality",
            pgettext_lazy("column", "Municipality"),
            ("Gemeinde", "Kommune", "Stadt", "Ort", "municipality", "city", "town"),
            "basic",
            required=True,
            help_text=pgettext_lazy(
                "import help", "A municipality that does not exist yet is created."
            ),
        ),
        Target(
            "state",
            pgettext_lazy("column", "Federal state"),
            ("Bundesland", "Land", "state", "federal state"),
            "basic",
            help_text=pgettext_lazy("import help", "Name or abbreviation, e.g. Sachsen or SN."),
        ),
        Target(
            "official_key",
            pgettext_lazy("column", "Official municipality key"),
            (
                "Amtlicher Gemeindeschlüssel",
                "Gemeindeschlüssel",
                "AGS",
                "official municipality key",
                "official key",
            ),
            "basic",
        ),
        Target(
            "description",
            pgettext_lazy("column", "Description"),
            ("Beschreibung", "description"),
            "details",
        ),
        Target(
            "situation_type",
            pgettext_lazy("column", "Situation type"),
            ("Gebietstyp", "Situationstyp", "Situation", "Typ", "situation type"),
            "details",
        ),
        Target("context", pgettext_lazy("column", "Context"), ("Kontext", "context"), "details"),
        Target(
            "challenges",
            pgettext_lazy("column", "Challenges"),
            ("Herausforderungen", "challenges"),
            "details",
            help_text=pgettext_lazy("import help", "Several separated by “;” or “,”."),
        ),
        Target(
            "possibilities",
            pgettext_lazy("column", "Possibilities"),
            ("Möglichkeiten", "Potenziale", "possibilities"),
            "details",
        ),
        Target(
            "restrictions",
            pgettext_lazy("column", "Restrictions"),
            ("Einschränkungen", "Restriktionen", "restrictions"),
            "details",
        ),
        Target(
            "is_fictional",
            pgettext_lazy("column", "Fictional"),
            ("Fiktiv", "Demo", "fictional"),
            "details",
            help_text=pgettext_lazy("import help", "“ja” for invented demo data."),
        ),
        *POSITION_TARGETS,
    )

    def prepare(self) -> None:
        self.situations = ChoiceLookup(SituationType.choices, SITUATION_NAMES)
        self.contexts = ChoiceLookup(Context.choices, CONTEXT_NAMES)
        self.challenges = ChoiceLookup(Challenge.choices, CHALLENGE_NAMES)
        self.states = ChoiceLookup(FederalState.choices, STATE_NAMES)
        self.limits = {name: max_length(Neighbourhood, name) for name in ("name", "slug")}
        self.municipalities: dict[str, list[Municipality]] = defaultdict(list)
        for municipality in Municipality.objects.all():
            self.municipalities[normalise(municipality.name)].append(municipality)

    def clean_row(self, row: int, values: dict[str, str]) -> tuple[Any, RowProblems]:
        p = RowProblems()

        def get(name: str) -> str:
            return values.get(name, "")

        name = p.run("name", lambda: text(get("name"), self.limits["name"], required=True))
        slug = p.run("slug", lambda: self._slug(get("slug")), "")
        municipality_name = p.run(
            "municipality", lambda: text(get("municipality"), 200, required=True), ""
        )
        state = p.run("state", lambda: choice(get("state"), self.states, "unknown_state"), "")
        official_key = p.run("official_key", lambda: self._official_key(get("official_key")), "")
        data: dict[str, Any] = {
            "name": name,
            "slug": slug,
            "description": p.run("description", lambda: text(get("description"), None)),
            "situation_type": p.run(
                "situation_type",
                lambda: choice(get("situation_type"), self.situations, "unknown_situation_type"),
            ),
            "context": p.run(
                "context", lambda: choice(get("context"), self.contexts, "unknown_context")
            ),
            "challenges": p.run(
                "challenges",
                lambda: choice_list(get("challenges"), self.challenges, "unknown_challenge"),
                [],
            ),
            "possibilities": p.run("possibilities", lambda: text(get("possibilities"), None)),
            "restrictions": p.run("restrictions", lambda: text(get("restrictions"), None)),
            "latitude": p.run("latitude", lambda: decimal(get("latitude"), -90, 90)),
            "longitude": p.run("longitude", lambda: decimal(get("longitude"), -180, 180)),
            "is_fictional": bool(p.run("is_fictional", lambda: boolean(get("is_fictional")))),
        }
        if (data["latitude"] is None) != (data["longitude"] is None) and not p.has(
            "latitude", "longitude"
        ):
            missing = "longitude" if data["longitude"] is None else "latitude"
            p.add(missing, Problem("position_incomplete"))
        municipality, new_municipality = None, None
        if municipality_name:
            candidates = self.municipalities.get(normalise(municipality_name), [])
            if state:
                candidates = [m for m in candidates if m.state == state]
            if len(candidates) > 1:
                p.add("municipality", Problem("ambiguous_municipality", value=municipality_name))
            elif candidates:
                municipality = candidates[0]
            elif not state and not p.has("state"):
                p.add("municipality", Problem("state_required", value=municipality_name))
            else:
                new_municipality = (municipality_name, state, official_key)
        if p:
            return None, p
        neighbourhood = Neighbourhood(**data)
        try:
            neighbourhood.full_clean(
                exclude=["slug", "municipality"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            p.from_validation(error, self.target_names(), "name")
            return None, p
        return ImportedNeighbourhood(row, neighbourhood, municipality, new_municipality), p

    def _slug(self, value: str) -> str:
        value = value.strip()
        if not value:
            return ""
        try:
            validate_slug(value)
        except ValidationError:
            raise Problem("slug_invalid", value=value) from None
        if len(value) > (self.limits["slug"] or 200):
            raise Problem("too_long", length=len(value), limit=self.limits["slug"])
        return value

    @staticmethod
    def _official_key(value: str) -> str:
        value = value.strip().replace(" ", "")
        if value and (len(value) != 8 or not value.isdigit()):
            raise Problem("official_key", value=value)
        return value

    def check_all(self, result: CheckResult, columns: dict[str, str]) -> None:
        """Given short names must be free and appear only once in the file."""
        column = columns.get("slug", str(self.label_of("slug")))
        given = [item for item in result.items if item.neighbourhood.slug]
        slugs = [item.neighbourhood.slug for item in given]
        taken: set[str] = set()
        for start in range(0, len(slugs), BATCH_SIZE):
            chunk = slugs[start : start + BATCH_SIZE]
            taken.update(
                Neighbourhood.objects.filter(slug__in=chunk).values_list("slug", flat=True)
            )
        first_row: dict[str, int] = {}
        bad: set[int] = set()
        for item in given:
            slug = item.neighbourhood.slug
            if slug in taken:
                result.error(issue(item.row, column, "slug_taken", value=slug))
                bad.add(item.row)
            elif slug in first_row:
                result.error(
                    issue(item.row, column, "slug_twice", value=slug, first=first_row[slug])
                )
                bad.add(item.row)
            else:
                first_row[slug] = item.row
        if bad:
            result.items = [item for item in result.items if item.row not in bad]

    def save(self, items: list[ImportedNeighbourhood], job_label: str) -> int:
        new = [NewNeighbourhood(i.neighbourhood, i.municipality, i.new_municipality) for i in items]
        saved = save_neighbourhoods(new, by=self.user, source=job_label, same_name=normalise)
        return len(saved)
