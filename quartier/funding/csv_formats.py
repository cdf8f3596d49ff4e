"""The CSV formats of the funding area (docs/funding.md): the programme catalogue and the
Belegliste. Parsing turns text into plain values with a German error per row and column;
the services decide and write (all or nothing)."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from quartier.engines.eligibility import to_cents, to_decimal

PROGRAMME_COLUMNS = [
    "slug", "title", "summary", "funder_name", "funder", "funding_types", "areas", "regions",
    "eligible", "legal_forms", "non_profit_required", "min_age_months", "trustee_allowed",
    "topics", "phases", "min_amount", "max_amount", "funding_rate", "own_share",
    "volunteer_hours_count", "in_kind_counts", "deadline_kind", "deadline_dates",
    "deadline_month", "deadline_day", "draw_window_days", "source_url", "licence",
    "checked_on", "is_example",
]  # fmt: skip
LIST_COLUMNS = {"funding_types", "areas", "regions", "eligible", "legal_forms", "topics", "phases"}
BOOL_COLUMNS = {
    "non_profit_required",
    "trustee_allowed",
    "volunteer_hours_count",
    "in_kind_counts",
    "is_example",
}
MONEY_COLUMNS = {"min_amount", "max_amount", "funding_rate", "own_share"}
INT_COLUMNS = {"min_age_months", "deadline_month", "deadline_day", "draw_window_days"}
RECEIPT_COLUMNS = ["datum", "empfaenger", "zweck", "betrag", "planposition", "art"]
RECEIPT_HEADERS = {
    "datum": "datum", "date": "datum",
    "empfänger": "empfaenger", "empfaenger": "empfaenger", "payee": "empfaenger",
    "zweck": "zweck", "purpose": "zweck",
    "betrag": "betrag", "amount": "betrag",
    "planposition": "planposition", "plan_line": "planposition",
    "art": "art", "kind": "art",
}  # fmt: skip


@dataclass
class RowError:
    row: int
    messages: list[str] = field(default_factory=list)


class CsvFormatError(ValueError):
    pass


def read_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """UTF-8 (with or without BOM) or Latin-1; comma or semicolon."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not text.strip():
        raise CsvFormatError("Die Datei ist leer.")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = headers
    return headers, [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def parse_day(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_money(value: str) -> Decimal:
    return to_decimal(to_cents(value))


def parse_bool(value: str) -> bool:
    lowered = value.lower()
    if lowered in ("ja", "yes", "true", "1", "x"):
        return True
    if lowered in ("nein", "no", "false", "0", ""):
        return False
    raise ValueError(value)


def programme_fields(
    row: dict[str, str], errors: list[str], label: str = "Spalte"
) -> dict[str, Any]:
    """The model fields of one programme row; problems are added to `errors` in German
    (`label`: "Spalte" for a CSV column, "Element" for an XML element)."""
    values: dict[str, Any] = {}
    for column in PROGRAMME_COLUMNS:
        raw = row.get(column, "")
        try:
            if column in LIST_COLUMNS:
                items = [v.strip() for v in raw.split(";") if v.strip()]
                values[column] = f"|{'|'.join(items)}|" if items else ""
            elif column in BOOL_COLUMNS:
                values[column] = parse_bool(raw)
            elif column in MONEY_COLUMNS:
                values[column] = parse_money(raw) if raw else None
            elif column in INT_COLUMNS:
                values[column] = int(raw) if raw else None
            elif column == "deadline_dates":
                values[column] = [
                    parse_day(v.strip()).isoformat() for v in raw.split(";") if v.strip()
                ]
            elif column == "checked_on":
                values[column] = parse_day(raw) if raw else None
            else:
                values[column] = raw
        except ValueError:
            errors.append(f"{label} „{column}“: „{raw}“ ist kein gültiger Wert.")
    if values.get("own_share") is None:
        values["own_share"] = Decimal("0")
    for column in ("min_age_months",):
        if values.get(column) is None:
            values[column] = 0
    if values.get("draw_window_days") is None:
        values["draw_window_days"] = 42
    if not values.get("deadline_kind"):
        values["deadline_kind"] = "rolling"
    return values


def programme_cells(programme: Any) -> dict[str, str]:
    """A programme's values as the import reads them (lists joined with ";")."""
    cells = {}
    for column in PROGRAMME_COLUMNS:
        value = getattr(programme, column)
        if column in LIST_COLUMNS:
            value = ";".join(v for v in value.split("|") if v)
        elif column in BOOL_COLUMNS:
            value = "ja" if value else "nein"
        elif column == "deadline_dates":
            value = ";".join(value)
        elif value is None:
            value = ""
        cells[column] = str(value)
    return cells


def programmes_csv(programmes: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(PROGRAMME_COLUMNS)
    for programme in programmes:
        writer.writerow(programme_cells(programme).values())
    return out.getvalue()


def receipt_values(row: dict[str, str], errors: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    try:
        values["paid_on"] = parse_day(row.get("datum", ""))
    except ValueError:
        errors.append(f"Datum „{row.get('datum', '')}“ ist ungültig (TT.MM.JJJJ).")
    values["payee"] = row.get("empfaenger", "")
    values["purpose"] = row.get("zweck", "")
    if not values["payee"]:
        errors.append("Empfänger fehlt.")
    if not values["purpose"]:
        errors.append("Zweck fehlt.")
    try:
        amount = parse_money(row.get("betrag", ""))
        if amount <= 0:
            errors.append(f"Betrag „{row.get('betrag', '')}“ muss größer als 0 sein.")
        values["amount"] = amount
    except ValueError:
        errors.append(f"Betrag „{row.get('betrag', '')}“ ist keine Zahl.")
    kind = row.get("art", "").lower() or "ausgabe"
    kinds = {"ausgabe": "expense", "expense": "expense", "einnahme": "income", "income": "income"}
    if kind not in kinds:
        errors.append(f"Art „{row.get('art', '')}“: Ausgabe oder Einnahme erwartet.")
    values["kind"] = kinds.get(kind, "expense")
    values["plan_line"] = row.get("planposition", "")
    return values
