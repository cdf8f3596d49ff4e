"""Page latency of the foundation's pages on a fresh SQLite database with many rows.

Prints one JSON line per figure: {"name", "value", "unit", "rows", "requests"}.
Run with `make bench` (or `python benchmarks/pages.py`).
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "2000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="quartier-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "quartier.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from quartier.actors.models import Actor, Resource
    from quartier.knowledge.models import Article
    from quartier.neighbourhoods.models import Municipality, Neighbourhood

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    municipality = Municipality.objects.create(name="Benchstadt", state="ST")
    Neighbourhood.objects.bulk_create(
        Neighbourhood(name=f"Quartier {i}", slug=f"q-{i}", municipality=municipality)
        for i in range(ROWS)
    )
    Article.objects.bulk_create(
        Article(
            kind="guide",
            title=f"Handreichung {i}",
            slug=f"h-{i}",
            summary="Kurz.",
            body="Text " * 200,
            status="published",
        )
        for i in range(ROWS)
    )

    neighbourhood = Neighbourhood.objects.get(slug="q-1")
    sectors = ["culture", "housing", "civil_society", "business", "welfare", "creative"]
    Actor.objects.bulk_create(
        Actor(
            name=f"Akteur {i}",
            slug=f"a-{i}",
            short_description="Kurz.",
            sector=sectors[i % len(sectors)],
            latitude=51.7 + i / 10000,
            longitude=11.7,
        )
        for i in range(ROWS)
    )
    actors = list(Actor.objects.filter(slug__startswith="a-"))
    Actor.neighbourhoods.through.objects.bulk_create(
        Actor.neighbourhoods.through(actor=a, neighbourhood=neighbourhood) for a in actors
    )
    Resource.objects.bulk_create(
        Resource(actor=a, direction=d, kind=k)
        for a in actors
        for d, k in [("offer", "space"), ("need", "money")]
    )

    from django.utils import timezone

    from quartier.alliances.models import Alliance, AllianceMember

    now = timezone.now()

    Alliance.objects.bulk_create(
        Alliance(name=f"Allianz {i:05d}", purpose="Gemeinsam.", status="active")
        for i in range(ROWS)
    )
    alliances = list(Alliance.objects.filter(name__startswith="Allianz 0"))
    Alliance.neighbourhoods.through.objects.bulk_create(
        Alliance.neighbourhoods.through(alliance=a, neighbourhood=neighbourhood) for a in alliances
    )
    AllianceMember.objects.bulk_create(
        AllianceMember(
            alliance=a, actor=actors[(i * 3 + k) % len(actors)], role="partner", accepted_at=now
        )
        for i, a in enumerate(alliances)
        for k in range(3)
    )
    big = alliances[0]
    AllianceMember.objects.bulk_create(
        AllianceMember(alliance=big, actor=actor, role="partner", accepted_at=now)
        for actor in actors[3:200]
    )

    client = Client()
    for name, url in [
        ("alliance_list", "/allianzen/?seite=40"),
        ("alliance_detail_200_members", f"/allianzen/{big.pk}/"),
        ("home", "/"),
        ("neighbourhood_list", "/quartiere/?seite=40"),
        ("article_list", "/wissen/?seite=40"),
        ("article_detail", "/wissen/h-1/"),
        ("api_health", "/api/v1/health"),
        ("actor_directory", "/akteure/?seite=40"),
        ("actor_directory_filtered", "/akteure/?sector=culture&offers=space&needs=money"),
        ("actor_directory_map", "/akteure/?ansicht=karte"),
        ("neighbourhood_profile", "/quartiere/q-1/"),
    ]:
        client.get(url)  # warm up
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        for stat, value in [("p50", statistics.median(timings)), ("p95", p95)]:
            print(
                json.dumps(
                    {
                        "name": f"page.{name}.{stat}",
                        "value": round(value, 2),
                        "unit": "ms",
                        "rows": ROWS,
                        "requests": REQUESTS,
                        "database": "sqlite",
                    }
                )
            )


if __name__ == "__main__":
    main()
