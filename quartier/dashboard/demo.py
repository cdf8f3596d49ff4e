"""The demo of the dashboard: a second, smaller fictional municipality (Bachhausen) with two
neighbourhoods, so that the overview and the comparison show something; statistical areas of
both demo towns assigned to their neighbourhoods; the indicators; and the values, imported
from `demo_data/statistik.csv` through the statistics import as a statistics office would
deliver them. A year in that file is written as years from this one (`-1` is last year)."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from quartier.dashboard.models import StatisticalArea, StatisticIndicator
from quartier.dashboard.services import save_area, save_indicator
from quartier.imports.models import ImportJob
from quartier.imports.services import check_job, create_job, import_at_once, read_job
from quartier.neighbourhoods.demo import data_file, demo_admin, read_json
from quartier.neighbourhoods.models import Municipality, Neighbourhood
from quartier.neighbourhoods.services import create_municipality, create_neighbourhood

STATISTICS_FILE = "statistik.csv"


def statistics_csv() -> bytes:
    """The demo values with each year offset resolved to a calendar year."""
    text = data_file("dashboard", STATISTICS_FILE).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    this_year = timezone.localdate().year
    for row in rows[1:]:
        row[2] = str(this_year + int(row[2]))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def load_demo_dashboard() -> tuple[int, int, int]:
    """Creates what is missing; returns the numbers of demo municipalities, statistical
    areas and values imported now (0 when they were there)."""
    admin = demo_admin()
    data = read_json("dashboard", "towns.json")
    for town in data["municipalities"]:
        hoods = town.pop("neighbourhoods")
        municipality = Municipality.objects.filter(name=town["name"]).first()
        if municipality is None:
            municipality = create_municipality(Municipality(**town), by=admin)
        for hood in hoods:
            if not Neighbourhood.objects.filter(slug=hood["slug"]).exists():
                create_neighbourhood(Neighbourhood(municipality=municipality, **hood), by=admin)
    for spec in data["indicators"]:
        if not StatisticIndicator.objects.filter(key=spec["key"]).exists():
            save_indicator(StatisticIndicator(**spec), by=admin)
    towns = {m.name: m for m in Municipality.objects.all()}
    hoods = {n.slug: n for n in Neighbourhood.objects.all()}
    for spec in data["areas"]:
        municipality = towns[spec["municipality"]]
        if not StatisticalArea.objects.filter(municipality=municipality, key=spec["key"]).exists():
            save_area(
                StatisticalArea(
                    municipality=municipality,
                    key=spec["key"],
                    name=spec["name"],
                    neighbourhood=hoods.get(spec["neighbourhood"] or ""),
                ),
                by=admin,
            )
    imported = 0
    content = statistics_csv()
    if not ImportJob.objects.filter(
        kind="statistics", filename=STATISTICS_FILE, status="done"
    ).exists():
        job = create_job(
            admin, "statistics", SimpleUploadedFile(STATISTICS_FILE, content, "text/csv")
        )
        if job.status == ImportJob.Status.READING:  # the background read has not run yet
            read_job(job.pk)
            job.refresh_from_db()
        check_job(job, job.mapping, by=admin)
        imported = import_at_once(job, by=admin)
    return len(data["municipalities"]) + 1, len(data["areas"]), imported
