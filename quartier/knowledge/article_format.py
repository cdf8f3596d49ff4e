"""Bringing a toolbox in: articles from Markdown files with front matter (issue 6, item 5).

A file looks like this::

    ---
    title: Ein Ladenlokal zwischennutzen in zehn Schritten
    slug: ladenlokal-zwischennutzen
    kind: guide
    summary: Vom leeren Schaufenster zum offenen Laden …
    status: published
    source: Handlungsempfehlungen „Gemeinsam für das Quartier“ (2020), §5
    topics: interim_use, vacancy
    actor_groups: civil_society, real_estate
    neighbourhood_types: city_centre, rural_town
    phases: idea, planning
    related: erstgespraech-mit-eigentuemern-leerstand
    ---
    The Markdown body …

Tags (`topics`, `actor_groups`, `neighbourhood_types`, `phases`) are comma-separated keys
(German names of topics and phases are accepted too); a tag key that is present sets exactly
those tags of its kind, an absent one leaves them as they are. `related` names the slugs of
other articles (in the batch or already stored) and adds links; links are removed in the
browser or through the API.

The front matter is deliberately not YAML but a tiny strict format: one `key: value` per line,
no continuation lines, no nesting; a value may be wrapped in matching quotes. Unknown keys,
repeated keys and lines of any other form are problems, so that a typo never silently drops
a value.

`import_articles` validates every file first and writes only when no file has a problem, all
in one transaction (by slug: a new slug creates an article, a known one updates it, an
unchanged one is left alone). Running it again on the same files changes nothing. The report
names each file with its problems in German and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quartier.knowledge.models import (
    TAG_CHOICES,
    Article,
    Phase,
    TagKind,
    Topic,
)

TAG_FIELDS = {
    "topics": TagKind.TOPIC.value,
    "actor_groups": TagKind.ACTOR_GROUP.value,
    "neighbourhood_types": TagKind.NEIGHBOURHOOD_TYPE.value,
    "phases": TagKind.PHASE.value,
}
FIELDS = (
    "title",
    "slug",
    "kind",
    "summary",
    "status",
    "source",
    "place",
    *TAG_FIELDS,
    "related",
)
REQUIRED = ("title", "kind", "summary")
LIMITS = {
    "title": Article._meta.get_field("title").max_length,
    "slug": Article._meta.get_field("slug").max_length,
    "summary": Article._meta.get_field("summary").max_length,
    "source": Article._meta.get_field("source").max_length,
    "place": Article._meta.get_field("place").max_length,
}
# German names are accepted too, so that a network can keep its own wording.
KIND_NAMES = {
    **{kind.value: kind.value for kind in Article.Kind},
    "erfahrungsbericht": Article.Kind.CASE_REPORT.value,
    "praxisbeispiel": Article.Kind.EXAMPLE.value,
    "handreichung": Article.Kind.GUIDE.value,
    "checkliste": Article.Kind.CHECKLIST.value,
    "vorlage": Article.Kind.TEMPLATE.value,
    "argumentationshilfe": Article.Kind.ARGUMENT.value,
}
STATUS_NAMES = {
    **{status.value: status.value for status in Article.Status},
    "entwurf": Article.Status.DRAFT.value,
    "in prüfung": Article.Status.IN_REVIEW.value,
    "veröffentlicht": Article.Status.PUBLISHED.value,
}
# German names of topics and phases, as a network writes them.
TAG_NAMES: dict[str, dict[str, str]] = {
    TagKind.TOPIC: {
        "zwischennutzung": Topic.INTERIM_USE,
        "leerstand": Topic.VACANCY,
        "kooperation": Topic.COOPERATION,
        "förderung": Topic.FUNDING,
        "beteiligung": Topic.PARTICIPATION,
        "generationenwechsel": Topic.SUCCESSION,
        "nachwuchs": Topic.SUCCESSION,
        "kultur": Topic.CULTURE,
        "wirkung": Topic.IMPACT,
        "planungsrecht": Topic.PLANNING_LAW,
        "verdrängung": Topic.DISPLACEMENT,
        "veranstaltungen": Topic.EVENTS,
        "wohnungswirtschaft": Topic.HOUSING,
    },
    TagKind.PHASE: {
        "idee": Phase.IDEA,
        "planung": Phase.PLANNING,
        "umsetzung": Phase.IMPLEMENTATION,
        "verstetigung": Phase.CONSOLIDATION,
        "abschluss": Phase.CLOSING,
    },
}
DELIMITER = "---"
KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(?P<value>.*))?$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
CHECKLIST_ITEM = re.compile(r"^\s*[-*] \[[ xX]\] \S", re.MULTILINE)

# Each problem in German and in English; %(…)s are filled from the problem's parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    "no_front_matter": (
        "Die Datei beginnt nicht mit einem Kopfbereich: die erste Zeile muss „---“ sein",
        "the file does not start with front matter: its first line must be “---”",
    ),
    "unclosed": (
        "Der Kopfbereich wird nicht mit einer Zeile „---“ abgeschlossen",
        "the front matter is not closed by a line “---”",
    ),
    "bad_line": (
        "Zeile %(line)s: „%(text)s“ hat nicht die Form „schlüssel: wert“ "
        "(jede Angabe auf genau einer Zeile)",
        "line %(line)s: “%(text)s” is not of the form “key: value” (one line per entry)",
    ),
    "unknown_key": (
        "Zeile %(line)s: unbekannte Angabe „%(key)s“ (erlaubt: %(allowed)s)",
        "line %(line)s: unknown key “%(key)s” (allowed: %(allowed)s)",
    ),
    "repeated_key": (
        "Zeile %(line)s: die Angabe „%(key)s“ steht schon in Zeile %(first)s",
        "line %(line)s: the key “%(key)s” already appears in line %(first)s",
    ),
    "missing": (
        "Die Angabe „%(key)s“ fehlt oder ist leer",
        "the key “%(key)s” is missing or empty",
    ),
    "unknown_kind": (
        "„%(value)s“ ist keine bekannte Art (erlaubt: %(allowed)s)",
        "“%(value)s” is not a known kind (allowed: %(allowed)s)",
    ),
    "unknown_status": (
        "„%(value)s“ ist kein bekannter Status (erlaubt: %(allowed)s)",
        "“%(value)s” is not a known status (allowed: %(allowed)s)",
    ),
    "too_long": (
        "„%(key)s“ hat %(length)s Zeichen, erlaubt sind höchstens %(limit)s",
        "“%(key)s” has %(length)s characters, at most %(limit)s are allowed",
    ),
    "slug_invalid": (
        "„%(value)s“ ist kein gültiger Kurzname (nur Buchstaben a–z, Ziffern, - und _)",
        "“%(value)s” is not a valid slug (only letters a–z, digits, - and _)",
    ),
    "slug_twice": (
        "Der Kurzname „%(value)s“ kommt auch in %(other)s vor",
        "the slug “%(value)s” also appears in %(other)s",
    ),
    "empty_body": (
        "Unter dem Kopfbereich steht kein Text",
        "there is no text below the front matter",
    ),
    "no_items": (
        "Eine Checkliste braucht mindestens einen Punkt der Form „- [ ] …“",
        "a checklist needs at least one item of the form “- [ ] …”",
    ),
    "unknown_tag": (
        "„%(value)s“ ist kein bekannter Wert für „%(key)s“ (erlaubt: %(allowed)s)",
        "“%(value)s” is not a known value of “%(key)s” (allowed: %(allowed)s)",
    ),
    "unknown_related": (
        "Verwandter Artikel „%(value)s“ ist weder in diesem Import noch gespeichert",
        "related article “%(value)s” is neither in this import nor stored",
    ),
    "not_utf8": (
        "Die Datei ist nicht in UTF-8 gespeichert",
        "the file is not saved as UTF-8",
    ),
}


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def _text(self, language: int) -> str:
        return MESSAGES[self.code][language] % self.params

    @property
    def german(self) -> str:
        return self._text(0)

    @property
    def english(self) -> str:
        return self._text(1)

    def __str__(self) -> str:
        return f"{self.german} / {self.english}"


@dataclass
class FileReport:
    """One file of the batch: what it would become and what is wrong with it."""

    name: str
    values: dict[str, str] = field(default_factory=dict)
    body: str = ""
    problems: list[Problem] = field(default_factory=list)
    outcome: str = ""  # after a successful import: "created", "updated" or "unchanged"
    article: Article | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)  # tag kind -> values, when given
    related: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.values.get("slug", "")

    def add(self, code: str, **params: Any) -> None:
        self.problems.append(Problem(code, params))


OUTCOMES = {
    "created": ("neu", "new"),
    "updated": ("geändert", "changed"),
    "unchanged": ("unverändert", "unchanged"),
}


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not any(f.problems for f in self.files)

    @property
    def faulty(self) -> list[FileReport]:
        return [f for f in self.files if f.problems]

    @property
    def articles(self) -> list[Article]:
        return [f.article for f in self.files if f.article is not None]

    def count(self, outcome: str) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)

    def lines(self) -> list[str]:
        total = len(self.files)
        if not self.ok:
            faulty = len(self.faulty)
            lines = [
                f"Nichts importiert: {faulty} von {total} {_datei(total)} "
                f"{'hat' if faulty == 1 else 'haben'} Fehler. / Nothing imported: {faulty} of "
                f"{total} {_file(total)} {'has' if faulty == 1 else 'have'} problems."
            ]
            for report in self.faulty:
                lines.append(f"{report.name}:")
                lines.extend(f"  - {problem}" for problem in report.problems)
            return lines
        created, updated, unchanged = (self.count(o) for o in OUTCOMES)
        if not self.imported:
            return [
                f"Geprüft: {total} {_datei(total)} ohne Fehler. / Checked: {total} {_file(total)} "
                "without problems."
            ]
        lines = [
            f"{total} Artikel importiert: {created} neu, {updated} geändert, {unchanged} "
            f"unverändert. / {total} {'article' if total == 1 else 'articles'} imported: "
            f"{created} new, {updated} changed, {unchanged} unchanged."
        ]
        for report in self.files:
            german, english = OUTCOMES[report.outcome]
            lines.append(f"  {report.name} → {report.slug}: {german} / {english}")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _datei(count: int) -> str:
    return "Datei" if count == 1 else "Dateien"


def _file(count: int) -> str:
    return "file" if count == 1 else "files"


def parse_article(name: str, text: str) -> FileReport:
    """Reads one file's front matter and body and validates them; touches no database."""
    report = FileReport(name)
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != DELIMITER:
        report.add("no_front_matter")
        return report
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == DELIMITER)
    except StopIteration:
        report.add("unclosed")
        return report
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        match = KEY_VALUE.match(line.rstrip())
        if match is None:
            report.add("bad_line", line=number, text=_shorten(line.strip()))
            continue
        key, value = match["key"], _unquote((match["value"] or "").strip())
        if key not in FIELDS:
            report.add("unknown_key", line=number, key=key, allowed=", ".join(FIELDS))
        elif key in first_line:
            report.add("repeated_key", line=number, key=key, first=first_line[key])
        else:
            first_line[key] = number
            report.values[key] = value
    report.body = "\n".join(lines[end + 1 :]).strip("\n").rstrip()
    _validate(report)
    return report


