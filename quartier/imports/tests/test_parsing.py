import io

import pytest

from quartier.imports import parsing
from quartier.imports.parsing import TableError, detect_delimiter, parse_decimal, read_table

from .conftest import csv_bytes, xlsx_bytes


def read(content: bytes, name: str = "tabelle.csv") -> parsing.Table:
    return read_table(io.BytesIO(content), name, len(content))


def test_latin1_with_semicolons_and_decimal_commas():
    content = (
        "Name;Straße;Breitengrad;Längengrad\r\n"
        "Bürgerverein Süd;Große Str. 3;51,7834;11,738\r\n"
        "Café „Zentral“;Marktplatz 1;51,5;11,5\r\n"
    ).encode("cp1252")
    table = read(content)
    assert table.file_format == "csv"
    assert table.headers == ["Name", "Straße", "Breitengrad", "Längengrad"]
    assert table.rows[0] == ["Bürgerverein Süd", "Große Str. 3", "51,7834", "11,738"]
    assert table.rows[1][0] == "Café „Zentral“"
    assert table.row_numbers == [2, 3]
    assert parse_decimal(table.rows[0][2]) == pytest.approx(51.7834)


def test_pure_latin1_bytes_that_cp1252_does_not_know_still_decode():
    content = b"Name;Ort\nA\x81;K\xf6ln\n"
    table = read(content)
    assert table.rows[0] == ["A\x81", "Köln"]


def test_utf8_with_bom_and_commas_and_quoted_cells():
    content = '\ufeffName,Kurzbeschreibung,Ort\n"Müller, Meier & Co",Laden für alles,Zwickau\n'
    table = read(content.encode("utf-8"))
    assert table.headers == ["Name", "Kurzbeschreibung", "Ort"]  # no BOM in the first header
    assert table.rows == [["Müller, Meier & Co", "Laden für alles", "Zwickau"]]


def test_utf8_without_bom_semicolons_and_a_line_break_inside_a_cell():
    content = b'Name;Ziele\n"Initiative";"Erstens\nzweitens"\nZweite;x\n'
    table = read(content)
    assert table.rows[0] == ["Initiative", "Erstens\nzweitens"]
    assert table.row_numbers == [2, 3]


def test_decimal_commas_in_data_do_not_fool_the_delimiter_detection():
    text = "Name,Breitengrad\nA,51.5\nB,52.5\n"
    assert detect_delimiter(text) == ","
    text = "Name;Breitengrad;Längengrad\nA;51,5;11,2\nB;52,5;12,1\n"
    assert detect_delimiter(text) == ";"


def test_a_single_column_falls_back_to_semicolon():
    table = read(b"Name\nEins\nZwei\n")
    assert table.headers == ["Name"]
    assert [row[0] for row in table.rows] == ["Eins", "Zwei"]


def test_blank_lines_are_skipped_but_row_numbers_stay_those_of_the_file():
    table = read(csv_bytes([["Name", "Ort"], ["A", "X"], ["", ""], ["B", "Y"]]))
    assert table.rows == [["A", "X"], ["B", "Y"]]
    assert table.row_numbers == [2, 4]


def test_short_rows_are_padded_and_long_rows_cut_to_the_header():
    table = read(b"Name;Ort\nA\nB;Y;zu viel\n")
    assert table.rows == [["A", ""], ["B", "Y"]]


def test_empty_headers_get_a_name():
    table = read(b"Name;;Ort\nA;b;c\n")
    assert table.headers[1] in ("Column 2", "Spalte 2")


def test_xlsx_cells_become_text():
    content = xlsx_bytes(
        [
            ["Name", "PLZ", "Breitengrad", "Kapazität", None],
            ["Verein", 1067, 51.05, 12.0, None],
            [None, None, None, None, None],
            ["Zweiter", "04109", 51.34, None, None],
        ]
    )
    table = read(content, "akteure.xlsx")
    assert table.file_format == "xlsx"
    assert table.headers == ["Name", "PLZ", "Breitengrad", "Kapazität"]
    assert table.rows[0] == ["Verein", "1067", "51.05", "12"]
    assert table.rows[1] == ["Zweiter", "04109", "51.34", ""]
    assert table.row_numbers == [2, 4]


def test_blank_rows_above_the_header_are_skipped():
    content = xlsx_bytes([[None, None], [], ["Name", "Ort"], ["A", "X"]])
    table = read(content, "akteure.xlsx")
    assert table.headers == ["Name", "Ort"]
    assert table.rows == [["A", "X"]] and table.row_numbers == [4]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leer.csv", "leer"),
        (b"   \n\n", "leer.csv", "leer"),
        (b"Name;Ort\n", "nur-kopf.csv", "keine Datenzeilen"),
        (b"%PDF-1.4 ...", "akteure.pdf", "Unbekanntes Dateiformat"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "alt.xls", ".xls"),
        (b"PK\x03\x04kaputt", "kaputt.xlsx", "Excel-Datei kann nicht gelesen"),
        (b"PK\x03\x04kaputt", "tarnung.csv", "keine Textdatei"),
        (b"Name\x00;Ort\x00\n", "binaer.csv", "keine Textdatei"),
    ],
)
def test_unreadable_files_are_refused_with_a_german_message(content, name, message):
    with pytest.raises(TableError) as error:
        read(content, name)
    assert message in str(error.value)


def test_files_over_ten_megabytes_are_refused_before_reading():
    with pytest.raises(TableError, match="größer als 10 MB"):
        read_table(io.BytesIO(b"x"), "gross.csv", size=10 * 1024 * 1024 + 1)


def test_files_with_more_than_20000_rows_are_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_ROWS", 3)
    read(b"Name\n1\n2\n3\n")
    with pytest.raises(TableError, match="mehr als 3 Zeilen"):
        read(b"Name\n1\n2\n3\n4\n")


def test_the_row_limit_is_20000():
    assert parsing.MAX_ROWS == 20_000
    rows = "Name\n" + "".join(f"A{i}\n" for i in range(20_001))
    with pytest.raises(TableError, match=r"20\.000"):
        read(rows.encode())


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("51,7834", 51.7834),
        ("51.7834", 51.7834),
        ("-0,5", -0.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        (" 12 ", 12.0),
    ],
)
def test_parse_decimal(text, number):
    assert parse_decimal(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "nan", "inf", "12°"])
def test_parse_decimal_refuses_what_is_no_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)
