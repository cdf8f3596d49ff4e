"""Exports of actor and neighbourhood lists as CSV (UTF-8 with BOM, semicolons, decimal
commas, German headers – what German spreadsheets expect), XLSX, JSON and GeoJSON.

Rows are read with iterator() in chunks, each chunk with its prefetches, so the number of
queries does not grow with the rows of a chunk; CSV, JSON and GeoJSON are streamed."""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext, pgettext_lazy

from quartier.actors.models import Actor, LegalForm, Resource, ResourceKind, Sector, Topic
from quartier.core.models import Visibility
from quartier.imports.importers import FORMULA_PREFIXES
from quartier.neighbourhoods.models import (
    Challenge,
    Context,
    FederalState,
    Neighbourhood,
    SituationType,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHUNK_SIZE = 1000
FORMATS = ("csv", "xlsx", "json", "geojson")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}

Cell = str | int | float | bool | None


class Labels:
    """The labels of all choices in the current language, looked up once per export (the
    model's get_FOO_display() would translate every label again for every row)."""

    def __init__(self) -> None:
        def labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
            return {key: str(label) for key, label in choices}

        self.sector = labels(Sector.choices)
        self.legal_form = labels(LegalForm.choices)
        self.kind = labels(ResourceKind.choices)
        self.visibility = labels(Visibility.choices)
        self.situation = labels(SituationType.choices)
        self.context = labels(Context.choices)
        self.challenge = labels(Challenge.choices)
        self.state = labels(FederalState.choices)
        self.yes, self.no = pgettext("export", "yes"), pgettext("export", "no")

    def yes_no(self, value: bool) -> str:
        return self.yes if value else self.no


def yes_no(value: bool) -> str:
    return pgettext("export", "yes") if value else pgettext("export", "no")


def joined(values: Iterable[Any]) -> str:
    return "; ".join(str(value) for value in values)


def url_maker(request: HttpRequest, name: str) -> Callable[[Any], str]:
    """The absolute address of a profile, reversed once rather than once per row."""
    try:
        pattern = reverse(name, args=["__slug__"])
    except NoReverseMatch:  # an address by number: reversed per row
        return lambda key: request.build_absolute_uri(reverse(name, args=[key]))
    base = request.build_absolute_uri(pattern)
    return lambda slug: base.replace("__slug__", str(slug))


@dataclass(frozen=True)
class Export:
    """What one kind of export needs: headers and cells for tables, records for JSON, and
    the position and properties for GeoJSON."""

    name: "StrOrPromise"  # file name part
    sheet_title: "StrOrPromise"
    headers: list["StrOrPromise"]
    cells: Callable[[Any, str, Labels], list[Cell]]
    record: Callable[[Any, str], dict[str, Any]]
    properties: Callable[[Any, str], dict[str, Any]]
    slug_url: str  # url name of the profile
    key: Callable[[Any], Any] = attrgetter("slug")  # what the profile's address takes


# --- actors ----------------------------------------------------------------------------------

ACTOR_HEADERS: list["StrOrPromise"] = [
    pgettext_lazy("column", "Name"),
    pgettext_lazy("column", "Short name"),
    pgettext_lazy("column", "Sector"),
    pgettext_lazy("column", "Established"),
    pgettext_lazy("column", "Legal form"),
    pgettext_lazy("column", "Short description"),
    pgettext_lazy("column", "Department"),
    pgettext_lazy("column", "Goals"),
    pgettext_lazy("column", "Limits"),
    pgettext_lazy("column", "Topics"),
    pgettext_lazy("column", "Capacity (hours per month)"),
    pgettext_lazy("column", "Neighbourhoods"),
    pgettext_lazy("column", "Offers"),
    pgettext_lazy("column", "Needs"),
    pgettext_lazy("column", "Street"),
    pgettext_lazy("column", "Postcode"),
    pgettext_lazy("column", "City"),
    pgettext_lazy("column", "Latitude"),
    pgettext_lazy("column", "Longitude"),
    pgettext_lazy("column", "Website"),
    pgettext_lazy("column", "Visibility"),
    pgettext_lazy("column", "Profile"),
]


