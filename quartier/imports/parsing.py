"""Reading tables as German municipalities export them: CSV in UTF-8 (with or without BOM) or
Latin-1/cp1252, separated by semicolons or commas, and Excel workbooks (XLSX).

Every cell comes out as a stripped string; the header is row 1 and each data row keeps its
row number in the file so that reports can name it. Problems raise `TableError` with a
message for the person who uploaded the file.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# The limits of the README's section "Limits", set by environment variables (settings).
MAX_BYTES: int = settings.IMPORT_MAX_UPLOAD_BYTES
MAX_ROWS: int = settings.IMPORT_MAX_ROWS
MAX_COLUMNS: int = settings.IMPORT_MAX_COLUMNS
MAX_CELLS: int = settings.IMPORT_MAX_CELLS
MAX_UNPACKED_BYTES: int = settings.IMPORT_MAX_UNPACKED_BYTES
MAX_COMPRESSION_RATIO: int = settings.IMPORT_MAX_COMPRESSION_RATIO
MAX_BLANK_ROWS = 1_000  # blank rows (e.g. formatted but empty) tolerated beyond MAX_ROWS
MAX_ARCHIVE_MEMBERS = 1_000
CSV_DELIMITERS = ";,\t|"
SNIFF_BYTES = 64 * 1024
CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}


class TableError(Exception):
    """The file cannot be read as a table; the message says why, in the user's language."""


@dataclass
class Table:
    file_format: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


def read_upload(upload: IO[bytes], filename: str, size: int | None = None) -> tuple[bytes, str]:
    """The checks that are quick enough for the request, before anything is parsed: the size
    (`size` in bytes is checked before reading), the format by the file's first bytes, and
    for XLSX the archive's unpacked size and compression ratio. Returns the bytes and the
    format ("csv" or "xlsx"); raises TableError."""
    if size is not None and size > MAX_BYTES:
        raise TableError(too_large_message())
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TableError(too_large_message())
    if not data.strip():
        raise TableError(_("The file is empty."))
    extension = PurePath(filename or "").suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        if extension in CSV_EXTENSIONS:
            raise TableError(_("The file is called .csv but is not a text file."))
        check_xlsx_archive(data)
        return data, "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            _("Old Excel files (.xls) cannot be read. Save the table as .xlsx or as CSV.")
        )
    if extension in CSV_EXTENSIONS:
        return data, "csv"
    raise TableError(
        _("Unknown file format: please upload a CSV file (.csv) or an Excel file (.xlsx).")
    )


def read_table(upload: IO[bytes], filename: str, size: int | None = None) -> Table:
    """Reads an uploaded CSV or XLSX file (read_upload's checks first)."""
    data, file_format = read_upload(upload, filename, size)
    return parse_table(data, file_format)


def parse_table(data: bytes, file_format: str) -> Table:
    """Parses bytes that passed read_upload; raises TableError."""
    if file_format == "xlsx":
        check_xlsx_archive(data)
        table = read_xlsx(data)
    else:
        table = read_csv(data)
    if not table.rows:
        raise TableError(_("The file contains no data rows below the header row."))
    return table


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}


def too_many_cells_message() -> str:
    return _("The file has more than %(cells)s cells. Split it into several files.") % {
        "cells": number_format(MAX_CELLS, force_grouping=True)
    }


def too_many_rows_message() -> str:
    return _("The file has more than %(rows)s rows. Split it into several files.") % {
        "rows": number_format(MAX_ROWS, force_grouping=True)
    }


# --- CSV -------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) if the bytes are valid UTF-8, else Windows-1252 (which
    contains Latin-1's printable characters), else Latin-1, which decodes anything."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def detect_delimiter(text: str) -> str:
    """The delimiter that csv.Sniffer finds, checked against the header line (which holds no
    decimal commas); when the sniffer gives up, the most frequent candidate of the header
    line, and a semicolon when there is none."""
    sample = text[:SNIFF_BYTES]
    header_line = sample.split("\n", 1)[0]
    counts = {d: header_line.count(d) for d in CSV_DELIMITERS}
    by_header = max(CSV_DELIMITERS, key=lambda d: counts[d])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and (counts[sniffed] > 0 or counts[by_header] == 0):
        return sniffed
    return by_header if counts[by_header] > 0 else ";"


