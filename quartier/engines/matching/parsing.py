"""The parsing of the matching engine's JSON input.

`parse_input` turns the decoded JSON (plain dicts and lists) into `MatchingInput`, or raises
`MatchingInputError` carrying every problem found, each naming the item and the field in German
and English. docs/matching.md is the contract.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from .model import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    MAX_MONTHS,
    Id,
    MatchingInput,
    MatchingInputError,
    Place,
    Problem,
    Request,
    Weights,
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_PLACE_FIELDS = {
    "id",
    "area_m2",
    "rent_eur_month",
    "lat",
    "lon",
    "available_from",
    "available_until",
    "uses",
    "features",
}
_REQUEST_FIELDS = {
    "id",
    "uses",
    "area_m2_min",
    "area_m2_max",
    "budget_eur_month",
    "lat",
    "lon",
    "radius_km",
    "start",
    "months",
    "must_have",
    "nice_to_have",
    "displaced",
}
_TOP_FIELDS = {"places", "requests", "weights", "owner_rankings"}


class _Missing:
    pass


_MISSING = _Missing()


class _Reader:
    """Collects problems while reading one JSON document."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, de: str, en: str) -> None:
        self.problems.append({"path": path, "de": de, "en": en})

    def unknown_fields(
        self, item: Mapping[str, Any], allowed: set[str], path: str, de_item: str, en_item: str
    ) -> None:
        for key in sorted(set(item) - allowed, key=str):
            self.problem(
                f"{path}.{key}",
                f"{de_item}: unbekanntes Feld „{key}“.",
                f"{en_item}: unknown field '{key}'.",
            )

    def get(self, item: Mapping[str, Any], key: str, path: str, de_item: str, en_item: str) -> Any:
        if key not in item:
            self.problem(
                f"{path}.{key}",
                f"{de_item}: das Pflichtfeld „{key}“ fehlt.",
                f"{en_item}: the required field '{key}' is missing.",
            )
            return _MISSING
        return item[key]

    def number(
        self,
        value: Any,
        path: str,
        de_what: str,
        en_what: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(
                path,
                f"{de_what} muss eine Zahl sein, nicht {_json_repr(value)}.",
                f"{en_what} must be a number, not {_json_repr(value)}.",
            )
            return None
        number = float(value)
        if not math.isfinite(number):
            self.problem(
                path, f"{de_what} muss endlich sein.", f"{en_what} must be a finite number."
            )
            return None
        if minimum is not None and number < minimum:
            self.problem(
                path,
                f"{de_what} darf nicht kleiner als {_de_number(minimum)} sein"
                f" (angegeben: {_de_number(number)}).",
                f"{en_what} must not be less than {minimum:g} (given: {number:g}).",
            )
            return None
        if maximum is not None and number > maximum:
            self.problem(
                path,
                f"{de_what} darf nicht größer als {_de_number(maximum)} sein"
                f" (angegeben: {_de_number(number)}).",
                f"{en_what} must not be greater than {maximum:g} (given: {number:g}).",
            )
            return None
        return number

    def iso_date(self, value: Any, path: str, de_what: str, en_what: str) -> date | None:
        if value is _MISSING:
            return None
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(
            path,
            f"{de_what} ist kein gültiges Datum im Format JJJJ-MM-TT: {_json_repr(value)}.",
            f"{en_what} is not a valid date in the form YYYY-MM-DD: {_json_repr(value)}.",
        )
        return None

    def strings(
        self, value: Any, path: str, de_what: str, en_what: str, *, non_empty: bool = False
    ) -> frozenset[str] | None:
        if value is _MISSING:
            return None
        if not isinstance(value, list):
            self.problem(
                path,
                f"{de_what} muss eine Liste von Texten sein, nicht {_json_repr(value)}.",
                f"{en_what} must be a list of strings, not {_json_repr(value)}.",
            )
            return None
        ok = True
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or not entry.strip():
                self.problem(
                    f"{path}[{index}]",
                    f"{de_what}: Eintrag {index + 1} muss ein nicht leerer Text sein,"
                    f" nicht {_json_repr(entry)}.",
                    f"{en_what}: entry {index + 1} must be a non-empty string,"
                    f" not {_json_repr(entry)}.",
                )
                ok = False
        if not ok:
            return None
        if non_empty and not value:
            self.problem(
                path,
                f"{de_what} darf nicht leer sein.",
                f"{en_what} must not be empty.",
            )
            return None
        return frozenset(value)

    def identifier(self, value: Any, path: str, de_item: str, en_item: str) -> Id | None:
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.strip())
        ):
            self.problem(
                path,
                f"{de_item}: die Kennung „id“ muss ein nicht leerer Text oder eine ganze Zahl"
                f" sein, nicht {_json_repr(value)}.",
                f"{en_item}: the 'id' must be a non-empty string or an integer,"
                f" not {_json_repr(value)}.",
            )
            return None
        return value


