"""What an import can fill: the target fields of actors and of neighbourhoods, the column
suggested for each, how the text of a row becomes values (each problem named with its
column) and how the checked rows are saved in bulk."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext_lazy

from quartier.accounts.models import User
from quartier.actors.models import Actor, LegalForm, ResourceKind, Sector
from quartier.actors.services import NewActor, derive_established, save_actors
from quartier.core.models import Visibility
from quartier.imports.parsing import parse_decimal
from quartier.imports.report import Issue, issue
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
    from django_stubs_ext import StrOrPromise

BATCH_SIZE = 500
MAX_REPORTED = 500  # issues kept in the report; all of them are counted
LIST_SEPARATORS = re.compile(r"[;,]")
NEIGHBOURHOOD_SEPARATORS = re.compile(r"[;|]")
FORMULA_PREFIXES = ("=", "+", "-", "@")


# --- matching of texts -----------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, umlauts spelled out, only letters and digits: "Längengrad" and
    "laengengrad", "e.V." and "ev", "know_how" and "Know-how" become equal."""
    text = text.casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelled)
    return "".join(ch for ch in text if ch.isalnum())


def header_key(header: str) -> str:
    """A column header without remarks in brackets: "Breitengrad (WGS 84)" → breitengrad."""
    return normalise(re.sub(r"[(\[].*?[)\]]", "", header)) or normalise(header)


