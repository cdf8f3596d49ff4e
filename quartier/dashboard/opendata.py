"""Open data: the public figures of every neighbourhood and municipality as CSV, GeoJSON and
JSON-LD, the official values as CSV, and a DCAT-AP.de catalogue that describes them. Only
what a visitor sees is counted (the figures are computed for an anonymous viewer). Stable
addresses under /daten/."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max

from quartier.dashboard.models import StatisticValue
from quartier.dashboard.period import Period
from quartier.dashboard.towns import key_figures
from quartier.neighbourhoods.models import Neighbourhood

CHUNK = 500
FIGURES = (
    "actors",
    "actors_new",
    "vacant",
    "vacant_area",
    "alliances",
    "events_held",
    "projects_running",
)
NEIGHBOURHOOD_COLUMNS: list[Any] = [
    "quartier",
    "name",
    "kommune_id",
    "kommune",
    "bundesland",
    "gebietstyp",
    "breite",
    "laenge",
    "akteure",
    "akteure_neu_12_monate",
    "leerstand_orte",
    "leerstand_m2",
    "allianzen_aktiv",
    "treffen_12_monate",
    "projekte_laufend",
    "stand",
]
MUNICIPALITY_COLUMNS: list[Any] = [
    "kommune_id",
    "kommune",
    "bundesland",
    "gemeindeschluessel",
    "quartiere",
    "akteure",
    "leerstand_orte",
    "leerstand_m2",
    "allianzen_aktiv",
    "treffen_12_monate",
    "projekte_laufend",
    "stand",
]
STATISTIC_COLUMNS: list[Any] = [
    "kommune",
    "gebiet",
    "gebietsname",
    "quartier",
    "indikator",
    "einheit",
    "jahr",
    "wert",
    "quelle",
    "lizenz",
]
LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"


def public_figures() -> Iterator[tuple[Neighbourhood, dict[str, Any]]]:
    """Every neighbourhood with its public figures over the last twelve months, in chunks
    (a fixed number of queries per chunk of 500 neighbourhoods)."""
    period = Period.last_months(12)
    visitor = AnonymousUser()
    last = 0
    while True:
        chunk = list(
            Neighbourhood.objects.filter(pk__gt=last)
            .select_related("municipality")
            .order_by("pk")[:CHUNK]
        )
        if not chunk:
            return
        figures = key_figures(chunk, visitor, period)
        for n in chunk:
            yield n, figures[n.pk]
        last = chunk[-1].pk


def neighbourhood_rows(day: str) -> Iterator[list[Any]]:
    for n, f in public_figures():
        yield [
            n.slug,
            n.name,
            n.municipality_id,
            n.municipality.name,
            n.municipality.state,
            n.situation_type,
            n.latitude,
            n.longitude,
            *(int(f[k]) for k in FIGURES),
            day,
        ]


def municipality_rows(day: str) -> list[list[Any]]:
    """The sums over each municipality's neighbourhoods (an actor active in two of them
    counts in each)."""
    towns: dict[int, list[Any]] = {}
    for n, f in public_figures():
        m = n.municipality
        row = towns.setdefault(m.pk, [m.pk, m.name, m.state, m.official_key, 0, 0, 0, 0, 0, 0, 0])
        row[4] += 1
        for index, key in enumerate(
            ("actors", "vacant", "vacant_area", "alliances", "events_held", "projects_running"),
            start=5,
        ):
            row[index] += int(f[key])
    return [[*row, day] for _pk, row in sorted(towns.items(), key=lambda item: item[1][1])]


def statistic_rows() -> Iterator[list[Any]]:
    values = StatisticValue.objects.select_related(
        "area__municipality", "area__neighbourhood", "indicator"
    ).order_by("area__municipality__name", "area__key", "indicator__key", "year", "pk")
    for v in values.iterator(chunk_size=2000):
        yield [
            v.area.municipality.name,
            v.area.key,
            v.area.name,
            v.area.neighbourhood.slug if v.area.neighbourhood else "",
            v.indicator.key,
            v.indicator.unit,
            v.year,
            float(v.value),
            v.indicator.source,
            v.indicator.licence,
        ]


def geojson_features(base: str) -> Iterator[dict[str, Any]]:
    for n, f in public_figures():
        geometry = n.boundary or (
            {"type": "Point", "coordinates": [n.longitude, n.latitude]}
            if n.latitude is not None and n.longitude is not None
            else None
        )
        yield {
            "type": "Feature",
            "id": f"{base}/quartiere/{n.slug}/",
            "geometry": geometry,
            "properties": {
                "slug": n.slug,
                "name": n.name,
                "municipality": n.municipality.name,
                "state": n.municipality.state,
                "situation_type": n.situation_type,
                **{k: plain(f[k]) for k in FIGURES},
            },
        }


def jsonld_places(base: str) -> Iterator[dict[str, Any]]:
    for n, f in public_figures():
        yield {
            "@id": f"{base}/quartiere/{n.slug}/",
            "@type": "Place",
            "name": n.name,
            "containedInPlace": {"@type": "City", "name": n.municipality.name},
            **(
                {
                    "geo": {
                        "@type": "GeoCoordinates",
                        "latitude": n.latitude,
                        "longitude": n.longitude,
                    }
                }
                if n.latitude is not None and n.longitude is not None
                else {}
            ),
            "additionalProperty": [
                {"@type": "PropertyValue", "propertyID": k, "value": plain(f[k])} for k in FIGURES
            ],
        }


def plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def last_change() -> str:
    """The update date of the data sets: the newest statistical value or neighbourhood."""
    newest = Neighbourhood.objects.aggregate(m=Max("updated_at"))["m"]
    return newest.date().isoformat() if newest else ""


def distribution(base: str, path: str, fmt: str, media: str, title: str) -> dict[str, Any]:
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": f"{base}{path}"},
        "dcat:downloadURL": {"@id": f"{base}{path}"},
        "dct:format": {"@id": f"http://publications.europa.eu/resource/authority/file-type/{fmt}"},
        "dcat:mediaType": media,
        "dct:license": {"@id": LICENCE},
        "dcatde:licenseAttributionByText": "Quartier – Plattform für Quartiersentwicklung",
    }


def catalogue(base: str, today: str) -> dict[str, Any]:
    modified = last_change() or today
    publisher = {"@type": "foaf:Organization", "foaf:name": "Quartier"}
    figures = {
        "@id": f"{base}/daten/quartiere",
        "@type": "dcat:Dataset",
        "dct:title": "Kennzahlen der Quartiere",
        "dct:description": (
            "Öffentliche Kennzahlen jedes Quartiers und jeder Kommune: aktive Akteure, "
            "Leerstand, Allianzen, Treffen der letzten zwölf Monate, laufende Projekte. Gezählt "
            "werden nur öffentliche Einträge."
        ),
        "dct:publisher": publisher,
        "dct:modified": modified,
        "dct:license": {"@id": LICENCE},
        "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"},
        "dcat:keyword": ["Quartiersentwicklung", "Leerstand", "Zivilgesellschaft"],
        "dct:accrualPeriodicity": {
            "@id": "http://publications.europa.eu/resource/authority/frequency/CONT"
        },
        "dcat:distribution": [
            distribution(base, "/daten/quartiere.csv", "CSV", "text/csv", "Quartiere (CSV)"),
            distribution(
                base,
                "/daten/quartiere.geojson",
                "GEOJSON",
                "application/geo+json",
                "Quartiere (GeoJSON)",
            ),
            distribution(
                base,
                "/daten/quartiere.jsonld",
                "JSON_LD",
                "application/ld+json",
                "Quartiere (JSON-LD)",
            ),
            distribution(base, "/daten/kommunen.csv", "CSV", "text/csv", "Kommunen (CSV)"),
        ],
    }
    statistics = {
        "@id": f"{base}/daten/statistik",
        "@type": "dcat:Dataset",
        "dct:title": "Amtliche Statistik kleiner Gebiete",
        "dct:description": (
            "Werte der kommunalen Statistik je statistischem Gebiet, Indikator und Jahr, mit "
            "Quelle und Lizenz jedes Indikators."
        ),
        "dct:publisher": publisher,
        "dct:modified": modified,
        "dct:license": {"@id": LICENCE},
        "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"},
        "dcat:distribution": [
            distribution(base, "/daten/statistik.csv", "CSV", "text/csv", "Werte (CSV)"),
        ],
    }
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": f"{base}/daten/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": "Offene Daten von Quartier",
        "dct:description": "Öffentliche Kennzahlen der Quartiere und Kommunen dieser Plattform.",
        "dct:publisher": publisher,
        "dct:modified": modified,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dcat:dataset": [figures, statistics],
    }
