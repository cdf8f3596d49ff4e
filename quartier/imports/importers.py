"""What every import shares: matching texts to choices, turning a cell's text into a value
(each problem named with its column), target fields and column suggestions, the check of all
rows and the `Importer` base class. Each kind has its own module – `actor_import`,
`neighbourhood_import`, `vacancies` (places) – which maps and checks rows and hands the
checked objects to its app's bulk service (`save_actors`, `save_neighbourhoods`,
`save_places`)."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import translation
from django.utils.translation import pgettext_lazy

from quartier.accounts.models import User
from quartier.actors.models import LegalForm, ResourceKind, Sector
from quartier.core.models import Visibility
from quartier.imports.parsing import parse_decimal
from quartier.imports.report import Issue, issue
from quartier.neighbourhoods.models import (
    Challenge,
    Context,
    FederalState,
    Neighbourhood,
    SituationType,
)

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