def actors_for_export(queryset: QuerySet[Actor]) -> QuerySet[Actor]:
    """The directory's actors with exactly the related rows an export needs, prefetched into
    lists (three queries per chunk of actors, none per actor)."""
    return queryset.prefetch_related(None).prefetch_related(
        Prefetch("topics", queryset=Topic.objects.only("pk", "name"), to_attr="export_topics"),
        Prefetch(
            "neighbourhoods",
            queryset=Neighbourhood.objects.only("pk", "slug").order_by("slug"),
            to_attr="export_neighbourhoods",
        ),
        Prefetch(
            "resources",
            queryset=Resource.objects.only("pk", "actor_id", "direction", "kind"),
            to_attr="export_resources",
        ),
    )


def _kinds(actor: Any, direction: str) -> list[str]:
    return [r.kind for r in actor.export_resources if r.direction == direction]


def actor_cells(actor: Any, url: str, labels: Labels) -> list[Cell]:
    return [
        actor.name,
        actor.slug,
        labels.sector.get(actor.sector, actor.sector),
        labels.yes_no(actor.is_established),
        labels.legal_form.get(actor.legal_form, actor.legal_form),
        actor.short_description,
        actor.department,
        actor.goals,
        actor.limits,
        joined(topic.name for topic in actor.export_topics),
        actor.capacity_hours_per_month,
        joined(n.slug for n in actor.export_neighbourhoods),
        joined(labels.kind.get(kind, kind) for kind in _kinds(actor, "offer")),
        joined(labels.kind.get(kind, kind) for kind in _kinds(actor, "need")),
        actor.street,
        actor.postcode,
        actor.city,
        actor.latitude,
        actor.longitude,
        actor.website,
        labels.visibility.get(actor.visibility, actor.visibility),
        url,
    ]


def actor_record(actor: Any, url: str) -> dict[str, Any]:
    return {
        "name": actor.name,
        "slug": actor.slug,
        "url": url,
        "sector": actor.sector,
        "is_established": actor.is_established,
        "legal_form": actor.legal_form,
        "short_description": actor.short_description,
        "department": actor.department,
        "goals": actor.goals,
        "limits": actor.limits,
        "topics": [topic.name for topic in actor.export_topics],
        "capacity_hours_per_month": actor.capacity_hours_per_month,
        "neighbourhoods": [n.slug for n in actor.export_neighbourhoods],
        "offers": _kinds(actor, "offer"),
        "needs": _kinds(actor, "need"),
        "street": actor.street,
        "postcode": actor.postcode,
        "city": actor.city,
        "latitude": actor.latitude,
        "longitude": actor.longitude,
        "website": actor.website,
        "visibility": actor.visibility,
    }


def actor_properties(actor: Actor, url: str) -> dict[str, Any]:
    return {"name": actor.name, "sector": actor.sector, "url": url}


ACTORS = Export(
    name=pgettext_lazy("export file name", "actors"),
    sheet_title=pgettext_lazy("column", "Actors"),
    headers=ACTOR_HEADERS,
    cells=actor_cells,
    record=actor_record,
    properties=actor_properties,
    slug_url="actors:detail",
)


# --- neighbourhoods --------------------------------------------------------------------------

NEIGHBOURHOOD_HEADERS: list["StrOrPromise"] = [
    pgettext_lazy("column", "Name"),
    pgettext_lazy("column", "Short name"),
    pgettext_lazy("column", "Municipality"),
    pgettext_lazy("column", "Federal state"),
    pgettext_lazy("column", "Official municipality key"),
    pgettext_lazy("column", "Description"),
    pgettext_lazy("column", "Situation type"),
    pgettext_lazy("column", "Context"),
    pgettext_lazy("column", "Challenges"),
    pgettext_lazy("column", "Possibilities"),
    pgettext_lazy("column", "Restrictions"),
    pgettext_lazy("column", "Latitude"),
    pgettext_lazy("column", "Longitude"),
    pgettext_lazy("column", "Fictional"),
    pgettext_lazy("column", "Profile"),
]


