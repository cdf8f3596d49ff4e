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

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
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


def read_table(upload: IO[bytes], filename: str, size: int | None = None) -> Table:
    """Reads an uploaded CSV or XLSX file. `size` (bytes) is checked before reading."""
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
        table = read_xlsx(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            _("Old Excel files (.xls) cannot be read. Save the table as .xlsx or as CSV.")
        )
    elif extension in CSV_EXTENSIONS:
        table = read_csv(data)
    else:
        raise TableError(
            _("Unknown file format: please upload a CSV file (.csv) or an Excel file (.xlsx).")
        )
    if not table.rows:
        raise TableError(_("The file contains no data rows below the header row."))
    return table


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}


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
            [cell_text(value) for value in row]
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
    for row in rows:
        number += 1
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
