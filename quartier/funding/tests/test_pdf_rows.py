import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate

from quartier.funding.pdf_rows import Column, TextRows


def test_a_long_list_runs_over_pages_with_its_header_on_each_and_cuts_what_is_too_wide():
    rows = [(str(n), f"Empfänger {n}", f"{n},00 €") for n in range(1, 301)]
    rows[0] = ("1", "Ein sehr langer Name einer Firma, der nicht in die Spalte passt", "1,00 €")
    rows.append(("", "Summe", "45.150,00 €"))
    buffer = io.BytesIO()
    columns = [Column(1 * cm, "right"), Column(3 * cm), Column(2.5 * cm, "right")]
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [TextRows(("Nr.", "Empfänger", "Betrag"), rows, columns, bold_from=len(rows) - 1)]
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    assert len(pages) >= 3
    assert all(page.count("Betrag") == 1 for page in pages)  # the header on every page
    text = "\n".join(pages)
    assert all(f"Empfänger {n}" in text for n in range(2, 301))
    assert "Ein sehr langer" in text and "nicht in die Spalte passt" not in text and "…" in text
    assert "45.150,00 €" in pages[-1]
