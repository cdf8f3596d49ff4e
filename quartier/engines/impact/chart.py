"""A chart of one indicator – achieved value per period against its target – as an inline SVG
string (pure Python, no Django). The SVG has a <title> and a <desc> that say what it shows;
the page puts the same data as a table beside it."""

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 40


def _fmt(value: Decimal | float) -> str:
    number = float(value)
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def _scale(points: Sequence[tuple[str, Decimal | None, Decimal | None]]) -> float:
    highest = max([float(v) for _, a, t in points for v in (a, t) if v is not None] or [1.0])
    if highest <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(highest))) - 1)
    return float((int(highest / magnitude) + 1) * magnitude)


def indicator_chart_svg(
    title: str,
    description: str,
    points: Sequence[tuple[str, Decimal | None, Decimal | None]],
    *,
    chart_id: str,
    achieved_label: str = "erreicht",
    target_label: str = "Ziel",
) -> str:
    """`points` are (period label, achieved, target). Achieved values are bars, targets a
    dashed line with markers; both keep their shape in grey print (pattern, not colour)."""
    top = _scale(points)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points), 1)

    def y(value: Decimal | float) -> float:
        return TOP + plot_h - float(value) / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="impact-chart" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for fraction in (0, 0.5, 1):
        gy = TOP + plot_h - fraction * plot_h
        parts.append(
            f'<line x1="{LEFT}" y1="{gy:.1f}" x2="{WIDTH - RIGHT}" y2="{gy:.1f}" '
            f'stroke="#bbb" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{gy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{_fmt(top * fraction)}</text>'
        )
    target_coords = []
    every = max(1, len(points) // 8)
    for index, (label, reached, target) in enumerate(points):
        x = LEFT + index * step
        if reached is not None:
            bar_y = y(reached)
            parts.append(
                f'<rect x="{x + step * 0.2:.1f}" y="{bar_y:.1f}" width="{step * 0.6:.1f}" '
                f'height="{TOP + plot_h - bar_y:.1f}" fill="#1d5d90"/>'
            )
        if target is not None:
            target_coords.append((x + step / 2, y(target)))
        if index % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'font-size="11" fill="#333">{escape(label)}</text>'
            )
    if target_coords:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in target_coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#b3261e" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
        parts.extend(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="#b3261e"/>'
            for cx, cy in target_coords
        )
    legend_y = HEIGHT - 8
    parts.append(
        f'<rect x="{LEFT}" y="{legend_y - 9}" width="10" height="10" fill="#1d5d90"/>'
        f'<text x="{LEFT + 14}" y="{legend_y}" font-size="11" fill="#333">'
        f"{escape(achieved_label)}</text>"
        f'<line x1="{LEFT + 110}" y1="{legend_y - 4}" x2="{LEFT + 134}" y2="{legend_y - 4}" '
        f'stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{LEFT + 138}" y="{legend_y}" font-size="11" fill="#333">'
        f"{escape(target_label)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def chart_description(
    points: Sequence[tuple[str, Decimal | None, Decimal | None]], unit: str
) -> str:
    """A sentence per period for the <desc>: `März 2026: 380 Besuche, Ziel 400`."""
    pieces = []
    for label, reached, target in points:
        text = f"{label}: {_fmt(reached) if reached is not None else '–'}"
        if unit and reached is not None:
            text += f" {unit}"
        if target is not None:
            text += f", Ziel {_fmt(target)}"
        pieces.append(text)
    return "; ".join(pieces)
