"""The indicator library (a German data file): common neighbourhood indicators with their
definitions and IRIS+ metric ids, so that projects measure alike and can be compared."""

import functools
import json
from pathlib import Path
from typing import Any

LIBRARY_FILE = Path(__file__).with_name("indicator_library.json")
AUDIENCES = {
    "verwaltung": "Verwaltung",
    "politik": "Politik",
    "eigentuemer": "Eigentümer",
    "foerderer": "Förderer",
}


@functools.cache
def library() -> tuple[dict[str, Any], ...]:
    data = json.loads(LIBRARY_FILE.read_text(encoding="utf-8"))
    return tuple(data["indicators"])


def library_entry(key: str) -> dict[str, Any] | None:
    return next((e for e in library() if e["key"] == key), None)
