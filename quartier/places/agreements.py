"""The interim-use agreement as a PDF (ReportLab): parties, place, period, costs, use,
insurance, keys, termination and handover, the planning-law checklist and signature lines."""

import io
from xml.sax.saxutils import escape

from django.utils import formats, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from quartier.places.models import UseAgreement


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text), style)


def agreement_pdf(agreement: UseAgreement) -> bytes:
    match = agreement.match
    place, request = agreement.place, match.request
    tenant = request.actor.name
    owner = place.owner.name if place.owner else "Eigentümer/in laut Grundbuch (bitte eintragen)"
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    with translation.override("de"):
        start = formats.date_format(agreement.start, "d.m.Y")
        end = formats.date_format(agreement.end, "d.m.Y")
        rent = (
            f"{formats.number_format(agreement.rent_eur_month, 2)} € monatlich"
            if agreement.rent_eur_month
            else "mietfrei gegen Übernahme der Nebenkosten"
        )
        address = ", ".join(filter(None, [place.street, f"{place.postcode} {place.city}".strip()]))
        story = [
            _p("Zwischennutzungsvereinbarung", h1),
            _p(f"Vermittlung Nr. {match.pk} über Quartier", body),
            Spacer(1, 0.4 * cm),
            _p("1. Parteien", h2),
            _p(f"Überlassende Seite: {owner}", body),
            _p(f"Nutzende Seite: {tenant}", body),
            _p("2. Gegenstand", h2),
            _p(
                f"{place.name} ({place.get_kind_display()}), {place.area_m2} m²"
                f"{', ' + address if address else ''}.",
                body,
            ),
            _p("3. Zeitraum", h2),
            _p(f"Vom {start} bis zum {end} (Zwischennutzung, keine dauerhafte Vermietung).", body),
            _p("4. Kosten", h2),
            _p(
                f"{rent}. Nebenkosten nach tatsächlichem Verbrauch, soweit nicht anders "
                "vereinbart.",
                body,
            ),
            _p("5. Nutzung", h2),
            _p(
                f"{agreement.use}. Eine andere Nutzung bedarf der Zustimmung der überlassenden "
                "Seite.",
                body,
            ),
            _p("6. Versicherung", h2),
            _p(
                "Die nutzende Seite schließt eine Haftpflichtversicherung für die Nutzung ab und "
                "weist sie vor Übergabe nach.",
                body,
            ),
            _p("7. Schlüssel", h2),
            _p(
                "Die Zahl der übergebenen Schlüssel wird im Übergabeprotokoll festgehalten; "
                "verlorene Schlüssel ersetzt die nutzende Seite.",
                body,
            ),
            _p("8. Kündigung und Rückgabe", h2),
            _p(
                "Beide Seiten können mit einer Frist von einem Monat zum Monatsende kündigen. "
                "Bei Ende der Nutzung wird der Ort besenrein und im Zustand der Übergabe "
                "zurückgegeben; ein Rückgabeprotokoll wird erstellt.",
                body,
            ),
            _p("9. Planungsrechtliche Prüfliste", h2),
        ]
        checks = [
            (
                "Nutzung baurechtlich genehmigt",
                "ja" if place.use_approved else "offen – Nutzungsänderung prüfen",
            ),
            ("Genehmigung einer Nutzungsänderung nötig?", "mit der Bauaufsicht klären"),
            ("Brandschutz (Rettungswege, Feuerlöscher, Personenzahl)", "vor Übergabe prüfen"),
            ("Versammlungsstätte (ab 200 Personen in einem Raum)", "bei Veranstaltungen prüfen"),
            ("Lärm und Zeiten laut Einschränkungen des Ortes", place.restrictions or "keine"),
        ]
        story.append(
            Table([[_p(a, body), _p(b, body)] for a, b in checks], colWidths=[9 * cm, 7 * cm])
        )
        story += [
            Spacer(1, 1.2 * cm),
            Table(
                [
                    ["______________________________", "______________________________"],
                    [owner, tenant],
                ],
                colWidths=[8 * cm, 8 * cm],
            ),
        ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title="Zwischennutzungsvereinbarung", author="Quartier"
    )
    document.build(story)
    return buffer.getvalue()
