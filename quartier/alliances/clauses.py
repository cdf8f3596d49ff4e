"""The standard clauses of the two agreement templates (§6: letters of intent and
cooperation agreements). The texts are German content like the toolbox articles; the parties
adapt them, and every change becomes a new version.

Placeholders in curly braces – {alliance}, {parties} – are filled in when an agreement is
drafted."""

from typing import TypedDict


class Clause(TypedDict):
    key: str
    title: str
    text: str


_COMMON: list[Clause] = [
    {
        "key": "purpose",
        "title": "Zweck",
        "text": "Die Parteien arbeiten in der Allianz „{alliance}“ zusammen, um das Quartier "
        "gemeinsam und gemeinwohlorientiert weiterzuentwickeln. Sie verfolgen dabei die "
        "gemeinsam beschlossene Strategie der Allianz.",
    },
    {
        "key": "contributions",
        "title": "Beiträge der Parteien",
        "text": "Jede Partei bringt die in der Allianz vereinbarten Beiträge ein (Arbeitszeit, "
        "Räume, Mittel, Wissen). Die Beiträge werden in der Mitgliederliste der Allianz "
        "festgehalten und bei Bedarf gemeinsam angepasst.\n\nParteien: {parties}.",
    },
    {
        "key": "decisions",
        "title": "Entscheidungen",
        "text": "Entscheidungen werden am Runden Tisch der Allianz getroffen. Angestrebt wird "
        "Einvernehmen; gelingt es nicht, entscheidet die Mehrheit der anwesenden Parteien. "
        "Jede Partei hat eine Stimme.",
    },
    {
        "key": "communication",
        "title": "Kommunikation",
        "text": "Die Parteien informieren einander frühzeitig über alles, was die gemeinsame "
        "Arbeit betrifft. Öffentliche Äußerungen im Namen der Allianz werden vorher "
        "abgestimmt.",
    },
    {
        "key": "costs",
        "title": "Kosten",
        "text": "Jede Partei trägt ihre eigenen Kosten, soweit nichts anderes vereinbart ist. "
        "Gemeinsame Ausgaben werden vorher beschlossen und nach einem vereinbarten Schlüssel "
        "geteilt.",
    },
    {
        "key": "data_protection",
        "title": "Datenschutz",
        "text": "Personenbezogene Daten werden nur für die Zwecke der Zusammenarbeit und nach "
        "der DSGVO verarbeitet. Jede Partei bleibt für die von ihr eingebrachten Daten "
        "verantwortlich.",
    },
    {
        "key": "duration",
        "title": "Laufzeit und Kündigung",
        "text": "Die Vereinbarung gilt ab Unterzeichnung für zwei Jahre und verlängert sich um "
        "jeweils ein Jahr, wenn keine Partei mit einer Frist von drei Monaten zum Ende der "
        "Laufzeit kündigt. Der Austritt einer Partei berührt die Zusammenarbeit der übrigen "
        "nicht.",
    },
    {
        "key": "disputes",
        "title": "Streitigkeiten",
        "text": "Bei Meinungsverschiedenheiten suchen die Parteien zuerst das Gespräch am "
        "Runden Tisch. Gelingt keine Einigung, ziehen sie eine von allen akzeptierte "
        "Vermittlung hinzu, bevor andere Schritte unternommen werden.",
    },
]

_LETTER_OF_INTENT_NOTE: Clause = {
    "key": "binding",
    "title": "Verbindlichkeit",
    "text": "Diese Absichtserklärung beschreibt den gemeinsamen Willen der Parteien. Sie "
    "begründet keine rechtlichen Zahlungs- oder Leistungspflichten; diese werden, wo nötig, "
    "in einer Kooperationsvereinbarung geregelt.",
}

TEMPLATES: dict[str, list[Clause]] = {
    "letter_of_intent": [*_COMMON[:4], _LETTER_OF_INTENT_NOTE, *_COMMON[6:7]],
    "cooperation": list(_COMMON),
}


def template_clauses(kind: str, *, alliance: str, parties: list[str]) -> list[Clause]:
    names = ", ".join(parties) if parties else "–"
    return [
        {
            "key": clause["key"],
            "title": clause["title"],
            "text": clause["text"].replace("{alliance}", alliance).replace("{parties}", names),
        }
        for clause in TEMPLATES[kind]
    ]
