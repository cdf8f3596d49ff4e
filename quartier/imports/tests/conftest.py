import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.accounts.tests.factories import UserFactory
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

ACTOR_HEADER = [
    "Name",
    "Sektor",
    "Rechtsform",
    "Kurzbeschreibung",
    "Straße",
    "PLZ",
    "Ort",
    "Breitengrad",
    "Längengrad",
    "Website",
    "Quartier",
    "Angebote",
    "Bedarfe",
]


def actor_row(name: str, **values: str) -> list[str]:
    row = {
        "Name": name,
        "Sektor": "Kultur und Soziokultur",
        "Rechtsform": "e.V.",
        "Kurzbeschreibung": f"{name} macht mit.",
        "Straße": "Marktstraße 1",
        "PLZ": "06406",
        "Ort": "Musterstadt",
        "Breitengrad": "51,7834",
        "Längengrad": "11,7380",
        "Website": "www.beispiel.example",
        "Quartier": "",
        "Angebote": "Raum; Know-how",
        "Bedarfe": "money",
    }
    row.update(values)
    return [row[column] for column in ACTOR_HEADER]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join(_quote(cell, delimiter) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _quote(cell: str, delimiter: str) -> str:
    if delimiter in cell or '"' in cell or "\n" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "akteure.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def _tasks_start_at_once(monkeypatch):
    """The upload's background task is started on commit; a test runs inside one
    transaction that never commits, so here it starts at once, as after a real commit."""
    monkeypatch.setattr(
        "quartier.imports.services.transaction.on_commit",
        lambda callback, using=None, robust=False: callback(),
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def neighbourhood(db):
    return NeighbourhoodFactory(name="Talviertel", slug="musterstadt-talviertel")
