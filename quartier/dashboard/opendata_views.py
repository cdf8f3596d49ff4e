"""The open-data downloads under /daten/ (stable addresses, everybody, public figures only)."""

import json
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from quartier.dashboard import opendata
from quartier.imports.exports import csv_chunks


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def download(
    content: Iterator[str] | str, content_type: str, name: str
) -> HttpResponse | StreamingHttpResponse:
    response: HttpResponse | StreamingHttpResponse
    if isinstance(content, str):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def json_array(prefix: str, items: Iterator[dict[str, Any]], suffix: str) -> Iterator[str]:
    yield prefix
    for index, item in enumerate(items):
        yield ("," if index else "") + json.dumps(item, ensure_ascii=False)
    yield suffix


@require_GET
def neighbourhoods_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    day = timezone.localdate().isoformat()
    rows = opendata.neighbourhood_rows(day)
    return download(
        csv_chunks(opendata.NEIGHBOURHOOD_COLUMNS, rows), "text/csv; charset=utf-8", "quartiere.csv"
    )


@require_GET
def municipalities_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    day = timezone.localdate().isoformat()
    rows = opendata.municipality_rows(day)
    return download(
        csv_chunks(opendata.MUNICIPALITY_COLUMNS, iter(rows)),
        "text/csv; charset=utf-8",
        "kommunen.csv",
    )


@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return download(
        csv_chunks(opendata.STATISTIC_COLUMNS, opendata.statistic_rows()),
        "text/csv; charset=utf-8",
        "statistik.csv",
    )


@require_GET
def neighbourhoods_geojson(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    features = opendata.geojson_features(base_url(request))
    return download(
        json_array('{"type":"FeatureCollection","features":[', features, "]}"),
        "application/geo+json",
        "quartiere.geojson",
    )


@require_GET
def neighbourhoods_jsonld(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    places = opendata.jsonld_places(base_url(request))
    return download(
        json_array('{"@context":"https://schema.org/","@graph":[', places, "]}"),
        "application/ld+json",
        "quartiere.jsonld",
    )


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    data = opendata.catalogue(base_url(request), timezone.localdate().isoformat())
    return JsonResponse(
        data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
