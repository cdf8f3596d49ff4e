"""Demo places, space requests and brokered matches for the fictional neighbourhood
„Musterstadt (fiktiv) – Talviertel“.

Everything is invented: the places lie on the invented streets of the demo town, postcode
39999, and belong to (or are sought by) its invented actors. Among the places are vacant
shops in the Marktgasse, offices, halls, whole buildings, apartments, two church properties,
public squares, fallow land and an anchor property (Quartiersimmobilie), the „Alter
Kornspeicher“, divided into sub-spaces that are places of their own. Some places have no
owner: they come from the town's vacancy register.

The data lie in `demo_data/`: `places.csv` is a vacancy list in the import format
(docs/imports.md; dates in days from today, the column „Teil von“ names the anchor property
of a sub-space), imported as a municipality would import it – again on every run, which
updates the places by their identifier. `requests.json` holds the space requests (two of
them about to lose their current place: displacement, M9), written through the request
service; `matches.json` the brokering steps, taken through the match workflow by the side
whose turn it is. The data is tuned so that almost every open request has a feasible place
and the demo initiative („Initiative Ladenleben Talviertel“) finds a vacant shop in the
Marktgasse as its best match.
"""

import io
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.accounts.models import User
from quartier.actors.demo import DEMO_MEMBERS, demo_actor_objects
from quartier.actors.models import Actor
from quartier.core.history import snapshot
from quartier.imports.models import ImportJob, PlaceKey
from quartier.imports.parsing import read_table
from quartier.imports.services import (
    check_job,
    create_job,
    import_at_once,
    read_job,
    remember_place_key,
)
from quartier.imports.vacancies import PlaceImporter
from quartier.neighbourhoods.demo import (
    DEMO_SLUG,
    csv_for_import,
    demo_admin,
    in_days,
    read_csv,
    read_json,
)
from quartier.places.models import Match, Place, SpaceRequest
from quartier.places.services import (
    PLACE_FIELDS,
    advance_match,
    propose_match,
    save_place,
    save_request,
)

FICTIONAL = "Alle Angaben sind erfunden."
ANCHOR_NAME = "Alter Kornspeicher"
PLACE_FILE = "leerstand-talviertel-demo.csv"
DATE_COLUMNS = ("frei ab", "frei bis", "leer seit")

_ROWS = read_csv("places", "places.csv")
PLACES: list[dict[str, str]] = [dict(zip(_ROWS[0], row, strict=True)) for row in _ROWS[1:]]
REQUESTS: list[dict[str, Any]] = read_json("places", "requests.json")
MATCHES: list[dict[str, Any]] = read_json("places", "matches.json")


def load_demo_places() -> tuple[int, int]:
    """Imports the demo vacancy list, links the sub-spaces to their anchor property, writes
    the space requests and takes the brokering steps (loading the demo actors first when
    they are missing). Returns how many places and requests the demo has."""
    actors = demo_actor_objects()
    admin = demo_admin()
    _adopt_places_of_older_demos(admin)
    data = csv_for_import(_ROWS, DATE_COLUMNS)
    if not _imported_already(data, admin):
        job = create_job(admin, "places", SimpleUploadedFile(PLACE_FILE, data, "text/csv"))
        if job.status == ImportJob.Status.READING:  # inside the demo's transaction the
            read_job(job.pk)  # background read has not run yet: read now, as the task would
            job.refresh_from_db()
        check_job(job, job.mapping, by=admin)
        import_at_once(job, by=admin)
    places = _link_sub_spaces(admin)
    requests = _sync_requests(actors, admin)
    _take_brokering_steps(places, requests, admin)
    return len(PLACES), len(REQUESTS)


def _imported_already(data: bytes, admin: User) -> bool:
    """Whether importing the list again would change nothing (a second run on the same
    day, no demo place changed by hand meanwhile): then no second import job is made."""
    table = read_table(io.BytesIO(data), PLACE_FILE)
    importer = PlaceImporter(admin)
    mapping = importer.suggest_mapping(table.headers)
    result = importer.check(table.headers, table.rows, table.row_numbers, mapping)
    stored = {
        entry.key: entry.place
        for entry in PlaceKey.objects.filter(neighbourhood__slug=DEMO_SLUG).select_related(
            "place__owner", "place__neighbourhood", "place__parent"
        )
    }
    fields = [*PLACE_FIELDS, "vacant_since", "description", "restrictions"]
    return len(result.items) == len(stored) and all(
        item.key in stored and snapshot(stored[item.key], fields) == snapshot(item.place, fields)
        for item in result.items
    )