class ChoiceLookup:
    """Finds the key of a choice from its key, its label in German or English, or one of
    the usual German names; case and punctuation do not matter."""

    def __init__(
        self, choices: Iterable[tuple[str, Any]], names: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        self.choices = [(key, label) for key, label in choices]
        self.by_text: dict[str, str] = {}
        for key, _label in self.choices:
            self._add(key, key)
        for language in ("de", "en"):
            with translation.override(language):
                for key, label in self.choices:
                    self._add(str(label), key)
        for key, label in self.choices:
            self._add(str(label), key)
        for key, texts in (names or {}).items():
            for text in texts:
                self._add(text, key)

    def _add(self, text: str, key: str) -> None:
        if normalise(text):
            self.by_text.setdefault(normalise(text), key)

    def get(self, text: str) -> str | None:
        return self.by_text.get(normalise(text))


SECTOR_NAMES: dict[str, tuple[str, ...]] = {
    Sector.MUNICIPAL: ("Kommunalverwaltung", "Kommune", "Stadtverwaltung", "Gemeindeverwaltung"),
    Sector.HOUSING: ("Wohnungsunternehmen", "Wohnungswirtschaft", "Wohnungsbaugesellschaft"),
    Sector.REAL_ESTATE: (
        "Immobilienunternehmen oder private Eigentümer",
        "Immobilienwirtschaft",
        "Private Eigentümer",
        "Eigentümer",
    ),
    Sector.BUSINESS: (
        "Gewerbe, Handel, Gastronomie, Handwerk",
        "Gewerbe",
        "Einzelhandel",
        "Gastronomie",
        "Handwerk",
        "Wirtschaft",
    ),
    Sector.WELFARE: (
        "Wohlfahrtsverband oder sozialer Träger",
        "Wohlfahrtsverband",
        "Sozialer Träger",
    ),
    Sector.SCHOOL: ("Schule",),
    Sector.UNIVERSITY: ("Hochschule", "Universität", "Fachhochschule"),
    Sector.CULTURE: ("Kultur und Soziokultur", "Soziokultur"),
    Sector.CREATIVE: ("Kreativwirtschaft", "Kultur- und Kreativwirtschaft"),
    Sector.CIVIL_SOCIETY: (
        "Zivilgesellschaftliche Initiative oder Verein",
        "Zivilgesellschaft",
        "Initiative",
        "Bürgerinitiative",
    ),
    Sector.STARTUP: ("Start-up", "Gründung"),
    Sector.FOUNDATION: ("Stiftung oder Fördermittelgeber", "Stiftung", "Fördermittelgeber"),
    Sector.INTERMEDIARY: ("Intermediär", "Intermediäre"),
    Sector.CHURCH: ("Kirche oder Religionsgemeinschaft", "Kirche", "Religionsgemeinschaft"),
    Sector.PUBLIC_BODY: ("Bundes- oder Landesbehörde", "Bundesbehörde", "Landesbehörde"),
}
LEGAL_FORM_NAMES: dict[str, tuple[str, ...]] = {
    LegalForm.EV: ("eingetragener Verein", "Verein"),
    LegalForm.GGMBH: ("gemeinnützige GmbH",),
    LegalForm.GMBH: ("Gesellschaft mit beschränkter Haftung",),
    LegalForm.GBR: ("Gesellschaft bürgerlichen Rechts",),
    LegalForm.COOPERATIVE: ("eG", "Genossenschaft", "eingetragene Genossenschaft"),
    LegalForm.PUBLIC_LAW: (
        "Körperschaft des öffentlichen Rechts",
        "KdöR",
        "Anstalt des öffentlichen Rechts",
        "AöR",
        "öffentlich-rechtlich",
    ),
    LegalForm.FREELANCER: ("freiberuflich", "Freiberufler", "Freiberuflerin"),
    LegalForm.INFORMAL: ("informelle Gruppe", "ohne Rechtsform"),
    LegalForm.OTHER: ("sonstige", "Sonstiges", "andere"),
}
RESOURCE_KIND_NAMES: dict[str, tuple[str, ...]] = {
    ResourceKind.SPACE: ("Raum", "Räume", "Fläche", "Flächen"),
    ResourceKind.MONEY: ("Geld", "Finanzierung", "Fördermittel"),
    ResourceKind.KNOW_HOW: ("Wissen", "Fachwissen", "Beratung"),
    ResourceKind.STAFF_TIME: ("Personalzeit", "Personal", "Arbeitszeit", "Zeit"),
    ResourceKind.NETWORK: ("Netzwerk", "Netzwerkzugang", "Zugang zum Netzwerk", "Kontakte"),
    ResourceKind.PUBLICITY: ("Öffentlichkeit", "Öffentlichkeitsarbeit", "Reichweite"),
    ResourceKind.EQUIPMENT: ("Ausstattung", "Ausrüstung", "Technik", "Geräte", "Material"),
}
VISIBILITY_NAMES: dict[str, tuple[str, ...]] = {
    Visibility.PUBLIC: ("öffentlich",),
    Visibility.NETWORK: ("Netzwerk", "Netzwerkmitglieder", "nur Netzwerk"),
    Visibility.PRIVATE: ("privat",),
}
ACTOR_VISIBILITIES = [
    (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
    (Visibility.NETWORK.value, Visibility.NETWORK.label),
    (Visibility.PRIVATE.value, Visibility.PRIVATE.label),
]
SITUATION_NAMES: dict[str, tuple[str, ...]] = {
    SituationType.PROBLEM_DISTRICT: (
        "sozial oder baulich problematisches Quartier",
        "Problemquartier",
    ),
    SituationType.RURAL_TOWN: ("ländliche Klein- oder Mittelstadt", "Kleinstadt", "Mittelstadt"),
    SituationType.CITY_CENTRE: ("Zentrum: Innenstadt", "Innenstadt", "Stadtzentrum"),
    SituationType.DISTRICT_CENTRE: ("Zentrum: Stadtteilzentrum", "Stadtteilzentrum"),
}
CONTEXT_NAMES: dict[str, tuple[str, ...]] = {
    Context.CENTRAL_GROWING: ("zentral und wachsend", "wachsend"),
    Context.PERIPHERAL_WEAK: ("peripher und strukturschwach", "strukturschwach"),
}
CHALLENGE_NAMES: dict[str, tuple[str, ...]] = {
    Challenge.POLARISATION: ("soziale und räumliche Polarisierung", "Polarisierung"),
    Challenge.GENTRIFICATION: ("Gentrifizierung und Verdrängung", "Gentrifizierung"),
    Challenge.VACANCY: ("Leerstand",),
    Challenge.RETAIL_DECLINE: ("Rückgang von Handel und Dienstleistungen", "Ladensterben"),
    Challenge.DEMOGRAPHIC_CHANGE: ("demografischer Wandel", "demographischer Wandel"),
    Challenge.YOUTH_EXODUS: ("Abwanderung junger Menschen", "Abwanderung"),
    Challenge.PUBLIC_SERVICES: ("Sicherung der Daseinsvorsorge", "Daseinsvorsorge"),
    Challenge.LOCAL_ECONOMY: ("schwache lokale Wirtschaft",),
    Challenge.SOCIAL_EROSION: ("soziale Erosion",),
    Challenge.PANDEMIC: ("Folgen der Pandemie", "Pandemie"),
}
STATE_NAMES: dict[str, tuple[str, ...]] = {FederalState.NW: ("NRW",)}
YES = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
NO = {"nein", "n", "no", "false", "falsch", "0"}


# --- turning texts into values ---------------------------------------------------------------


class Problem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def plain_text(value: str) -> str:
    """Undoes the apostrophe that exports put before "=", "+", "-", "@" against formulas."""
    if value.startswith("'") and value[1:2] in FORMULA_PREFIXES:
        return value[1:]
    return value


def text(value: str, limit: int | None, *, required: bool = False) -> str:
    value = plain_text(value.strip())
    if required and not value:
        raise Problem("required")
    if limit is not None and len(value) > limit:
        raise Problem("too_long", length=len(value), limit=limit)
    return value


def choice(value: str, lookup: ChoiceLookup, code: str, *, required: bool = False) -> str:
    value = value.strip()
    if not value:
        if required:
            raise Problem("required")
        return ""
    key = lookup.get(value)
    if key is None:
        raise Problem(code, value=value)
    return key


def choice_list(value: str, lookup: ChoiceLookup, code: str) -> list[str]:
    keys: list[str] = []
    for part in LIST_SEPARATORS.split(value):
        if part.strip():
            key = choice(part, lookup, code)
            if key not in keys:
                keys.append(key)
    return keys


def decimal(value: str, low: float, high: float) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = parse_decimal(value)
    except ValueError:
        raise Problem("not_a_number", value=value) from None
    if not low <= number <= high:
        raise Problem("out_of_range", value=value, low=low, high=high)
    return number


def whole_number(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = parse_decimal(value)
    except ValueError:
        raise Problem("not_a_whole_number", value=value) from None
    if number < 0 or not number.is_integer() or number > 2_147_483_647:
        raise Problem("not_a_whole_number", value=value)
    return int(number)


def postcode(value: str) -> str:
    value = value.strip().replace(" ", "")
    if not value:
        return ""
    if value.isdigit() and len(value) == 4:
        value = "0" + value  # spreadsheets drop the leading zero of 01067 Dresden
    if len(value) != 5 or not value.isdigit():
        raise Problem("postcode", value=value)
    return value


_url_validator = URLValidator(schemes=["http", "https"])


def web_address(value: str, limit: int) -> str:
    value = value.strip()
    if not value:
        return ""
    url = value if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) else f"https://{value}"
    try:
        _url_validator(url)
    except ValidationError:
        raise Problem("url", value=value) from None
    if len(url) > limit:
        raise Problem("too_long", length=len(url), limit=limit)
    return url


def boolean(value: str) -> bool | None:
    key = value.strip().casefold()
    if not key:
        return None
    if key in YES:
        return True
    if key in NO:
        return False
    raise Problem("boolean", value=value.strip())


def max_length(model: type[models.Model], name: str) -> int | None:
    return getattr(model._meta.get_field(name), "max_length", None)


# --- targets and suggestions -----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    label: "StrOrPromise"
    aliases: tuple[str, ...]
    group: str
    required: bool = False
    help_text: "StrOrPromise" = ""


GROUPS: dict[str, "StrOrPromise"] = {
    "basic": pgettext_lazy("import group", "Basic data"),
    "details": pgettext_lazy("import group", "Details"),
    "address": pgettext_lazy("import group", "Address and position"),
    "resources": pgettext_lazy("import group", "Offers and needs"),
    "terms": pgettext_lazy("import group", "Area, costs and availability"),
    "features": pgettext_lazy("import group", "Features"),
}

LATITUDE_ALIASES = ("Breitengrad", "Breite", "lat", "latitude", "Geografische Breite")
LONGITUDE_ALIASES = ("Längengrad", "Länge", "lon", "lng", "long", "longitude", "Geografische Länge")
POSITION_HELP = pgettext_lazy(
    "import help", "Decimal degrees (WGS 84); a decimal comma is fine, e.g. 51,7834."
)
POSITION_TARGETS = (
    Target(
        "latitude",
        pgettext_lazy("column", "Latitude"),
        LATITUDE_ALIASES,
        "address",
        help_text=POSITION_HELP,
    ),
    Target(
        "longitude",
        pgettext_lazy("column", "Longitude"),
        LONGITUDE_ALIASES,
        "address",
        help_text=POSITION_HELP,
    ),
)


@dataclass
class CheckResult:
    """The outcome of checking every row: what can be saved, and the problems."""

    items: list[Any] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    rows: int = 0
    summary: dict[str, int] = field(default_factory=dict)

    def error(self, entry: Issue) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(entry)

    def warn(self, entry: Issue) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_REPORTED:
            self.warnings.append(entry)

    def as_report(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "errors": self.errors,
            "warnings": self.warnings,
            "summary": self.summary,
        }


class RowProblems:
    """Collects the problems of one row, each with the target field it belongs to."""

    def __init__(self) -> None:
        self.items: list[tuple[str, Problem]] = []

    def run(self, name: str, convert: Callable[[], Any], default: Any = None) -> Any:
        try:
            return convert()
        except Problem as problem:
            self.items.append((name, problem))
            return default

    def add(self, name: str, problem: Problem) -> None:
        self.items.append((name, problem))

    def has(self, *names: str) -> bool:
        return any(name in names for name, _problem in self.items)

    def from_validation(self, error: ValidationError, fields: Sequence[str], fallback: str) -> None:
        for name, messages in error.message_dict.items():
            target = name if name in fields and name != NON_FIELD_ERRORS else fallback
            self.add(target, Problem("invalid", text=" ".join(messages)))

    def __bool__(self) -> bool:
        return bool(self.items)


class Importer:
    """One kind of import. `check` turns the rows into unsaved objects and a report; `save`
    writes them (the caller wraps it in a transaction)."""

    kind: ClassVar[str]
    targets: ClassVar[tuple[Target, ...]]
    accepted_hint: ClassVar["StrOrPromise"] = ""

    @classmethod
    def accepted_values(cls) -> list[tuple[Any, list[tuple[str, Any]]]]:
        """The controlled lists a column's cells come from, for the help on the mapping page."""
        return []

    def __init__(self, user: User) -> None:
        self.user = user
        self.mapping: dict[str, int] = {}

    @classmethod
    def target_names(cls) -> list[str]:
        return [target.name for target in cls.targets]

    @classmethod
    def suggest_mapping(cls, headers: Sequence[str]) -> dict[str, int]:
        """For each target field the first column whose header is one of its German or
        English names; a column is suggested for one field only."""
        keys = [header_key(header) for header in headers]
        used: set[int] = set()
        mapping: dict[str, int] = {}
        for target in cls.targets:
            for alias in (target.name, *target.aliases):
                wanted = header_key(alias)
                index = next(
                    (i for i, key in enumerate(keys) if key == wanted and i not in used), None
                )
                if index is not None:
                    mapping[target.name] = index
                    used.add(index)
                    break
        return mapping

    def prepare(self) -> None:
        """Loads what every row needs (a few queries, not one per row)."""

    def preload(self, rows: list[dict[str, str]]) -> None:
        """Loads what the rows refer to (a few queries for all rows, not one per row)."""

    def clean_row(self, row: int, values: dict[str, str]) -> tuple[Any, RowProblems]:
        raise NotImplementedError

    def check_all(self, result: CheckResult, columns: dict[str, str]) -> None:
        """Checks across rows, after every row has been checked on its own."""

    def save(self, items: list[Any], job_label: str) -> int:
        raise NotImplementedError

    def check(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        row_numbers: Sequence[int],
        mapping: dict[str, int],
        on_progress: Callable[[int], None] | None = None,
        every: int = BATCH_SIZE,
    ) -> CheckResult:
        self.mapping = mapping
        self.prepare()
        columns = {name: headers[index] for name, index in mapping.items()}
        result = CheckResult(rows=len(rows))
        all_values = [{name: cells[index] for name, index in mapping.items()} for cells in rows]
        self.preload(all_values)
        for done, (number, values) in enumerate(zip(row_numbers, all_values, strict=True), start=1):
            item, problems = self.clean_row(number, values)
            for name, problem in problems.items:
                column = columns.get(name) or str(self.label_of(name))
                result.error(issue(number, column, problem.code, **problem.params))
            if not problems:
                result.items.append(item)
            if on_progress is not None and done % every == 0:
                on_progress(done)
        self.check_all(result, columns)
        result.errors.sort(key=lambda entry: entry["row"])
        result.warnings.sort(key=lambda entry: entry["row"])
        return result

    @classmethod
    def label_of(cls, name: str) -> "StrOrPromise":
        return next((t.label for t in cls.targets if t.name == name), name)


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


class NeighbourhoodLookup:
    """Neighbourhoods by short name, by "Municipality – Name" or by name (when unique)."""

    def __init__(self) -> None:
        self.by_slug: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        rows = Neighbourhood.objects.values_list("pk", "slug", "name", "municipality__name")
        for pk, slug, name, municipality in rows:
            self.by_slug[slug.casefold()] = pk
            self.by_name[normalise(name)].add(pk)
            self.by_name[normalise(f"{municipality} {name}")].add(pk)

    def find(self, value: str) -> list[int]:
        found: list[int] = []
        for part in NEIGHBOURHOOD_SEPARATORS.split(value):
            part = part.strip()
            if not part:
                continue
            pk = self.by_slug.get(part.casefold())
            if pk is None:
                candidates = self.by_name.get(normalise(part), set())
                if len(candidates) > 1:
                    raise Problem("ambiguous_neighbourhood", value=part)
                if not candidates:
                    raise Problem("unknown_neighbourhood", value=part)
                pk = next(iter(candidates))
            if pk not in found:
                found.append(pk)
        return found


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
