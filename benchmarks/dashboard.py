"""The neighbourhood dashboard, the overview and the comparison with many towns.

Builds a database of BENCH_MUNICIPALITIES municipalities, BENCH_NEIGHBOURHOODS
neighbourhoods, BENCH_ACTORS actors (a third of them in one very large neighbourhood, the
skew of a big city), BENCH_PLACES places and BENCH_TIES ties, then times the pages.

Prints one JSON line per figure: {"name", "value", "unit", "queries", "requests", "sizes"}.
Run with `python benchmarks/dashboard.py` (SQLite in a temporary directory) or with
DATABASE_URL set to an empty PostgreSQL database. The issue's national size is 1,000 /
10,000 / 500,000 / 100,000 / 2,000,000; the defaults are small enough for a laptop."""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

SIZES = {
    "municipalities": int(os.environ.get("BENCH_MUNICIPALITIES", "50")),
    "neighbourhoods": int(os.environ.get("BENCH_NEIGHBOURHOODS", "500")),
    "actors": int(os.environ.get("BENCH_ACTORS", "20000")),
    "places": int(os.environ.get("BENCH_PLACES", "4000")),
    "ties": int(os.environ.get("BENCH_TIES", "40000")),
}
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
BATCH = 5000


def main() -> None:
    if "DATABASE_URL" not in os.environ:
        tmp = Path(tempfile.mkdtemp(prefix="quartier-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "quartier.settings.test"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    build()

    from quartier.neighbourhoods.models import Municipality, Neighbourhood

    big = Neighbourhood.objects.get(slug="q-0")
    small = Neighbourhood.objects.order_by("-pk").first()
    town = Municipality.objects.order_by("pk").first()
    client = Client()
    pages = [
        ("dashboard_large_neighbourhood", f"/quartiere/{big.slug}/lage/"),
        ("dashboard_small_neighbourhood", f"/quartiere/{small.slug}/lage/"),
        ("dashboard_api_large", f"/api/v1/neighbourhoods/{big.slug}/dashboard"),
        ("overview", "/lage/"),
        ("overview_filtered", "/lage/?state=SN&situation_type=rural_town"),
        ("comparison", f"/lage/vergleich/?quartier={big.slug}&quartier={small.slug}"),
        ("municipality_comparison_api", f"/api/v1/municipalities/{town.pk}/comparison"),
    ]
    for name, url in pages:
        client.get(url)  # warm up
        captured: list[str] = []

        def count(execute, sql, params, many, context, seen=captured):  # type: ignore[no-untyped-def]
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        for stat, value in (("median", statistics.median(times)), ("p95", p95)):
            print(
                json.dumps(
                    {
                        "name": f"{name}_{stat}",
                        "value": round(value, 1),
                        "unit": "ms",
                        "queries": len(captured),
                        "requests": REQUESTS,
                        "sizes": SIZES,
                        "database": connection.vendor,
                    }
                )
            )


def build() -> None:
    from django.utils import timezone

    from quartier.actors.models import Actor, Tie
    from quartier.neighbourhoods.models import Municipality, Neighbourhood
    from quartier.places.models import Place

    rng = random.Random(1)
    states = ["SN", "ST", "TH", "BB", "NW", "BY"]
    situations = ["rural_town", "problem_district", "city_centre", "district_centre"]
    Municipality.objects.bulk_create(
        Municipality(name=f"Stadt {i}", state=states[i % len(states)])
        for i in range(SIZES["municipalities"])
    )
    towns = list(Municipality.objects.values_list("pk", flat=True))
    Neighbourhood.objects.bulk_create(
        (
            Neighbourhood(
                name=f"Quartier {i}",
                slug=f"q-{i}",
                municipality_id=towns[i % len(towns)],
                situation_type=situations[i % len(situations)],
                challenges=["vacancy"] if i % 2 else ["polarisation"],
            )
            for i in range(SIZES["neighbourhoods"])
        ),
        batch_size=BATCH,
    )
    hoods = list(Neighbourhood.objects.order_by("pk").values_list("pk", flat=True))
    sectors = ["culture", "housing", "civil_society", "business", "welfare", "creative"]
    visibilities = ["public"] * 8 + ["network", "private"]
    Actor.objects.bulk_create(
        (
            Actor(
                name=f"Akteur {i}",
                slug=f"a-{i}",
                short_description="Kurz.",
                sector=sectors[i % len(sectors)],
                is_established=i % 3 == 0,
                visibility=visibilities[i % len(visibilities)],
            )
            for i in range(SIZES["actors"])
        ),
        batch_size=BATCH,
    )
    actors = list(Actor.objects.order_by("pk").values_list("pk", flat=True))
    home = {a: hoods[0] if i % 3 == 0 else rng.choice(hoods) for i, a in enumerate(actors)}
    Actor.neighbourhoods.through.objects.bulk_create(
        (Actor.neighbourhoods.through(actor_id=a, neighbourhood_id=n) for a, n in home.items()),
        batch_size=BATCH,
    )
    today = timezone.localdate()
    Place.objects.bulk_create(
        (
            Place(
                name=f"Ort {i}",
                kind="shop",
                status="vacant" if i % 2 else "interim",
                neighbourhood_id=hoods[0] if i % 3 == 0 else rng.choice(hoods),
                area_m2=50 + i % 200,
                available_from=today,
                vacant_since=today,
            )
            for i in range(SIZES["places"])
        ),
        batch_size=BATCH,
    )
    by_hood: dict[int, list[int]] = {}
    for a, n in home.items():
        by_hood.setdefault(n, []).append(a)
    pairs: set[tuple[int, int]] = set()
    members = [m for m in by_hood.values() if len(m) > 1]
    while len(pairs) < SIZES["ties"]:
        group = members[0] if rng.random() < 0.4 else rng.choice(members)
        a, b = rng.sample(group, 2)
        pairs.add((min(a, b), max(a, b)))
    Tie.objects.bulk_create(
        (
            Tie(source_id=a, target_id=b, claimed_by_id=a, kind="cooperation", status="confirmed")
            for a, b in pairs
        ),
        batch_size=BATCH,
    )


if __name__ == "__main__":
    main()
