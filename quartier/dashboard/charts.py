"""Small bar charts as inline SVG strings for the dashboard panels. Only SVG attributes
(no style attributes: the Content-Security-Policy forbids them); colours come from the
classes in dashboard.css. Each chart names itself in <title> and <desc>; the panel shows the
same data as a table beside it."""

from collections.abc import Sequence
from xml.sax.saxutils import escape

BAR_HEIGHT, GAP, LABEL_WIDTH, WIDTH = 18, 6, 150, 360


def number_text(value: float | int) -> str:
    """German number format: 1.234 and 12,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{float(value):,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def bar_chart_svg(
    title: str, description: str, bars: Sequence[tuple[str, float | int]], *, chart_id: str
) -> str:
    """Horizontal bars, one per (label, value), the value written at the end of each bar."""
    height = max(len(bars), 1) * (BAR_HEIGHT + GAP) + GAP
    highest = max([float(v) for _label, v in bars if v] or [1.0])
    plot = WIDTH - LABEL_WIDTH - 48
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="dashboard-chart" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(float(value or 0), 0.0) / highest * plot
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end" '
            f'class="chart-label">{escape(short)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'class="chart-bar chart-bar-{index % 2}"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 5}" '
            f'class="chart-value">{number_text(value or 0)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
