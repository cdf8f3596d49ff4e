"""A long list of plain-text rows for ReportLab, fast enough for the Belegliste of a grant
with thousands of receipts.

A `Table` measures every cell, draws every cell with its own text object and, split page
by page, measures the rest again; 5,000 receipts took seconds. `TextRows` knows its row
height in advance, splits by arithmetic and draws each page's rows with one text object
(the header repeated on every page). Cells are strings, cut to fit their column."""

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import black, lightgrey
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

FONT = "Helvetica"
BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class Column:
    width: float
    align: str = "left"  # or "right"


class TextRows(Flowable):
    """`rows` under a bold `header`; `bold_from` (an index into `rows`) starts the bold
    footer rows (sums), set off by a rule."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        columns: Sequence[Column],
        *,
        font_size: float = 7,
        leading: float = 9,
        padding: float = 2,
        bold_from: int | None = None,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = rows
        self.columns = list(columns)
        self.font_size = font_size
        self.leading = leading
        self.padding = padding
        self.bold_from = bold_from
        self.width = sum(c.width for c in self.columns)
        self.height = self.leading * (len(self.rows) + 1)
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _part(self, rows: Sequence[Sequence[str]], bold_from: int | None) -> "TextRows":
        return TextRows(
            self.header,
            rows,
            self.columns,
            font_size=self.font_size,
            leading=self.leading,
            padding=self.padding,
            bold_from=bold_from,
        )

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int(available_height // self.leading) - 1  # the header takes a row
        if fit < 1:
            return []
        if fit >= len(self.rows):
            return [self]
        bold = self.bold_from
        first = self._part(self.rows[:fit], bold if bold is not None and bold < fit else None)
        rest = self._part(self.rows[fit:], None if bold is None else max(bold - fit, 0))
        return [first, rest]

    def _fit(self, value: str, width: float, font: str) -> tuple[str, float]:
        """The value, cut with "…" where it is wider than its column, and its width."""
        room = width - 2 * self.padding
        measured = stringWidth(value, font, self.font_size)
        if measured <= room:
            return value, measured
        while value and stringWidth(value + "…", font, self.font_size) > room:
            value = value[:-1]
        return value + "…", stringWidth(value + "…", font, self.font_size)

    def draw(self) -> None:
        canvas = self.canv
        text = canvas.beginText()
        y = self.height - self.leading + (self.leading - self.font_size) / 2 + 1
        lefts = []
        x = 0.0
        for column in self.columns:
            lefts.append(x)
            x += column.width
        for index, row in enumerate([self.header, *self.rows]):
            font = (
                BOLD
                if index == 0 or (self.bold_from is not None and index - 1 >= self.bold_from)
                else FONT
            )
            text.setFont(font, self.font_size)
            for value, column, left in zip(row, self.columns, lefts, strict=False):
                if not value:
                    continue
                value, measured = self._fit(value, column.width, font)
                if column.align == "right":
                    start = left + column.width - self.padding - measured
                else:
                    start = left + self.padding
                text.setTextOrigin(start, y)
                text.textOut(value)
            y -= self.leading
        canvas.drawText(text)
        canvas.setStrokeColor(lightgrey)
        canvas.setLineWidth(0.5)
        rule = self.height - self.leading
        canvas.line(0, rule, self.width, rule)
        if self.bold_from is not None:
            rule = self.height - self.leading * (self.bold_from + 1)
            canvas.setStrokeColor(black)
            canvas.line(0, rule, self.width, rule)