def read_csv(data: bytes) -> Table:
    text = decode(data)
    if "\x00" in text:
        raise TableError(_("The file is not a text file: please upload CSV or XLSX."))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        return _collect(reader, "csv")
    except csv.Error as error:
        raise TableError(
            _("The CSV file cannot be read (row %(row)s): %(error)s")
            % {"row": reader.line_num, "error": error}
        ) from error


# --- XLSX ------------------------------------------------------------------------------------


def check_xlsx_archive(data: bytes) -> None:
    """Refuses an XLSX file whose archive would unpack to more than MAX_UNPACKED_BYTES or
    holds a member compressed more than MAX_COMPRESSION_RATIO times (a "zip bomb", e.g. a
    huge table of shared strings), reading only the archive's directory. Python's zipfile
    never unpacks more than the size the directory states."""
    unreadable = _("The Excel file cannot be read. Is it a valid .xlsx file?")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise TableError(unreadable) from error
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise TableError(unreadable)
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(
            _(
                "The Excel file unpacks to more than %(mb)s MB. Split the table into several "
                "files or save it as CSV."
            )
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_COMPRESSION_RATIO * max(
            member.compress_size, 1
        ):
            raise TableError(
                _(
                    "The Excel file is packed more than %(ratio)s times tighter than tables "
                    "ever are and is therefore not read. Save the table again or as CSV."
                )
                % {"ratio": MAX_COMPRESSION_RATIO}
            )


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise TableError(_("The Excel file cannot be read. Is it a valid .xlsx file?")) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise TableError(_("The Excel file contains no worksheet."))
        rows = (
            [cell_text(value) for value in row] if any(v is not None for v in row) else ()
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        )
        return _collect(rows, "xlsx")
    except TableError:
        raise
    except Exception as error:  # openpyxl raises many kinds on broken files
        raise TableError(_("The Excel file cannot be read. Is it a valid .xlsx file?")) from error
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: whole numbers without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


# --- both ------------------------------------------------------------------------------------


def _collect(rows: Any, file_format: str) -> Table:
    table: Table | None = None
    number = 0
    cell_count = 0
    for row in rows:
        number += 1
        if number > MAX_ROWS + MAX_BLANK_ROWS:
            # Also blank rows count: a sparse sheet (one cell in row 1,000,000) would
            # otherwise hold the worker for a million empty rows.
            raise TableError(too_many_rows_message())
        if not any(row):
            continue  # blank lines (openpyxl fills gaps with None), cheaply skipped
        cells = [str(cell).strip() for cell in row]
        if table is None:
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue  # blank rows above the header, as in many Excel sheets
            if len(cells) > MAX_COLUMNS:
                raise TableError(
                    _("The file has more than %(columns)s columns.") % {"columns": MAX_COLUMNS}
                )
            headers = [c or _("Column %(n)s") % {"n": i + 1} for i, c in enumerate(cells)]
            table = Table(file_format=file_format, headers=headers)
            continue
        if not any(cells):
            continue  # blank lines, e.g. at the end of an Excel sheet
        if len(table.rows) >= MAX_ROWS:
            raise TableError(too_many_rows_message())
        width = len(table.headers)
        cell_count += width
        if cell_count > MAX_CELLS:
            raise TableError(too_many_cells_message())
        table.rows.append((cells + [""] * width)[:width])
        table.row_numbers.append(number)
    if table is None:
        raise TableError(_("The file is empty."))
    return table


def parse_decimal(text: str) -> float:
    """A number written the German or the English way: "51,7834", "51.7834", "1.234,5",
    "1,234.5". Raises ValueError for anything else."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        if value.count(",") > 1:
            raise ValueError(text)
        value = value.replace(",", ".")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number
