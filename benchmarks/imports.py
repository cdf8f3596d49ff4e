"""Import and export of actors, and import of a vacancy list, on a fresh SQLite database.

Imports a CSV of 5,000 actors as a German municipality would export it (cp1252, semicolons,
decimal commas): reading the file, checking every row (the preview), and the import itself
(the background task, run immediately here). Then exports them as CSV and XLSX. Then imports
a vacancy list of 5,000 places the same way (Latin-1, German dates, some cells empty), and
imports it once more, which updates every place by its identifier ("Kennung").

Prints one JSON line per figure: {"name", "value", "unit", "rows", "database"}.
Run with `make bench` (or `python benchmarks/imports.py`).
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
SECTORS = ["Kultur und Soziokultur", "school", "Wohnungsunternehmen", "civil_society", "CREATIVE"]


def build_csv(rows: int) -> bytes:
    lines = [
        "Name;Sektor;Rechtsform;Kurzbeschreibung;Straße;PLZ;Ort;Breitengrad;Längengrad;"
        "Website;Quartier;Angebote;Bedarfe"
    ]
    for i in range(rows):
        lines.append(
            f"Initiative Nr. {i};{SECTORS[i % len(SECTORS)]};e.V.;"
            f"Eine Initiative für das Quartier ({i});Marktstraße {i % 200 + 1};06406;"
            f"Musterstadt;51,{7000 + i % 999};11,{7000 + i % 997};www.initiative-{i}.example;"
            f'musterstadt-talviertel;"Raum; Know-how";Geld'
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


KINDS = ["Ladenlokal", "Büro", "Halle", "Brachfläche", "kirchliche Immobilie"]


def build_places_csv(rows: int) -> bytes:
    lines = [
        "Kennung;Bezeichnung;Art;Status;Straße;Hausnummer;PLZ;Ort;Quartier;Breitengrad;"
        "Längengrad;Fläche (m²);Miete;frei ab;frei bis;Erdgeschoss;Schaufenster;barrierefrei;"
        "Nutzungen;Bemerkung"
    ]
    for i in range(rows):
        empty = i % 7 == 0  # some rows lack position, rent and end date
        lines.append(
            f"LS-{i:05d};Leerstand Nr. {i};{KINDS[i % len(KINDS)]};"
            f"{'leerstehend' if i % 3 else 'angeboten'};Marktstraße;{i % 200 + 1};06406;"
            f"Musterstadt;{'' if i % 2 else 'musterstadt-talviertel'};"
            f"{'' if empty else f'51,{7000 + i % 999}'};{'' if empty else f'11,{7000 + i % 997}'};"
            f"{40 + i % 900},5;{'' if empty else f'{300 + i % 700},00'};"
            f"{1 + i % 28:02d}.{1 + i % 12:02d}.2026;{'' if empty else '31.12.2028'};"
            f'{"ja" if i % 2 else "nein"};x;;"Atelier; Galerie";Bemerkung {i}'
        )
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def emit(name: str, value: float, unit: str = "s", **extra: object) -> None:
    record = {"name": name, "value": round(value, 3), "unit": unit, "rows": ROWS}
    record.update(extra)
    record["database"] = "sqlite"
    print(json.dumps(record))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="quartier-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "quartier.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from quartier.accounts.models import User
    from quartier.actors.models import Actor
    from quartier.core.models import TaskProgress
    from quartier.imports import services
    from quartier.neighbourhoods.demo import load_demo_neighbourhood

    call_command("migrate", verbosity=0)
    load_demo_neighbourhood()
    user = User.objects.create_user("bench@beispiel.example", "bench-passwort-123")
    content = build_csv(ROWS)

    start = time.perf_counter()
    upload = SimpleUploadedFile("akteure.csv", content)
    job = services.create_job(user, "actors", upload)
    parsed = time.perf_counter()
    result = services.check_job(job, job.mapping, by=user)
    assert result.error_count == 0, result.errors[:3]
    checked = time.perf_counter()
    progress = services.queue_import(job, by=user)
    imported = time.perf_counter()

    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE, progress.message
    assert Actor.objects.count() == ROWS

    emit(f"import.actors_csv_{ROWS}.seconds", imported - start, bytes=len(content))
    emit(f"import.actors_csv_{ROWS}.read_seconds", parsed - start)
    emit(f"import.actors_csv_{ROWS}.check_seconds", checked - parsed)
    emit(f"import.actors_csv_{ROWS}.task_seconds", imported - checked)

    client = Client()
    for fmt in ("csv", "xlsx", "geojson"):
        start = time.perf_counter()
        response = client.get(f"/import/export/akteure.{fmt}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (fmt, response.status_code)
        emit(f"export.actors_{fmt}_{ROWS}.seconds", elapsed, bytes=len(body))

    from quartier.places.models import Place

    content = build_places_csv(ROWS)
    for run in ("places_csv", "places_csv_again"):
        start = time.perf_counter()
        job = services.create_job(user, "places", SimpleUploadedFile("leerstand.csv", content))
        parsed = time.perf_counter()
        result = services.check_job(job, job.mapping, by=user)
        assert result.error_count == 0, result.errors[:3]
        checked = time.perf_counter()
        progress = services.queue_import(job, by=user)
        imported = time.perf_counter()
        progress.refresh_from_db()
        assert progress.status == TaskProgress.Status.DONE, progress.message
        assert Place.objects.count() == ROWS  # the second run updates, it adds nothing
        emit(f"import.{run}_{ROWS}.seconds", imported - start, bytes=len(content))
        emit(f"import.{run}_{ROWS}.read_seconds", parsed - start)
        emit(f"import.{run}_{ROWS}.check_seconds", checked - parsed)
        emit(f"import.{run}_{ROWS}.task_seconds", imported - checked)


if __name__ == "__main__":
    main()
