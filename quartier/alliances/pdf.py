"""An alliance agreement as a PDF (ReportLab): parties, the clauses of the signed (or the
latest) version, and the record of every approval."""

import io
from datetime import date, datetime
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from quartier.alliances.models import Agreement


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def agreement_pdf(agreement: Agreement) -> bytes:
    """Expects an agreement from `selectors.access_agreement` (versions, approvals and
    parties prefetched)."""
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    versions = list(agreement.versions.all())
    shown = next((v for v in versions if v.number == agreement.signed_version), versions[-1])
    with translation.override("de"):

        def day(value: date | None) -> str:
            return formats.date_format(value, "d.m.Y") if value else "–"

        def moment(value: datetime) -> str:
            return formats.date_format(timezone.localtime(value), "d.m.Y H:i")

        status = str(agreement.get_status_display())
        kind = str(agreement.get_kind_display())
        story = [
            _p(agreement.title, h1),
            _p(f"{kind} der Allianz „{agreement.alliance.name}“", body),
            _p(f"Stand: {status}, Fassung {shown.number}", body),
            _p(f"Laufzeit: {day(agreement.valid_from)} bis {day(agreement.valid_until)}", body),
            Spacer(1, 0.4 * cm),
            _p("Parteien", h2),
        ]
        story += [_p(f"• {party.name}", body) for party in agreement.parties.all()]
        for number, clause in enumerate(shown.clauses, start=1):
            story += [_p(f"§ {number} {clause['title']}", h2), _p(clause["text"], body)]
        story += [Spacer(1, 0.4 * cm), _p("Zustimmungen", h2)]
        rows = [["Fassung", "Partei", "Zugestimmt durch", "Zeitpunkt"]]
        for version in versions:
            for approval in version.approvals.all():
                rows.append(
                    [
                        str(version.number),
                        approval.party.name,
                        str(approval.approved_by or "–"),
                        moment(approval.approved_at),
                    ]
                )
        if len(rows) == 1:
            story.append(_p("Noch keine Zustimmung.", body))
        else:
            story.append(Table(rows, hAlign="LEFT", colWidths=[2 * cm, 5.5 * cm, 5 * cm, 3.5 * cm]))
        if agreement.signed_at:
            story += [
                Spacer(1, 0.3 * cm),
                _p(
                    f"Unterzeichnet am {moment(agreement.signed_at)}: alle Parteien haben "
                    f"Fassung {agreement.signed_version} zugestimmt.",
                    body,
                ),
            ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title=agreement.title, author="Quartier", lang="de"
    ).build(story)
    return buffer.getvalue()