def _json_repr(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}"'
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return type(value).__name__


def _de_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _item_names(kind: str, index: int, raw: Any) -> tuple[str, str]:
    """'Ort 3 (id "p7")' / 'place 3 (id "p7")': the item as people count it, with its id."""
    de_kind, en_kind = ("Ort", "place") if kind == "places" else ("Anfrage", "request")
    suffix = ""
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str | int):
        suffix = f" (id {_json_repr(raw['id'])})"
    return f"{de_kind} {index + 1}{suffix}", f"{en_kind} {index + 1}{suffix}"


def _parse_place(reader: _Reader, raw: Any, path: str, index: int) -> Place | None:
    de_item, en_item = _item_names("places", index, raw)
    if not isinstance(raw, Mapping):
        reader.problem(
            path,
            f"{de_item} muss ein Objekt sein, nicht {_json_repr(raw)}.",
            f"{en_item} must be an object, not {_json_repr(raw)}.",
        )
        return None
    before = len(reader.problems)
    reader.unknown_fields(raw, _PLACE_FIELDS, path, de_item, en_item)

    def get(key: str) -> Any:
        return reader.get(raw, key, path, de_item, en_item)

    def what(key: str) -> tuple[str, str]:
        return f"{de_item}: „{key}“", f"{en_item}: '{key}'"

    place_id = reader.identifier(get("id"), f"{path}.id", de_item, en_item)
    area = reader.number(get("area_m2"), f"{path}.area_m2", *what("area_m2"), minimum=0)
    rent = reader.number(
        get("rent_eur_month"), f"{path}.rent_eur_month", *what("rent_eur_month"), minimum=0
    )
    lat = reader.number(get("lat"), f"{path}.lat", *what("lat"), minimum=-90, maximum=90)
    lon = reader.number(get("lon"), f"{path}.lon", *what("lon"), minimum=-180, maximum=180)
    available_from = reader.iso_date(
        get("available_from"), f"{path}.available_from", *what("available_from")
    )
    until_raw = raw.get("available_until")
    available_until = (
        None
        if until_raw is None
        else reader.iso_date(until_raw, f"{path}.available_until", *what("available_until"))
    )
    uses = reader.strings(get("uses"), f"{path}.uses", *what("uses"))
    features = reader.strings(raw.get("features", []), f"{path}.features", *what("features"))
    if available_from and available_until and available_until < available_from:
        reader.problem(
            f"{path}.available_until",
            f"{de_item}: „available_until“ ({available_until.isoformat()}) liegt vor"
            f" „available_from“ ({available_from.isoformat()}).",
            f"{en_item}: 'available_until' ({available_until.isoformat()}) is before"
            f" 'available_from' ({available_from.isoformat()}).",
        )
    if len(reader.problems) > before:
        return None
    assert place_id is not None and area is not None and rent is not None
    assert lat is not None and lon is not None and available_from is not None
    assert uses is not None and features is not None
    return Place(
        id=place_id,
        area_m2=area,
        rent_eur_month=rent,
        lat=lat,
        lon=lon,
        available_from=available_from,
        available_until=available_until,
        uses=uses,
        features=features,
    )


