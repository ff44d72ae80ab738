"""Charts as server-rendered SVG: no JavaScript, no CDN, readable on a phone (the SVG scales to
the screen width; the table under it is the accessible form of the same figures).

``svg(chart)`` draws grouped bars (or lines) over the categories, one ``<g class="series">`` per
series (what the browser test counts), a legend, and an optional dashed target line.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from timeledger.reports.table import Chart

COLOURS = ("#2f6fdf", "#e0893a", "#3aa17e", "#b04fc4", "#c9443c", "#7a7a7a")
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 28, 64
MAX_CATEGORIES = 40


def _nice_max(value: Decimal) -> Decimal:
    """The axis top: 1, 2 or 5 × a power of ten at or above ``value``."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (1, 2, 5, 10):
        top = Decimal(step).scaleb(exponent)
        if top >= value:
            return top
    return Decimal(10).scaleb(exponent)


def _label(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def svg(chart: Chart | None, *, title: str = "") -> str:
    if chart is None:
        return ""
    cats = chart.categories[:MAX_CATEGORIES]
    values = [v for s in chart.series for v in s.values[: len(cats)] if v is not None]
    if chart.target is not None:
        values.append(chart.target)
    top = _nice_max(max(values, default=Decimal(0)))
    bottom_v = min([v for v in values if v < 0], default=Decimal(0))
    span = top - bottom_v or Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v) -> float:
        return TOP + float((top - Decimal(v)) / span) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet" '
        f'style="width:100%;height:auto;max-width:{WIDTH}px">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):  # grid and axis labels
        v = bottom_v + span * i / 4
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#555">{v.normalize():f}</text>'
        )
    n = max(len(cats), 1)
    band = plot_w / n
    k = max(len(chart.series), 1)
    bar = band * 0.8 / k
    zero = y(0)
    for si, series in enumerate(chart.series):
        colour = COLOURS[si % len(COLOURS)]
        out.append(f'<g class="series" data-series="{escape(series.name)}" fill="{colour}">')
        points = []
        for ci, v in enumerate(series.values[: len(cats)]):
            if v is None:
                continue
            if chart.kind == "line":
                points.append(f"{LEFT + band * (ci + 0.5):.1f},{y(v):.1f}")
                continue
            x = LEFT + band * ci + band * 0.1 + bar * si
            y0, y1 = sorted((zero, y(v)))
            out.append(
                f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar:.1f}" height="{y1 - y0:.1f}">'
                f"<title>{escape(cats[ci])}: {escape(str(v))} {escape(chart.unit)}</title></rect>"
            )
        if points:
            out.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                f'points="{" ".join(points)}"/>'
            )
        out.append("</g>")
    if chart.target is not None:
        ty = y(chart.target)
        out.append(
            f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="#c9443c" stroke-width="1.5" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{ty - 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#c9443c">target {chart.target.normalize():f}</text>'
        )
    for ci, cat in enumerate(cats):
        x = LEFT + band * (ci + 0.5)
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" font-size="10" text-anchor="end" '
            f'transform="rotate(-30 {x:.1f} {HEIGHT - BOTTOM + 14})">{escape(_label(cat))}</text>'
        )
    for si, series in enumerate(chart.series):
        x = LEFT + si * 130
        out.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{COLOURS[si % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="15" font-size="11">{escape(_label(series.name, 18))}</text>'
        )
    if chart.unit:
        out.append(
            f'<text x="{WIDTH - RIGHT}" y="15" font-size="11" text-anchor="end" '
            f'fill="#555">{escape(chart.unit)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
