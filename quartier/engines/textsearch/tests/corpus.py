"""A small German corpus like the platform's knowledge toolbox, and an FTS5 index over it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from quartier.engines.textsearch import Vocabulary, analyse

FIELDS = ("title", "summary", "body")


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    summary: str
    body: str
    age_days: float = 30.0

    def texts(self) -> dict[str, str]:
        return {"title": self.title, "summary": self.summary, "body": self.body}


DOCUMENTS = (
    Document(
        "ladenlokal",
        "Ein Ladenlokal zwischennutzen in zehn Schritten",
        "Wie eine Initiative ein leeres Geschäft für ein Jahr übernimmt.",
        "Leerstand in der Innenstadt ist eine Chance. Eigentümer, Stadt und Initiative "
        "schließen einen Zwischennutzungsvertrag; die Nebenkosten trägt die Initiative.",
    ),
    Document(
        "kooperation",
        "Eine Kooperationsvereinbarung vorbereiten",
        "Was in eine Vereinbarung zwischen Wohnungsunternehmen und Initiativen gehört.",
        "Ziele, Leistungen, Räume und Ansprechpersonen: die Wohnungsbaugesellschaft stellt "
        "Räume, der Verein organisiert die Nachbarschaftsarbeit.",
    ),
    Document(
        "foerdermittel",
        "Fördermittel beantragen und abrechnen",
        "Förderprogramme für Initiativen mit und ohne eingetragenen Verein.",
        "Viele Programme fördern auch Gruppen, die kein eingetragener Verein (e. V.) sind: "
        "ein Träger übernimmt die Abrechnung.",
    ),
    Document(
        "generationenwechsel",
        "Generationenwechsel in Schüler- und Studierendeninitiativen",
        "Wie eine Initiative die Nachfolge regelt, wenn ihre Mitglieder die Schule verlassen.",
        "Übergaben planen, Wissen dokumentieren, Nachfolgerinnen früh einbinden.",
    ),
    Document(
        "runder-tisch",
        "Einen Runden Tisch verstetigen",
        "Aus einem einmaligen Treffen wird ein regelmäßiges Format im Quartier.",
        "Feste Termine, eine Moderation und ein Protokoll machen den Runden Tisch verlässlich.",
    ),
    Document(
        "strassenfest",
        "Das Straßenfest in der Marktstraße",
        "Ein Praxisbeispiel: Nachbarinnen und Nachbarn feiern gemeinsam.",
        "Die Genehmigung für das Fest beantragt der Kulturverein beim Ordnungsamt.",
        age_days=400.0,
    ),
    Document(
        "leerstandsmanagement",
        "Leerstandsmanagement für kleine Städte",
        "Wie eine Kommune Leerstände erfasst und vermittelt.",
        "Ein Kataster der leerstehenden Läden, ein Management mit Ansprechperson im Rathaus.",
    ),
    Document(
        "kreativ",
        "Kreativ-Workshop im Atelierhaus",
        "Künstlerinnen öffnen ihre Werkstatt für Kinder aus dem Viertel.",
        "Material stellt der Bürgerverein, die Schule organisiert die Gruppen.",
        age_days=5.0,
    ),
    Document(
        "mueller",
        "Bäckerei Müller bleibt im Quartier",
        "Ein Nachfolger für den Laden an der Hauptstrasse.",
        "Die Familie Mueller übergibt nach 40 Jahren.",
    ),
    Document(
        "ueber-uns",
        "Über uns",
        "Wer wir sind und was wir tun.",
        "Wir sind ein Netzwerk für das Quartier.",
    ),
)


def vocabulary() -> Vocabulary:
    return Vocabulary.from_texts(
        text for document in DOCUMENTS for text in document.texts().values()
    )


def index_terms(document: Document, vocab: Vocabulary) -> dict[str, list[str]]:
    return {name: analyse(text, vocab) for name, text in document.texts().items()}


def fts5_index(vocab: Vocabulary) -> sqlite3.Connection:
    """An in-memory FTS5 table over the analysed documents, rowid = position + 1."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE documents USING fts5(key UNINDEXED, title, summary, body, "
        "tokenize = 'unicode61', prefix = '2 3', detail = none)"
    )
    for document in DOCUMENTS:
        terms = index_terms(document, vocab)
        connection.execute(
            "INSERT INTO documents (key, title, summary, body) VALUES (?, ?, ?, ?)",
            (document.key, *(" ".join(terms[name]) for name in FIELDS)),
        )
    return connection


def fts5_search(connection: sqlite3.Connection, expression: str) -> set[str]:
    rows = connection.execute(
        "SELECT key FROM documents WHERE documents MATCH ?", (expression,)
    ).fetchall()
    return {key for (key,) in rows}
