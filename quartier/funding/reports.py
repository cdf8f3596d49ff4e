"""The Verwendungsnachweis (statement of use) of a grant as PDF (ReportLab) and XLSX
(openpyxl): Sachbericht, zahlenmäßiger Nachweis (plan against actual per line and the
financing), Belegliste. Every sum is computed in cents from the same ledger, so the PDF,
the workbook and the page reconcile to the cent."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

from quartier.engines.eligibility import eur, to_cents
from quartier.funding.selectors import Ledger

KIND_LABELS = {
    "grant": "Zuwendung",
    "own_funds": "Eigenmittel",
    "other_funder": "Andere Förderer",
    "volunteer": "Ehrenamtliche Stunden (bewertet)",
    "in_kind": "Sachleistungen",
}
RECEIPT_KIND = {"expense": "Ausgabe", "income": "Einnahme"}
RECEIPTS_PER_TABLE = 50


def _eur(value: Decimal) -> str:
    return eur(to_cents(value))


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _header(ledger: Ledger) -> list[str]:
    grant = ledger.grant
    lines = [
        f"Projekt: {grant.project.title}",
        f"Förderprogramm: {grant.programme.title} ({grant.programme.funder_name})",
        f"Zuwendungsempfänger: {grant.applicant.name}",
    ]
    if grant.initiative is not None:
        lines.append(f"als Treuhänder für: {grant.initiative.name}")
    if grant.approved_amount is not None:
        lines.append(f"Bewilligt: {_eur(grant.approved_amount)}")
    if grant.period_start and grant.period_end:
        lines.append(
            f"Bewilligungszeitraum: {grant.period_start:%d.%m.%Y} bis {grant.period_end:%d.%m.%Y}"
        )
    return lines


def statement_pdf(ledger: Ledger) -> bytes:
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    story = [_p("Verwendungsnachweis", h1)]
    story += [_p(line, body) for line in _header(ledger)]
    story += [
        Spacer(1, 0.4 * cm),
        _p("1. Sachbericht", h2),
        _p(ledger.grant.report_text or "–", body),
    ]
    story += [_p("2. Zahlenmäßiger Nachweis", h2), _p("Ausgaben", styles["Heading3"])]
    rows = [["Position", "Kategorie", "Plan", "Ist", "Abweichung"]]
    for figure in ledger.plan_lines:
        line = figure.line
        deviation = (
            f"{figure.deviation_percent} %".replace(".", ",")
            if figure.deviation_percent is not None
            else "–"
        )
        rows.append(
            [
                line.description,
                line.get_category_display(),
                _eur(line.amount),
                _eur(figure.actual),
                deviation,
            ]
        )
    if ledger.unassigned_spent:
        rows.append(["ohne Planposition", "", "", _eur(ledger.unassigned_spent), ""])
    rows.append(["Summe", "", _eur(ledger.planned_costs), _eur(ledger.spent), ""])
    story.append(
        LongTable(
            rows,
            repeatRows=1,
            hAlign="LEFT",
            colWidths=[5.5 * cm, 3.5 * cm, 2.6 * cm, 2.6 * cm, 2.3 * cm],
        )
    )
    story += [_p("Finanzierung", styles["Heading3"])]
    income_rows = [["Art", "Beschreibung", "Plan"]]
    for item in ledger.income_lines:
        income_rows.append(
            [KIND_LABELS.get(item.kind, item.kind), item.description, _eur(item.amount)]
        )
    income_rows.append(["Summe", "", _eur(ledger.planned_income)])
    story.append(
        LongTable(income_rows, repeatRows=1, hAlign="LEFT", colWidths=[5 * cm, 7 * cm, 3 * cm])
    )
    story.append(_p(f"Abgerufene Mittel: {_eur(ledger.drawn)}", body))
    story += [Spacer(1, 0.3 * cm), _p("3. Belegliste", h2)]
    receipt_rows = [["Nr.", "Datum", "Empfänger", "Zweck", "Position", "Art", "Betrag"]]
    for receipt in ledger.receipts:  # plain cells: a Paragraph per cell is too slow for 5,000 rows
        receipt_rows.append(
            [
                str(receipt.number),
                f"{receipt.paid_on:%d.%m.%Y}",
                _short(receipt.payee, 22),
                _short(receipt.purpose, 30),
                _short(receipt.plan_line.description if receipt.plan_line else "–", 20),
                RECEIPT_KIND[receipt.kind],
                _eur(receipt.amount),
            ]
        )
    receipt_rows.append(["", "", "", "Summe Ausgaben", "", "", _eur(ledger.spent)])
    receipt_rows.append(["", "", "", "Summe Einnahmen", "", "", _eur(ledger.received)])
    # tables of one page each: splitting one long table page by page re-measures the rest of
    # it every time (quadratic in the number of receipts)
    header, body_rows = receipt_rows[0], receipt_rows[1:]
    for start in range(0, len(body_rows), RECEIPTS_PER_TABLE):
        story.append(
            LongTable(
                [header, *body_rows[start : start + RECEIPTS_PER_TABLE]],
                repeatRows=1,
                hAlign="LEFT",
                colWidths=[1 * cm, 2 * cm, 3.4 * cm, 4.4 * cm, 3.2 * cm, 1.6 * cm, 2.2 * cm],
                style=[("FONTSIZE", (0, 0), (-1, -1), 7)],
            )
        )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title="Verwendungsnachweis", author="Quartier", lang="de"
    ).build(story)
    return buffer.getvalue()


def statement_xlsx(ledger: Ledger) -> bytes:
    book = Workbook()
    bold = Font(bold=True)
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sachbericht"
    for line in _header(ledger):
        sheet.append([line])
    sheet.append([])
    sheet.append(["Sachbericht"])
    sheet.append([ledger.grant.report_text])
    plan = book.create_sheet("Zahlenmäßiger Nachweis")
    plan.append(["Position", "Kategorie", "Plan (€)", "Ist (€)", "Abweichung (%)"])
    for figure in ledger.plan_lines:
        plan_line = figure.line
        plan.append(
            [
                plan_line.description,
                str(plan_line.get_category_display()),
                plan_line.amount,
                figure.actual,
                figure.deviation_percent,
            ]
        )
    if ledger.unassigned_spent:
        plan.append(["ohne Planposition", "", None, ledger.unassigned_spent, None])
    plan.append(["Summe", "", ledger.planned_costs, ledger.spent, None])
    plan.append([])
    plan.append(["Finanzierung", "Beschreibung", "Plan (€)"])
    for item in ledger.income_lines:
        plan.append([KIND_LABELS.get(item.kind, item.kind), item.description, item.amount])
    plan.append(["Summe", "", ledger.planned_income])
    plan.append(["Abgerufene Mittel", "", ledger.drawn])
    receipts = book.create_sheet("Belegliste")
    receipts.append(["Nr.", "Datum", "Empfänger", "Zweck", "Planposition", "Art", "Betrag (€)"])
    for receipt in ledger.receipts:
        receipts.append(
            [receipt.number, receipt.paid_on, receipt.payee, receipt.purpose,
             receipt.plan_line.description if receipt.plan_line else "", RECEIPT_KIND[receipt.kind],
             receipt.amount]
        )  # fmt: skip
    receipts.append(["", "", "", "Summe Ausgaben", "", "", ledger.spent])
    receipts.append(["", "", "", "Summe Einnahmen", "", "", ledger.received])
    for ws in (plan, receipts):
        for cell in ws[1]:
            cell.font = bold
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
