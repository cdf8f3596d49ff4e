"""The Verwendungsnachweis (statement of use) of a grant as PDF (ReportLab) and XLSX
(openpyxl): Sachbericht, zahlenmäßiger Nachweis (plan against actual per line and the
financing), Belegliste. Every sum is computed in cents from the same ledger, so the PDF,
the workbook and the page reconcile to the cent."""

import io
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

from quartier.engines.eligibility import eur, to_cents
from quartier.funding.pdf_rows import Column, TextRows
from quartier.funding.sachbericht import sachbericht_of
from quartier.funding.selectors import Ledger

KIND_LABELS = {
    "grant": "Zuwendung",
    "own_funds": "Eigenmittel",
    "other_funder": "Andere Förderer",
    "volunteer": "Ehrenamtliche Stunden (bewertet)",
    "in_kind": "Sachleistungen",
}
BOLD = Font(bold=True)
RECEIPT_KIND = {"expense": "Ausgabe", "income": "Einnahme"}
RECEIPT_COLUMNS = [
    Column(1 * cm, "right"),
    Column(1.7 * cm),
    Column(3.6 * cm),
    Column(4.6 * cm),
    Column(3.2 * cm),
    Column(1.5 * cm),
    Column(2.2 * cm, "right"),
]


def _eur(value: Decimal) -> str:
    return eur(to_cents(value))


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


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
    ]
    story += [_p(block, body) for block in sachbericht_of(ledger.grant).split("\n\n")]
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
    receipt_rows = [
        (
            str(receipt.number),
            f"{receipt.paid_on:%d.%m.%Y}",
            receipt.payee,
            receipt.purpose,
            receipt.plan_line or "–",
            RECEIPT_KIND[receipt.kind],
            _eur(receipt.amount),
        )
        for receipt in ledger.receipts
    ]
    receipt_rows.append(("", "", "", "Summe Ausgaben", "", "", _eur(ledger.spent)))
    receipt_rows.append(("", "", "", "Summe Einnahmen", "", "", _eur(ledger.received)))
    story.append(
        TextRows(
            ("Nr.", "Datum", "Empfänger", "Zweck", "Position", "Art", "Betrag"),
            receipt_rows,
            RECEIPT_COLUMNS,
            bold_from=len(receipt_rows) - 2,
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title="Verwendungsnachweis", author="Quartier", lang="de"
    ).build(story)
    return buffer.getvalue()


def _cell(ws: Any, value: Any, *, bold: bool = False) -> Any:
    cell = WriteOnlyCell(ws, value)
    if bold:
        cell.font = BOLD
    if isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    return cell


def statement_xlsx(ledger: Ledger) -> bytes:
    """Write-only workbook (streamed rows): the Belegliste of a large grant stays fast."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sachbericht")
    for line in _header(ledger):
        sheet.append([line])
    sheet.append([])
    sheet.append([_cell(sheet, "Sachbericht", bold=True)])
    for block in sachbericht_of(ledger.grant).split("\n\n"):
        sheet.append([block])

    plan = book.create_sheet("Zahlenmäßiger Nachweis")

    def cells(ws: Any, values: list[Any]) -> list[Any]:
        return [_cell(ws, value) if isinstance(value, Decimal) else value for value in values]

    def head(ws: Any, values: list[str]) -> list[Any]:
        return [_cell(ws, value, bold=True) for value in values]

    plan.append(head(plan, ["Position", "Kategorie", "Plan (€)", "Ist (€)", "Abweichung (%)"]))
    for figure in ledger.plan_lines:
        plan_line = figure.line
        plan.append(
            cells(
                plan,
                [
                    plan_line.description,
                    str(plan_line.get_category_display()),
                    plan_line.amount,
                    figure.actual,
                    figure.deviation_percent,
                ],
            )
        )
    if ledger.unassigned_spent:
        plan.append(cells(plan, ["ohne Planposition", "", None, ledger.unassigned_spent, None]))
    plan.append(cells(plan, ["Summe", "", ledger.planned_costs, ledger.spent, None]))
    plan.append([])
    plan.append(head(plan, ["Finanzierung", "Beschreibung", "Plan (€)"]))
    for item in ledger.income_lines:
        plan.append(
            cells(plan, [KIND_LABELS.get(item.kind, item.kind), item.description, item.amount])
        )
    plan.append(cells(plan, ["Summe", "", ledger.planned_income]))
    plan.append(cells(plan, ["Abgerufene Mittel", "", ledger.drawn]))

    receipts = book.create_sheet("Belegliste")
    receipts.append(
        head(receipts, ["Nr.", "Datum", "Empfänger", "Zweck", "Planposition", "Art", "Betrag (€)"])
    )
    for receipt in ledger.receipts:
        receipts.append(
            [receipt.number, receipt.paid_on, receipt.payee, receipt.purpose, receipt.plan_line,
             RECEIPT_KIND[receipt.kind],
             _cell(receipts, receipt.amount)]
        )  # fmt: skip
    receipts.append(cells(receipts, ["", "", "", "Summe Ausgaben", "", "", ledger.spent]))
    receipts.append(cells(receipts, ["", "", "", "Summe Einnahmen", "", "", ledger.received]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
