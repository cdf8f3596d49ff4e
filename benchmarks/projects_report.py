"""The neighbourhood impact report at scale, on a fresh SQLite database (or DATABASE_URL).

200 projects × 10 indicators × 12 monthly periods (24,000 approved measurements with
targets) in one neighbourhood; times the report page (HTML) and its PDF as the public sees
them (wall clock and CPU time of the process), and counts their queries. Targets from
issue 13: HTML < 1 s, PDF < 3 s.

Prints one JSON line per figure: {"name", "value", "unit", "projects", "indicators",
"periods", "database"}. Run with `python benchmarks/projects_report.py`; sizes through
BENCH_PROJECTS, BENCH_INDICATORS, BENCH_PERIODS."""

import datetime
import json
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

PROJECTS = int(os.environ.get("BENCH_PROJECTS", "200"))
INDICATORS = int(os.environ.get("BENCH_INDICATORS", "10"))
PERIODS = int(os.environ.get("BENCH_PERIODS", "12"))


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    tmp = Path(tempfile.mkdtemp(prefix="quartier-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "quartier.settings.test"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    import django

    django.setup()


def build() -> str:
    """Migrates and writes the projects; returns the report's address."""
    from django.core.management import call_command

    from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
    from quartier.projects.models import Indicator, Measurement, Project, Target

    call_command("migrate", verbosity=0)
    neighbourhood = NeighbourhoodFactory(name="Benchviertel")
    # set-up data written in bulk (a benchmark fixture, not a workflow)
    projects = Project.objects.bulk_create(
        Project(title=f"Projekt {i}", slug=f"bench-projekt-{i}", is_public=True, phase="trial")
        for i in range(PROJECTS)
    )
    Project.neighbourhoods.through.objects.bulk_create(
        Project.neighbourhoods.through(project_id=p.pk, neighbourhood_id=neighbourhood.pk)
        for p in projects
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            project=p,
            title=f"Indikator {j}",
            level="output",
            unit="Besuche",
            baseline_value=Decimal(0),
            aggregation="cumulative" if j % 2 else "per_period",
            position=j,
        )
        for p in projects
        for j in range(INDICATORS)
    )
    months = [datetime.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(PERIODS)]
    Target.objects.bulk_create(
        (
            Target(indicator=i, period_start=start, value=Decimal(400))
            for i in indicators
            for start in months
        ),
        batch_size=5000,
    )
    Measurement.objects.bulk_create(
        (
            Measurement(
                indicator=i, period_start=start, value=Decimal(100 + n * 7 % 300), status="approved"
            )
            for i in indicators
            for n, start in enumerate(months)
        ),
        batch_size=5000,
    )
    return f"/projekte/berichte/quartier/{neighbourhood.pk}/"


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    base = build()
    client = Client()
    database = connection.vendor
    for name, url in (("report_html", base), ("report_pdf", base + "wirkung.pdf")):
        client.get(url)  # warm-up (templates, fonts)
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert response.status_code == 200, response.status_code
        for figure, value, unit in (
            (name, round(elapsed, 3), "s"),
            # CPU time of this process (SQLite runs in it): the figure on a busy shared box
            (f"{name}_cpu", round(cpu, 3), "s"),
            (f"{name}_queries", len(queries), "queries"),
            (f"{name}_bytes", len(response.content), "bytes"),
        ):
            print(
                json.dumps(
                    {
                        "name": figure,
                        "value": value,
                        "unit": unit,
                        "projects": PROJECTS,
                        "indicators": INDICATORS,
                        "periods": PERIODS,
                        "database": database,
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