def neighbourhood_cells(n: Neighbourhood, url: str, labels: Labels) -> list[Cell]:
    return [
        n.name,
        n.slug,
        n.municipality.name,
        labels.state.get(n.municipality.state, n.municipality.state),
        n.municipality.official_key,
        n.description,
        labels.situation.get(n.situation_type, n.situation_type),
        labels.context.get(n.context, n.context),
        joined(labels.challenge[key] for key in n.challenges or [] if key in labels.challenge),
        n.possibilities,
        n.restrictions,
        n.latitude,
        n.longitude,
        labels.yes_no(n.is_fictional),
        url,
    ]


def neighbourhood_record(n: Neighbourhood, url: str) -> dict[str, Any]:
    return {
        "name": n.name,
        "slug": n.slug,
        "url": url,
        "municipality": n.municipality.name,
        "state": n.municipality.state,
        "official_key": n.municipality.official_key,
        "description": n.description,
        "situation_type": n.situation_type,
        "context": n.context,
        "challenges": list(n.challenges or []),
        "possibilities": n.possibilities,
        "restrictions": n.restrictions,
        "latitude": n.latitude,
        "longitude": n.longitude,
        "is_fictional": n.is_fictional,
    }


def neighbourhood_properties(n: Neighbourhood, url: str) -> dict[str, Any]:
    return {"name": n.name, "municipality": n.municipality.name, "url": url}


NEIGHBOURHOODS = Export(
    name=pgettext_lazy("export file name", "neighbourhoods"),
    sheet_title=pgettext_lazy("column", "Neighbourhoods"),
    headers=NEIGHBOURHOOD_HEADERS,
    cells=neighbourhood_cells,
    record=neighbourhood_record,
    properties=neighbourhood_properties,
    slug_url="neighbourhoods:detail",
)


# --- places (the vacancy register) -----------------------------------------------------------

PLACE_HEADERS: list["StrOrPromise"] = [
    pgettext_lazy("column", "Name"),
    pgettext_lazy("column", "Kind"),
    pgettext_lazy("column", "Status"),
    pgettext_lazy("column", "Vacant since"),
    pgettext_lazy("column", "Area (m²)"),
    pgettext_lazy("column", "Monthly rent (EUR)"),
    pgettext_lazy("column", "Available from"),
    pgettext_lazy("column", "Available until"),
    pgettext_lazy("column", "Neighbourhood"),
    pgettext_lazy("column", "Street"),
    pgettext_lazy("column", "Postcode"),
    pgettext_lazy("column", "City"),
    pgettext_lazy("column", "Latitude"),
    pgettext_lazy("column", "Longitude"),
    pgettext_lazy("column", "Profile"),
]


def place_cells(place: Any, url: str, labels: Labels) -> list[Cell]:
    return [
        place.name,
        place.get_kind_display(),
        place.get_status_display(),
        place.vacant_since.isoformat() if place.vacant_since else "",
        place.area_m2,
        float(place.rent_eur_month) if place.rent_eur_month is not None else None,
        place.available_from.isoformat(),
        place.available_until.isoformat() if place.available_until else "",
        place.neighbourhood.name if place.neighbourhood else "",
        place.street,
        place.postcode,
        place.city,
        place.latitude,
        place.longitude,
        url,
    ]


