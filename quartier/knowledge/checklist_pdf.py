"""A checklist run as a PDF (ReportLab, like the interim-use agreement of the places area):
title, actor, checklist, progress, and each section with its items, ticked or open, with who
ticked them and when."""

import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from quartier.knowledge.models import ChecklistRun


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text), style)


def _person(user: object) -> str:
    name = user.get_full_name() if user is not None else ""  # type: ignore[attr-defined]
    return name or "ein Mitglied"


def run_pdf(run: ChecklistRun) -> bytes:
    """`run` comes with its items and their `done_by` loaded (selectors.access_run)."""
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    with translation.override("de"):
        story = [
            _p(run.title, h1),
            _p(f"Checkliste: {run.checklist_title}", body),
            _p(f"Für: {run.actor.name}", body),
            _p(
                f"Stand: {formats.date_format(timezone.localtime(), 'd.m.Y H:i')} – "
                f"{run.done_count} von {run.item_count} erledigt",
                body,
            ),
            Spacer(1, 0.4 * cm),
        ]
        section = None
        rows: list[list[Paragraph]] = []
        for item in run.items.all():
            if item.section != section:
                if rows:
                    story.append(Table(rows, colWidths=[1.4 * cm, 9.6 * cm, 5 * cm]))
                    rows = []
                section = item.section
                if section:
                    story.append(_p(section, h2))
            state = "[x]" if item.done else "[ ]"
            when = (
                f"{_person(item.done_by)}, "
                f"{formats.date_format(timezone.localtime(item.done_at), 'd.m.Y H:i')}"
                if item.done_at
                else "offen"
            )
            rows.append([_p(state, body), _p(item.text, body), _p(when, body)])
        if rows:
            story.append(Table(rows, colWidths=[1.4 * cm, 9.6 * cm, 5 * cm]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=run.title, author="Quartier")
    document.build(story)
    return buffer.getvalue()