def _parse_request(reader: _Reader, raw: Any, path: str, index: int) -> Request | None:
    de_item, en_item = _item_names("requests", index, raw)
    if not isinstance(raw, Mapping):
        reader.problem(
            path,
            f"{de_item} muss ein Objekt sein, nicht {_json_repr(raw)}.",
            f"{en_item} must be an object, not {_json_repr(raw)}.",
        )
        return None
    before = len(reader.problems)
    reader.unknown_fields(raw, _REQUEST_FIELDS, path, de_item, en_item)

    def get(key: str) -> Any:
        return reader.get(raw, key, path, de_item, en_item)

    def what(key: str) -> tuple[str, str]:
        return f"{de_item}: „{key}“", f"{en_item}: '{key}'"

    request_id = reader.identifier(get("id"), f"{path}.id", de_item, en_item)
    uses = reader.strings(get("uses"), f"{path}.uses", *what("uses"), non_empty=True)
    area_min = reader.number(
        get("area_m2_min"), f"{path}.area_m2_min", *what("area_m2_min"), minimum=0
    )
    area_max = reader.number(
        get("area_m2_max"), f"{path}.area_m2_max", *what("area_m2_max"), minimum=0
    )
    budget = reader.number(
        get("budget_eur_month"), f"{path}.budget_eur_month", *what("budget_eur_month"), minimum=0
    )
    lat = reader.number(get("lat"), f"{path}.lat", *what("lat"), minimum=-90, maximum=90)
    lon = reader.number(get("lon"), f"{path}.lon", *what("lon"), minimum=-180, maximum=180)
    radius = reader.number(get("radius_km"), f"{path}.radius_km", *what("radius_km"), minimum=0)
    start = reader.iso_date(get("start"), f"{path}.start", *what("start"))
    months_raw = get("months")
    months: int | None = None
    if months_raw is not _MISSING:
        if (
            isinstance(months_raw, bool)
            or not isinstance(months_raw, int)
            or not 1 <= months_raw <= MAX_MONTHS
        ):
            reader.problem(
                f"{path}.months",
                f"{de_item}: „months“ muss eine ganze Zahl von 1 bis {MAX_MONTHS} sein,"
                f" nicht {_json_repr(months_raw)}.",
                f"{en_item}: 'months' must be a whole number from 1 to {MAX_MONTHS},"
                f" not {_json_repr(months_raw)}.",
            )
        else:
            months = months_raw
    must_have = reader.strings(raw.get("must_have", []), f"{path}.must_have", *what("must_have"))
    nice_to_have = reader.strings(
        raw.get("nice_to_have", []), f"{path}.nice_to_have", *what("nice_to_have")
    )
    displaced = raw.get("displaced", False)
    if not isinstance(displaced, bool):
        reader.problem(
            f"{path}.displaced",
            f"{de_item}: „displaced“ muss true oder false sein, nicht {_json_repr(displaced)}.",
            f"{en_item}: 'displaced' must be true or false, not {_json_repr(displaced)}.",
        )
    if area_min is not None and area_max is not None and area_max < area_min:
        reader.problem(
            f"{path}.area_m2_max",
            f"{de_item}: „area_m2_max“ ({_de_number(area_max)}) ist kleiner als"
            f" „area_m2_min“ ({_de_number(area_min)}).",
            f"{en_item}: 'area_m2_max' ({area_max:g}) is less than 'area_m2_min' ({area_min:g}).",
        )
    if start is not None and months is not None and start.year + months // 12 + 1 > date.max.year:
        reader.problem(
            f"{path}.months",
            f"{de_item}: der Zeitraum endet nach dem Jahr 9999.",
            f"{en_item}: the period ends after the year 9999.",
        )
    if len(reader.problems) > before:
        return None
    assert request_id is not None and uses is not None and budget is not None
    assert area_min is not None and area_max is not None and radius is not None
    assert lat is not None and lon is not None and start is not None and months is not None
    assert must_have is not None and nice_to_have is not None
    return Request(
        id=request_id,
        uses=uses,
        area_m2_min=area_min,
        area_m2_max=area_max,
        budget_eur_month=budget,
        lat=lat,
        lon=lon,
        radius_km=radius,
        start=start,
        months=months,
        must_have=must_have,
        nice_to_have=nice_to_have,
        displaced=bool(displaced),
    )


def _parse_weights(reader: _Reader, raw: Any) -> Weights | None:
    if raw is None:
        return Weights()
    if not isinstance(raw, Mapping):
        reader.problem(
            "weights",
            f"„weights“ muss ein Objekt sein, nicht {_json_repr(raw)}.",
            f"'weights' must be an object, not {_json_repr(raw)}.",
        )
        return None
    before = len(reader.problems)
    names = ", ".join(CRITERIA)
    given: dict[str, float] = {}
    for key in sorted(raw, key=str):
        if key not in CRITERIA:
            reader.problem(
                f"weights.{key}",
                f"„weights“: unbekanntes Kriterium „{key}“ (bekannt: {names}).",
                f"'weights': unknown criterion '{key}' (known: {names}).",
            )
            continue
        value = reader.number(
            raw[key], f"weights.{key}", f"Gewicht „{key}“", f"weight '{key}'", minimum=0
        )
        if value is not None:
            given[key] = value
    if len(reader.problems) > before:
        return None
    if sum(given.get(name, DEFAULT_WEIGHTS[name]) for name in CRITERIA) <= 0:
        reader.problem(
            "weights",
            "Mindestens ein Gewicht muss größer als 0 sein.",
            "At least one weight must be greater than 0.",
        )
        return None
    return Weights.from_mapping(given)