def _adopt_places_of_older_demos(admin: User) -> None:
    """Places an older demo entered without identifier get theirs, so that the import
    updates them instead of adding them a second time."""
    keyless = Place.objects.filter(
        neighbourhood__slug=DEMO_SLUG,
        import_key__isnull=True,
        name__in=[p["Bezeichnung"] for p in PLACES],
    )
    keys = {p["Bezeichnung"]: p["Kennung"] for p in PLACES}
    for place in keyless:
        remember_place_key(place, keys[place.name], by=admin)


def _link_sub_spaces(admin: User) -> dict[str, Place]:
    """The demo places by identifier, each sub-space linked to its anchor property."""
    places = {
        entry.key: entry.place
        for entry in PlaceKey.objects.filter(key__in=[p["Kennung"] for p in PLACES])
        .select_related("place")
        .order_by("pk")
    }
    for spec in PLACES:
        place, parent = places[spec["Kennung"]], places.get(spec["Teil von"])
        if parent is not None and place.parent_id != parent.pk:
            place.parent = parent
            save_place(place, by=admin)
    return places


def _sync_requests(actors: dict[str, Actor], admin: User) -> dict[str, SpaceRequest]:
    """Creates the listed requests that are missing and puts back what was changed; a
    demo member writes the requests of their own actor."""
    members = {
        key: User.objects.filter(email=email).first()
        for key, (email, _name) in DEMO_MEMBERS.items()
    }
    stored = {
        (r.actor_id, r.title): r
        for r in SpaceRequest.objects.filter(actor__in=actors.values(), title__in=_titles())
    }
    requests = {}
    for spec in REQUESTS:
        actor = actors[spec["actor"]]
        request = stored.get((actor.pk, spec["title"])) or SpaceRequest(
            actor=actor, title=spec["title"]
        )
        wanted = _request_fields(spec, actor)
        if request.pk is None or any(getattr(request, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(request, name, value)
            by = members.get(spec["actor"]) if request.pk is None else None
            request = save_request(request, by=by or admin)
        requests[spec["actor"]] = request
    return requests


def _titles() -> list[str]:
    return [spec["title"] for spec in REQUESTS]


def _request_fields(spec: dict[str, Any], actor: Actor) -> dict[str, Any]:
    low, high = spec["area_m2"]
    return {
        "description": f"{spec['description']} {FICTIONAL}",
        "uses": spec["uses"],
        "area_m2_min": low,
        "area_m2_max": high,
        "budget_eur_month": Decimal(spec["budget_eur_month"]),
        "start": in_days(spec["start"]),
        "months": spec["months"],
        "latitude": actor.latitude,
        "longitude": actor.longitude,
        "radius_km": spec["radius_km"],
        "must_have": spec.get("must_have", []),
        "nice_to_have": spec.get("nice_to_have", []),
        "urgency": spec.get("urgency", SpaceRequest.Urgency.NORMAL),
        "current_place_ends": in_days(spec.get("current_place_ends")),
        "status": spec.get("status", SpaceRequest.Status.OPEN),
    }


def _take_brokering_steps(
    places: dict[str, Place], requests: dict[str, SpaceRequest], admin: User
) -> None:
    """Proposes each listed match that is missing (the demo administrator brokers) and
    takes its steps; the demo members act for their own actors, the administrator for the
    others."""
    users = {
        key: User.objects.filter(email=email).first() for key, (email, _) in DEMO_MEMBERS.items()
    }
    for spec in MATCHES:
        request, place = requests[spec["request"]], places[spec["place"]]
        if Match.objects.filter(request=request, place=place).exists():
            continue
        match = propose_match(request, place, by=admin)
        for action, side in spec["steps"]:
            match = advance_match(
                match, action, by=users.get(side) or admin, reason=spec.get("reason", "")
            )
