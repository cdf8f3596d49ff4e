"""The six real examples named in the requirements paper, for the example catalogue.

Source: Handlungsempfehlungen „Gemeinsam für das Quartier: Formate, Orte, Strategien,
Allianzen“ (DV / STADT ALS CAMPUS e.V., 2020), see /work/shared/domain/.

The paper mentions these examples only in figure captions („Abbildung N“); its running text
does not describe them. Every entry therefore states only the caption, the image credit as
printed, where the figure sits in the paper (§1-§8 = the paper's sections "(1)".."(8)") and
the recommendations printed next to it. Quotations are verbatim with hyphenation repaired.
Nothing here may be extended with facts the paper does not state; fictional demo content
belongs elsewhere and must be marked as fictional.
"""

from __future__ import annotations

_SOURCE = (
    "Quelle: Handlungsempfehlungen „Gemeinsam für das Quartier“ "
    "(DV / STADT ALS CAMPUS e.V., 2020), "
)

PAPER_EXAMPLES: list[dict[str, str]] = [
    {
        "slug": "bernburg-campus-innenstadt",
        "title": "CAMPUS.INNENSTADT in der Bernburger Talstadt",
        "place": "Bernburg",
        "summary": (
            "Das Papier zeigt den Masterplan „CAMPUS.INNENSTADT“ für die Bernburger Talstadt "
            "(Abbildung 1, §2), einen Kreativworkshop in Bernburg (Abbildung 6, §6) und die "
            "temporäre „Bespielung“ des Markts Bernburg-Talstadt durch eine Studenteninitiative "
            "(Abbildung 8, §6)."
        ),
        "body": (
            "Das Papier nennt Bernburg nur in drei Bildunterschriften; im Fließtext wird das "
            "Beispiel nicht beschrieben. Inhalt, Beteiligte und Ergebnisse des Masterplans "
            "nennt das Papier nicht.\n"
            "\n"
            "- **Abbildung 1** (§2): „Masterplan ‚CAMPUS.INNENSTADT‘ für die Bernburger "
            "Talstadt“. Die Abbildung steht zwischen den Orientierungen der Neuen "
            "Leipzig-Charta, unmittelbar nach dem Punkt zur „Mitwirkung vielfältiger "
            "engagierter Akteure an eigendynamischen, auch zivilgesellschaftlich getriebenen "
            "Prozessen, die mit ‚Co-Kreation‘ und ‚Co-Produktion‘ überschrieben sind“.\n"
            "- **Abbildung 6** (§6): „Kreativworkshop in Bernburg“. Sie steht im einleitenden "
            "Text von §6 („Kooperationen und Allianzen stärken und kultivieren“). Ob der "
            "Workshop zu CAMPUS.INNENSTADT gehört, sagt das Papier nicht; die Bildquelle ist "
            "dieselbe.\n"
            "- **Abbildung 8** (§6): „Temporäre ‚Bespielung‘ Markt Bernburg-Talstadt durch "
            "Studenteninitiative“. Sie steht in der Liste der Anknüpfungspunkte von §6 nach "
            "dem Punkt „Über Absichtserklärungen und Kooperationsvereinbarungen Verbindlichkeit "
            "und Verlässlichkeit des Zusammenwirkens in der Quartiersarbeit schaffen“.\n"
            "\n"
            "Das Papier ordnet die Abbildungen keiner Empfehlung ausdrücklich zu. Thematisch "
            "passen dazu §6 („ein gemeinsam erarbeiteter (und finanzierter) Masterplan kann "
            "ein sinnvolles Instrument sein, um das Handeln der vielfältigen Akteure "
            "zusammenzuführen und zu koordinieren“) und der Punkt „Kreative Formate“ in §5: „Über "
            "die Kooperation mit Hochschulen lassen sich in Form von Praxisprojekten eine "
            "selbstorganisierte Nutzung von (Stadt)-Räumen durch Schüler und Schülerinnen und "
            "Studierende initiieren.“\n"
            "\n"
            + _SOURCE
            + "Abbildungen 1, 6 und 8; Bildquelle laut Papier: campus.office, Hochschule Anhalt, "
            "Bernburg"
        ),
        "paper_sections": "§2, §6",
    },
    {
        "slug": "helmstedt-pferdestall",
        "title": "Kreativ- und Kulturclub „Pferdestall“ in Helmstedt",
        "place": "Helmstedt",
        "summary": (
            "Abbildung 4 zeigt das Betreiberteam mit Schülerinnen und Schülern des Kreativ- und "
            "Kulturclubs „Pferdestall“ in Helmstedt. Sie steht in §5 bei der Passage über die "
            "Generationen Y und Z, die sich für eine Stadtentwicklung „von unten“ engagieren."
        ),
        "body": (
            "Das Papier nennt den „Pferdestall“ nur in der Bildunterschrift von Abbildung 4: "
            "„Betreiberteam mit Schülerinnen und Schülern des Kreativ- und Kulturclubs "
            "‚Pferdestall‘ in Helmstedt“. Im Fließtext wird der Club nicht beschrieben.\n"
            "\n"
            "Die Abbildung steht in §5 („Mehrwert und Impulse kreativer Stadtmacher“) "
            "zwischen diesen Sätzen:\n"
            "\n"
            "- „Vor allem die Generation Y (die Jahrgänge 1981 - 95) und die Generation Z (die "
            "Jahrgänge ab 1995) engagieren sich häufig als Schülerinnen und Schüler, als "
            "Studierende, als Absolvent/-innen, als Start-Ups, und schließlich als "
            "Wirtschaftsakteure, als Kreativ- und Kulturschaffende sowie als "
            "zivilgesellschaftliche Initiativen für eine Stadtentwicklung ‚von unten‘.“\n"
            "- „Intensiver als vorangegangene Generationen setzen sie auf gemeinsames "
            "Stadtmachen, auf Co-Kreation und Co-Produktion.“\n"
            "\n"
            "Das Papier ordnet die Abbildung keiner Empfehlung ausdrücklich zu. Thematisch "
            "passt §7: „Gerade bei Aktivitäten von Schülerinnen und Schülern sowie von "
            "Studierenden ist die Gestaltung des Generationenwechsels von zentraler Bedeutung, "
            "damit Initiativen nicht allein vom temporären Engagement von Einzelpersonen "
            "abhängen.“\n"
            "\n" + _SOURCE + "Abbildung 4; Bildquelle laut Papier: Campus Helmstedt e.V."
        ),
        "paper_sections": "§5",
    },
    {
        "slug": "fiction-forum-zwischennutzung",
        "title": "Zwischennutzung durch das Fiction Forum der Kultur- und Kreativwirtschaft",
        "place": "",
        "summary": (
            "Abbildung 5 zeigt eine „Zwischennutzung durch das Fiction Forum der Kultur- und "
            "Kreativwirtschaft“. Sie steht in §5 bei den Anknüpfungspunkten zu Nutzungsmischung "
            "und kreativer Zwischennutzung von Leerstand. Einen Ort nennt das Papier nicht."
        ),
        "body": (
            "Das Papier nennt das Fiction Forum nur in der Bildunterschrift von Abbildung 5: "
            "„Zwischennutzung durch das Fiction Forum der Kultur- und Kreativwirtschaft“. Ort, "
            "Gebäude, Zeitraum und Beteiligte der Zwischennutzung nennt es nicht.\n"
            "\n"
            "Die Abbildung steht in §5 („Mehrwert und Impulse kreativer Stadtmacher“) in der "
            "Liste der Anknüpfungspunkte, innerhalb des Punkts „Zeitgemäße und zukunftsgemäße "
            "Nutzungsmischungen“, unmittelbar vor dem Punkt „Leerstand und ungenutzte "
            "öffentliche Räume kreativ (zwischen)nutzen und bespielen“. Dort heißt es:\n"
            "\n"
            "- „Leerstehende Immobilien und der bebaute Raum sind als quartiersprägende "
            "kulturelle und strukturelle Ressourcen Kristallisationspunkte für "
            "quartiersbezogene Entwicklungsimpulse.“\n"
            "- „Es braucht aber dafür eine organisierte und strukturierte Steuerung sowie ein "
            "flexibles Entwicklungskonzept, das von den Kommunen und der Immobilienwirtschaft "
            "mitgetragen wird.“\n"
            "\n" + _SOURCE + "Abbildung 5; Bildquelle laut Papier: Kompetenzzentrum Kultur- und "
            "Kreativwirtschaft des Bundes"
        ),
        "paper_sections": "§5",
    },
    {
        "slug": "goettingen-living-lab-wochenmarktplatz",
        "title": "Living Lab zur Umgestaltung des Wochenmarktplatzes in Göttingen",
        "place": "Göttingen",
        "summary": (
            "Abbildung 7 zeigt ein „living lab zur Umgestaltung des Wochenmarktplatzes in "
            "Göttingen“. Sie steht in §6 bei der Empfehlung, intermediäre Strukturen als "
            "Vermittler „zwischen den Welten“ zu nutzen."
        ),
        "body": (
            "Das Papier nennt das Beispiel nur in der Bildunterschrift von Abbildung 7: "
            "„living lab zur Umgestaltung des Wochenmarktplatzes in Göttingen“. Im Fließtext "
            "wird es nicht beschrieben.\n"
            "\n"
            "Die Abbildung steht in §6 („Kooperationen und Allianzen stärken und kultivieren“) "
            "im Punkt „Intermediäre Strukturen als Vermittler ‚zwischen den Welten‘“. Dort "
            "heißt es: „Katalysatoren und verlässliche sowie vermittelnde "
            "Kommunikationsstrukturen zwischen Kommunen, Wohnungswirtschaft, unternehmerischer "
            "Wirtschaft, Kultur und Kreativwirtschaft können dabei helfen, den Dialog trotz "
            "unterschiedlicher Handlungslogiken und ‚verschiedener Sprachen‘ fruchtbar und "
            "effizient zu gestalten.“\n"
            "\n"
            "Das Papier ordnet die Abbildung dieser Empfehlung nicht ausdrücklich zu; sie steht "
            "lediglich an dieser Stelle.\n"
            "\n" + _SOURCE + "Abbildung 7; Bildquelle laut Papier: Prof. Reiner Schmidt"
        ),
        "paper_sections": "§6",
    },
    {
        "slug": "offenbach-masterplan-offen-denken",
        "title": "Masterplan Offenbach und „OFFEN DENKEN“",
        "place": "Offenbach",
        "summary": (
            "Das Papier zeigt in §7 den „Masterplan Offenbach“ (Abbildung 9) und ein „Image zu "
            "OFFEN DENKEN - Zukunftskonzept Innenstadt, Offenbach 2020“ (Abbildung 10). Im "
            "Fließtext werden beide nicht beschrieben."
        ),
        "body": (
            "Das Papier nennt Offenbach nur in zwei Bildunterschriften; Inhalt, Beteiligte und "
            "Ergebnisse beschreibt es nicht, ebenso wenig, wie Masterplan und „OFFEN DENKEN“ "
            "zusammenhängen.\n"
            "\n"
            "- **Abbildung 9** (§7): „Masterplan Offenbach“. Sie steht im Punkt „Aus "
            "geförderter Anschubphase sich selbst tragendes kooperatives Quartiersmanagement "
            "mit quartiersspezifischen Akteurskonstellationen etablieren“.\n"
            "- **Abbildung 10** (§7): „Image zu OFFEN DENKEN - Zukunftskonzept Innenstadt, "
            "Offenbach 2020“. Sie steht im Punkt „Förderzugänge für kultur- und "
            "kreativwirtschaftliche Akteure und unkonventionelle Formate verbessern“.\n"
            "\n"
            "Das Papier ordnet die Abbildungen keiner Empfehlung ausdrücklich zu. Thematisch "
            "passt §6: „Eine gemeinsame Strategie, ein gemeinsam erarbeiteter (und "
            "finanzierter) Masterplan kann ein sinnvolles Instrument sein, um das Handeln der "
            "vielfältigen Akteure zusammenzuführen und zu koordinieren.“\n"
            "\n"
            + _SOURCE
            + "Abbildungen 9 und 10; Bildquelle laut Papier: URBAN MEDIA PROJECT, Offenbach am "
            "Main (Abbildung 9); urbanista | Stadtentwicklung, Stadtforschung und Partizipation "
            "(Abbildung 10)"
        ),
        "paper_sections": "§7",
    },
    {
        "slug": "bad-belzig-coconat",
        "title": "Coconat in Bad Belzig: Co-Working und Co-Living auf dem Land",
        "place": "Bad Belzig",
        "summary": (
            "Abbildung 11 zeigt „Co-Working und Co-Living auf dem Land“: den „Zukunftsort“ "
            "Coconat in Bad Belzig (Brandenburg). Die Abbildung steht am Ende von §8; im "
            "Fließtext wird Coconat nicht beschrieben."
        ),
        "body": (
            "Das Papier nennt Coconat nur in der Bildunterschrift von Abbildung 11: „Co-Working "
            "und Co-Living auf dem Land - ‚Zukunftsort‘ Coconat in Bad Belzig (Brandenburg)“. "
            "Im Fließtext wird Coconat nicht beschrieben.\n"
            "\n"
            "Die Abbildung steht am Ende von §8 („Wissen und Austausch fördern und "
            "kultivieren“), nach dem Punkt: „Ein gut zugänglicher ‚Werkzeugkasten‘ mit "
            "Erfahrungsberichten und Beispielkatalogen kann für den Wissenstransfer und "
            "Erfahrungsaustausch mit den vielfältigen Partnern aktivierender, kooperativer und "
            "gemeinwesenorientierter Quartiersentwicklung hilfreich sein.“\n"
            "\n"
            "Das Papier ordnet die Abbildung keiner Empfehlung ausdrücklich zu. Thematisch "
            "passt §5, wonach kreative Stadtmacher mit „Creative Places“ „Inkubatoren für "
            "Start Ups, Coworking-Spaces, Quartiersforen“ schaffen.\n"
            "\n" + _SOURCE + "Abbildung 11; Bildquelle laut Papier: Tilmann Vogler"
        ),
        "paper_sections": "§8",
    },
]