def place_record(place: Any, url: str) -> dict[str, Any]:
    return {
        "name": place.name,
        "kind": place.kind,
        "status": place.status,
        "url": url,
        "vacant_since": place.vacant_since.isoformat() if place.vacant_since else None,
        "area_m2": place.area_m2,
        "rent_eur_month": float(place.rent_eur_month) if place.rent_eur_month else None,
        "neighbourhood": place.neighbourhood.name if place.neighbourhood else None,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def place_properties(place: Any, url: str) -> dict[str, Any]:
    return {"name": place.name, "status": place.status, "area_m2": place.area_m2, "url": url}


PLACES = Export(
    name=pgettext_lazy("export file name", "vacancies"),
    sheet_title=pgettext_lazy("column", "Places"),
    headers=PLACE_HEADERS,
    cells=place_cells,
    record=place_record,
    properties=place_properties,
    slug_url="places:detail",
    key=attrgetter("pk"),
)


# --- writers ---------------------------------------------------------------------------------


# Spreadsheets skip a leading TAB or CR and then read "=..." as a formula (OWASP, CSV
# injection), so these start a formula too.
CSV_FORMULA_PREFIXES = (*FORMULA_PREFIXES, "\t", "\r")


def csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if value.startswith(CSV_FORMULA_PREFIXES):
        return "'" + value  # a spreadsheet must not run a name as a formula
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(headers: list["StrOrPromise"], rows: Iterable[list[Cell]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([str(h) for h in headers])
    buffer: list[str] = []
    for row in rows:
        buffer.append(writer.writerow([csv_cell(v) for v in row]))
        if len(buffer) >= 200:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def xlsx_bytes(title: str, headers: list["StrOrPromise"], rows: Iterable[list[Cell]]) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 – openpyxl only loads for an xlsx
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 – openpyxl only loads for an xlsx
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415 – openpyxl only loads for an xlsx
    from openpyxl.styles import Font  # noqa: PLC0415 – openpyxl only loads for an xlsx

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        values: list[Any] = []
        for value in row:
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    values.append(cell)
                    continue
            values.append(value)
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def json_chunks(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    separator = "\n"
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def geojson_chunks(features: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for feature in features:
        yield separator + json.dumps(feature, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def in_language(chunks: Iterator[str], language: str | None) -> Iterator[str]:
    """Streamed chunks are made after the view has returned: keep the request's language."""
    with translation.override(language):
        yield from chunks


def export_response(
    request: HttpRequest, export: Export, queryset: QuerySet[Any], fmt: str
) -> HttpResponse | StreamingHttpResponse:
    url_of = url_maker(request, export.slug_url)
    language = translation.get_language()
    labels = Labels()
    filename = f"quartier-{export.name}-{timezone.localdate().isoformat()}.{fmt}"

    def objects(qs: QuerySet[Any]) -> Iterator[Any]:
        return qs.iterator(chunk_size=CHUNK_SIZE)

    response: HttpResponse | StreamingHttpResponse
    if fmt == "xlsx":
        rows = (export.cells(obj, url_of(export.key(obj)), labels) for obj in objects(queryset))
        response = HttpResponse(
            xlsx_bytes(str(export.sheet_title), export.headers, rows),
            content_type=CONTENT_TYPES[fmt],
        )
    elif fmt == "csv":
        rows = (export.cells(obj, url_of(export.key(obj)), labels) for obj in objects(queryset))
        response = StreamingHttpResponse(
            in_language(csv_chunks(export.headers, rows), language),
            content_type=CONTENT_TYPES[fmt],
        )
    elif fmt == "json":
        records = (export.record(obj, url_of(export.key(obj))) for obj in objects(queryset))
        response = StreamingHttpResponse(
            in_language(json_chunks(records), language), content_type=CONTENT_TYPES[fmt]
        )
    else:
        positioned = queryset.filter(latitude__isnull=False, longitude__isnull=False)
        features = (
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [obj.longitude, obj.latitude]},
                "properties": export.properties(obj, url_of(export.key(obj))),
            }
            for obj in objects(positioned)
        )
        response = StreamingHttpResponse(
            in_language(geojson_chunks(features), language), content_type=CONTENT_TYPES[fmt]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
