"""Crafted workbooks are refused quickly, before they cost the server memory or time
(README, "Limits")."""

import io
import time
import zipfile

import pytest

from quartier.imports import parsing
from quartier.imports.parsing import TableError, read_table

from .conftest import xlsx_bytes


def shared_strings_bomb(strings: int = 12_000, length: int = 1_000) -> bytes:
    """A valid-looking XLSX of a few dozen KB whose shared-strings table unpacks to 12 MB
    (the probe's 400 KB file unpacked to hundreds of MB): one long string, repeated."""
    small = xlsx_bytes([["Name"], ["A"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(small)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                target.writestr(item, source.read(item.filename))
        with target.open("xl/sharedStrings.xml", "w") as stream:
            stream.write(
                f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{strings}" uniqueCount="{strings}">'.encode()
            )
            entry = b"<si><t>" + b"x" * length + b"</t></si>"
            for _ in range(strings):
                stream.write(entry)
            stream.write(b"</sst>")
    return out.getvalue()


def sparse_sheet() -> bytes:
    """A header, one row, and one cell in the last row of Excel: tiny on disk, a million
    rows for a reader that walks every row."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Sektor"])
    sheet.append(["Eins", "school"])
    sheet.cell(row=1_048_576, column=2, value="x")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_shared_strings_bomb_is_refused_quickly_and_in_german(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", 10 * 1024 * 1024)
    content = shared_strings_bomb()
    assert len(content) < 100_000
    start = time.perf_counter()
    with pytest.raises(TableError, match="MB") as refused:
        read_table(io.BytesIO(content), "bombe.xlsx")
    assert time.perf_counter() - start < 1
    assert "entpackt" in str(refused.value)


def test_a_strongly_compressed_part_is_refused_even_below_the_unpacked_limit():
    content = shared_strings_bomb()  # 12 MB unpacked, packed about 1000 times
    with pytest.raises(TableError, match="100-mal"):
        read_table(io.BytesIO(content), "bombe.xlsx")


def test_a_sparse_sheet_is_refused_quickly():
    content = sparse_sheet()
    assert len(content) < 10_000
    start = time.perf_counter()
    with pytest.raises(TableError, match=r"mehr als 20\.000 Zeilen"):
        read_table(io.BytesIO(content), "duenn.xlsx")
    # a reader walking every row takes 15 s and more (the probe's figure); the limit stops
    # after about 21,000 rows, well within a second on an idle machine
    assert time.perf_counter() - start < 8


def test_too_many_cells_are_refused_with_the_limit(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_CELLS", 5)
    read_table(io.BytesIO(b"A;B\n1;2\n3;4\n"), "t.csv")
    with pytest.raises(TableError, match="mehr als 5 Zellen"):
        read_table(io.BytesIO(b"A;B\n1;2\n3;4\n5;6\n"), "t.csv")


def test_too_many_cells_are_refused_in_english_too(monkeypatch):
    from django.utils import translation

    monkeypatch.setattr(parsing, "MAX_CELLS", 1)
    with translation.override("en"), pytest.raises(TableError, match="more than 1 cells"):
        read_table(io.BytesIO(b"A;B\n1;2\n"), "t.csv")


@pytest.mark.django_db
def test_the_upload_page_refuses_a_bomb_in_the_request_and_keeps_nothing(user_client):
    from django.urls import reverse

    from quartier.imports.models import ImportJob

    from .conftest import upload

    response = user_client.post(
        reverse("imports:start"),
        {"file": upload(shared_strings_bomb(), "bombe.xlsx"), "kind": "actors"},
    )
    assert response.status_code == 400
    assert "dichter gepackt" in response.content.decode()
    assert not ImportJob.objects.exists()