def _parse_items(reader: _Reader, data: Mapping[str, Any], kind: str) -> list[Any]:
    raw = data.get(kind, _MISSING)
    de_kind = "Orte" if kind == "places" else "Anfragen"
    if raw is _MISSING:
        reader.problem(
            kind,
            f"Das Pflichtfeld „{kind}“ (Liste der {de_kind}) fehlt.",
            f"The required field '{kind}' (list of {kind}) is missing.",
        )
        return []
    if not isinstance(raw, list):
        reader.problem(
            kind,
            f"„{kind}“ muss eine Liste sein, nicht {_json_repr(raw)}.",
            f"'{kind}' must be a list, not {_json_repr(raw)}.",
        )
        return []
    parse = _parse_place if kind == "places" else _parse_request
    items = [parse(reader, item, f"{kind}[{i}]", i) for i, item in enumerate(raw)]
    seen: dict[str, int] = {}  # ids compare as text: 1 and "1" are the same id
    for index, item in enumerate(raw):
        item_id = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(item_id, bool) or not isinstance(item_id, str | int):
            continue
        if str(item_id) in seen:
            de_item, en_item = _item_names(kind, index, item)
            reader.problem(
                f"{kind}[{index}].id",
                f"{de_item}: die Kennung {_json_repr(item_id)} kommt schon bei"
                f" Nummer {seen[str(item_id)] + 1} vor.",
                f"{en_item}: the id {_json_repr(item_id)} is already used by"
                f" number {seen[str(item_id)] + 1}.",
            )
        else:
            seen[str(item_id)] = index
    return items


def _parse_rankings(
    reader: _Reader, raw: Any, places: Sequence[Place], requests: Sequence[Request]
) -> dict[Id, tuple[Id, ...]] | None:
    if not isinstance(raw, Mapping):
        reader.problem(
            "owner_rankings",
            f"„owner_rankings“ muss ein Objekt sein (Ort → Liste von Anfragen),"
            f" nicht {_json_repr(raw)}.",
            f"'owner_rankings' must be an object (place → list of requests),"
            f" not {_json_repr(raw)}.",
        )
        return None
    place_ids = {str(place.id): place.id for place in places}
    request_ids = {str(request.id): request.id for request in requests}
    rankings: dict[Id, tuple[Id, ...]] = {}
    for key in sorted(raw, key=str):
        path = f"owner_rankings.{key}"
        if str(key) not in place_ids:
            reader.problem(
                path,
                f"„owner_rankings“: es gibt keinen Ort mit der Kennung „{key}“.",
                f"'owner_rankings': there is no place with the id '{key}'.",
            )
            continue
        ranking = raw[key]
        if not isinstance(ranking, list):
            reader.problem(
                path,
                f"„owner_rankings“ für Ort „{key}“ muss eine Liste von Anfrage-Kennungen sein.",
                f"'owner_rankings' for place '{key}' must be a list of request ids.",
            )
            continue
        ranked: list[Id] = []
        for index, entry in enumerate(ranking):
            if isinstance(entry, bool) or str(entry) not in request_ids:
                reader.problem(
                    f"{path}[{index}]",
                    f"„owner_rankings“ für Ort „{key}“: es gibt keine Anfrage mit der Kennung"
                    f" {_json_repr(entry)}.",
                    f"'owner_rankings' for place '{key}': there is no request with the id"
                    f" {_json_repr(entry)}.",
                )
            elif request_ids[str(entry)] in ranked:
                reader.problem(
                    f"{path}[{index}]",
                    f"„owner_rankings“ für Ort „{key}“: Anfrage {_json_repr(entry)} steht"
                    f" doppelt in der Rangfolge.",
                    f"'owner_rankings' for place '{key}': request {_json_repr(entry)} is"
                    f" ranked twice.",
                )
            else:
                ranked.append(request_ids[str(entry)])
        rankings[place_ids[str(key)]] = tuple(ranked)
    return rankings


def parse_input(data: Any) -> MatchingInput:
    """Reads the decoded JSON input. Raises `MatchingInputError` listing every problem."""
    reader = _Reader()
    if not isinstance(data, Mapping):
        reader.problem(
            "",
            f"Die Eingabe muss ein JSON-Objekt sein, nicht {_json_repr(data)}.",
            f"The input must be a JSON object, not {_json_repr(data)}.",
        )
        raise MatchingInputError(reader.problems)
    for key in sorted(set(data) - _TOP_FIELDS, key=str):
        reader.problem(
            str(key),
            f"Unbekanntes Feld „{key}“ (erlaubt: places, requests, weights, owner_rankings).",
            f"Unknown field '{key}' (allowed: places, requests, weights, owner_rankings).",
        )
    places = _parse_items(reader, data, "places")
    requests = _parse_items(reader, data, "requests")
    weights = _parse_weights(reader, data.get("weights"))
    if reader.problems:
        raise MatchingInputError(reader.problems)
    rankings = None
    if data.get("owner_rankings") is not None:
        rankings = _parse_rankings(reader, data["owner_rankings"], places, requests)
        if reader.problems:
            raise MatchingInputError(reader.problems)
    assert weights is not None
    return MatchingInput(
        places=tuple(places),
        requests=tuple(requests),
        weights=weights,
        owner_rankings=rankings,
    )