def _validate(report: FileReport) -> None:
    values = report.values
    for key in REQUIRED:
        if not values.get(key):
            report.add("missing", key=key)
    if not values.get("slug"):
        values["slug"] = _slug_from_name(report.name)
    if not SLUG.match(values["slug"]):
        report.add("slug_invalid", value=values["slug"])
    for key, limit in LIMITS.items():
        length = len(values.get(key, ""))
        if limit is not None and length > limit:
            report.add("too_long", key=key, length=length, limit=limit)
    if values.get("kind"):
        kind = KIND_NAMES.get(values["kind"].lower())
        if kind is None:
            report.add("unknown_kind", value=values["kind"], allowed=", ".join(Article.Kind.values))
        else:
            values["kind"] = kind
    status = STATUS_NAMES.get((values.get("status") or Article.Status.DRAFT).lower())
    if status is None:
        report.add(
            "unknown_status", value=values["status"], allowed=", ".join(Article.Status.values)
        )
    else:
        values["status"] = status
    for key, kind in TAG_FIELDS.items():
        if key in values:
            report.tags[kind] = _tag_values(report, key, kind, values[key])
    report.related = _split(values.get("related", ""))
    if not report.body.strip():
        report.add("empty_body")
    elif values.get("kind") == Article.Kind.CHECKLIST and not CHECKLIST_ITEM.search(report.body):
        report.add("no_items")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _tag_values(report: FileReport, key: str, kind: str, value: str) -> list[str]:
    allowed = TAG_CHOICES[kind].values
    names = TAG_NAMES.get(kind, {})
    result: list[str] = []
    for part in _split(value):
        name = part.lower()
        found = name if name in allowed else names.get(name)
        if found is None:
            report.add("unknown_tag", key=key, value=part, allowed=", ".join(allowed))
        elif found not in result:
            result.append(str(found))
    return sorted(result)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slug_from_name(name: str) -> str:
    stem = name.rsplit("/", 1)[-1]
    return stem[:-3] if stem.lower().endswith(".md") else stem


def check_articles(files: list[tuple[str, str]]) -> ImportReport:
    """Parses and validates a batch of (file name, text) pairs without writing anything."""
    report = ImportReport([parse_article(name, text) for name, text in files])
    by_slug: dict[str, list[FileReport]] = {}
    for entry in report.files:
        if entry.slug:
            by_slug.setdefault(entry.slug, []).append(entry)
    for slug, entries in by_slug.items():
        for entry in entries if len(entries) > 1 else []:
            others = ", ".join(f.name for f in entries if f is not entry)
            entry.add("slug_twice", value=slug, other=others)
    wanted = {slug for entry in report.files for slug in entry.related} - set(by_slug)
    known = set(by_slug)
    if wanted:  # only then the database is read
        known |= set(Article.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    for entry in report.files:
        for slug in entry.related:
            if slug not in known:
                entry.add("unknown_related", value=slug)
    return report
