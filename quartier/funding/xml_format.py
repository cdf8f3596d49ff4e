"""The XML format of the programme catalogue (docs/funding.md, sample
docs/samples/foerderprogramme-beispiel.xml): one `<programm>` per programme, one child
element per column of the CSV format (the same names and values), lists as repeated
`<wert>` children. Parsed safely with defusedxml's SAX parser: no DTD, no entities, no
external resources; the size limits of the imports (bytes, programmes, elements, depth).

`read_programmes` returns the programmes as the CSV rows (`dict[str, str]`, lists joined
with ";"), each with the line of its `<programm>` tag, so the import checks and writes them
exactly like a CSV file – all or nothing, with the report naming each bad line and element."""

import xml.sax
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree  # writing only: reading goes through defusedxml
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import Locator

from defusedxml import DefusedXmlException
from defusedxml.sax import parseString
from django.conf import settings

from quartier.funding.csv_formats import LIST_COLUMNS, PROGRAMME_COLUMNS, programme_cells

ROOT = "foerderprogramme"
ITEM = "programm"
LIST_ITEMS = {"wert", "datum"}  # list children: <wert> (values), <datum> (deadline dates)
LIST_ELEMENTS = LIST_COLUMNS | {"deadline_dates"}
MAX_DEPTH = 4  # foerderprogramme / programm / element / wert


class XmlFormatError(ValueError):
    """The file as a whole cannot be read; `line` where known."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


class _Handler(ContentHandler):
    def __init__(self, max_items: int, max_elements: int) -> None:
        super().__init__()
        self.max_items = max_items
        self.max_elements = max_elements
        self.locator: Locator | None = None
        self.path: list[str] = []
        self.elements = 0
        self.items: list[tuple[int, dict[str, str], list[str]]] = []
        self.text: list[str] = []
        self.values: list[str] = []

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def line(self) -> int:
        return (self.locator.getLineNumber() or 1) if self.locator else 1

    def startElement(self, name: str, attrs: object) -> None:
        name = name.rsplit(":", 1)[-1]  # a namespace prefix does not matter
        depth = len(self.path)
        self.elements += 1
        if self.elements > self.max_elements:
            raise XmlFormatError(
                f"Die Datei hat mehr als {self.max_elements:,} Elemente.".replace(",", "."),
                self.line(),
            )
        if depth >= MAX_DEPTH:
            raise XmlFormatError(f"Element „{name}“ ist zu tief verschachtelt.", self.line())
        if depth == 0 and name != ROOT:
            raise XmlFormatError(f"Das Wurzelelement muss „{ROOT}“ heißen, nicht „{name}“.")
        if depth == 1:
            if name != ITEM:
                raise XmlFormatError(
                    f"In „{ROOT}“ sind nur „{ITEM}“-Elemente erlaubt, nicht „{name}“.", self.line()
                )
            if len(self.items) >= self.max_items:
                raise XmlFormatError(
                    f"Die Datei hat mehr als {self.max_items:,} Programme.".replace(",", "."),
                    self.line(),
                )
            self.items.append((self.line(), {}, []))
        if depth == 2:
            self.values = []
        self.path.append(name)
        self.text = []

    def characters(self, content: str) -> None:
        self.text.append(content)

    def endElement(self, name: str) -> None:
        name = self.path.pop()
        depth = len(self.path)
        text = "".join(self.text).strip()
        self.text = []
        if depth == 3:
            if name not in LIST_ITEMS:
                self.items[-1][2].append(f"Element „{name}“ ist hier nicht erlaubt.")
            elif text:
                self.values.append(text)
        elif depth == 2:
            _line, row, problems = self.items[-1]
            if name not in PROGRAMME_COLUMNS:
                problems.append(f"Element „{name}“ ist unbekannt.")
            elif name in row:
                problems.append(f"Element „{name}“ kommt doppelt vor.")
            elif name in LIST_ELEMENTS:
                row[name] = ";".join(self.values) if self.values else text
            else:
                row[name] = text


def read_programmes(data: bytes) -> list[tuple[int, dict[str, str], list[str]]]:
    """(line, row, problems) per `<programm>`; raises XmlFormatError for a file that cannot
    be read at all (not XML, a DTD or an entity, too large)."""
    if len(data) > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise XmlFormatError(
            f"Die Datei ist größer als {settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        )
    handler = _Handler(settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_CELLS)
    try:
        parseString(data, handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise XmlFormatError(
            "Die Datei enthält eine DTD, Entitäten oder Verweise auf externe Dateien; "
            "das ist aus Sicherheitsgründen nicht erlaubt.",
            handler.line(),
        ) from error
    except xml.sax.SAXParseException as error:
        raise XmlFormatError(
            f"Kein gültiges XML: {error.getMessage()} (Spalte {error.getColumnNumber()}).",
            error.getLineNumber() or 1,
        ) from error
    if not handler.items:
        raise XmlFormatError(f"Die Datei enthält kein „{ITEM}“-Element.")
    return handler.items


def programmes_xml(programmes: Iterable[Any]) -> bytes:
    """The export in the same format (it imports again)."""
    root = ElementTree.Element(ROOT, version="1")
    for programme in programmes:
        item = ElementTree.SubElement(root, ITEM)
        for column, value in zip(
            PROGRAMME_COLUMNS, programme_cells(programme).values(), strict=True
        ):
            element = ElementTree.SubElement(item, column)
            if column in LIST_ELEMENTS:
                child = "datum" if column == "deadline_dates" else "wert"
                for part in (v for v in value.split(";") if v):
                    ElementTree.SubElement(element, child).text = part
            else:
                element.text = value
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
