"""Server-rendered SVG charts for the informatiebeeld: a line chart (counts per month or
quarter, one line per series) and a bar chart (this period beside the previous one per
category).

Pure: strings and numbers in, SVG text out; the caller translates every label. Colours are
presentation attributes, not CSS, so the same chart reads alike in the page (where the CSP
allows no inline styles) and in the PDF. No line or bar is told by colour alone: each line has
its own marker and dash, the previous period's bars are hatched, and every figure stands in
the table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito: told apart by people with the common colour vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D1F")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond", "square", "circle", "diamond", "triangle")
AXIS = "#4a5560"
GRID = "#d8dee4"
TEXT = "#1a1a1a"
FONT = 'font-family="sans-serif" font-size="12"'

WIDTH = 760
LEFT = 52  # the y axis' labels
RIGHT = 16
TOP = 16
PLOT = 220  # height of the plotting area
BOTTOM = 56  # the x axis' labels
LEGEND_ROW = 20
LEGEND_COLUMNS = 3


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]


def nice_ceiling(value: int) -> tuple[int, int]:
    """The axis' top and its step: the smallest of 1, 2, 5 × 10ⁿ that gives at most five steps
    up to at least ``value``."""
    if value <= 0:
        return 1, 1
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if step * 5 >= value:
                top = -(-value // step) * step
                return top, step
        magnitude *= 10


def _open(chart_id: str, height: int, title: str, description: str, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="regie-insights-chart '
        f'regie-insights-chart--{kind}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _y_axis(top: int, step: int, plot_right: int) -> list[str]:
    parts = []
    for tick in range(0, top + 1, step):
        y = TOP + PLOT - PLOT * tick / top
        parts.append(
            f'<line x1="{LEFT}" x2="{plot_right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{AXIS}">{tick}</text>'
        )
    return parts


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
) -> str:
    """One line per series over the buckets ``x_labels``; a legend below names each line with
    its marker. Empty when there is nothing to draw."""
    if not x_labels or not series:
        return ""
    plot_right = WIDTH - RIGHT
    top, step = nice_ceiling(max((max(s.values, default=0) for s in series), default=0))
    legend_rows = -(-len(series) // LEGEND_COLUMNS)
    height = TOP + PLOT + BOTTOM + legend_rows * LEGEND_ROW + 8
    parts = _open(chart_id, height, title, description, "line")
    parts += _y_axis(top, step, plot_right)
    count = len(x_labels)
    span = (plot_right - LEFT - 24) / max(count - 1, 1)

    def x_of(i: int) -> float:
        return LEFT + 12 + (span * i if count > 1 else (plot_right - LEFT - 24) / 2)

    def y_of(value: int) -> float:
        return TOP + PLOT - PLOT * value / top

    # Every label when they fit, else every second or third: the table has all of them.
    every = max(1, -(-count * 56 // (plot_right - LEFT)))
    for i, label in enumerate(x_labels):
        x = x_of(i)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP + PLOT}" y2="{TOP + PLOT + 5}" '
            f'stroke="{AXIS}"/>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{TOP + PLOT + 20}" text-anchor="middle" '
                f'fill="{AXIS}">{escape(label)}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{plot_right}" y1="{TOP + PLOT}" y2="{TOP + PLOT}" stroke="{AXIS}"/>'
    )
    for n, line in enumerate(series):
        colour, dash, marker = (
            COLOURS[n % len(COLOURS)],
            DASHES[n % len(DASHES)],
            MARKERS[n % len(MARKERS)],
        )
        points = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in enumerate(line.values))
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<g class="regie-insights-series"><polyline points="{points}" fill="none" '
            f'stroke="{colour}" stroke-width="2"{dashing}/>'
        )
        parts += [_marker(marker, x_of(i), y_of(v), colour) for i, v in enumerate(line.values)]
        parts.append("</g>")
    column = (WIDTH - LEFT) / LEGEND_COLUMNS
    for n, line in enumerate(series):
        row, col = divmod(n, LEGEND_COLUMNS)
        x = LEFT + col * column
        y = TOP + PLOT + BOTTOM - 8 + row * LEGEND_ROW
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 26:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="2"{dashing}/>'
            + _marker(MARKERS[n % len(MARKERS)], x + 13, y, colour)
            + f'<text x="{x + 32:.1f}" y="{y + 4:.1f}" fill="{TEXT}">'
            f"{escape(_short(line.label, 30))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


BAR_LABEL = 210  # width of the category names
BAR = 13  # height of one bar
BAR_GAP = 12  # space between categories
BAR_HEAD = 30  # the legend above the bars


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[tuple[str, int, int]],
    current_label: str,
    previous_label: str,
) -> str:
    """Per category (name, this period, previous period) two bars, this period solid above
    the previous one hatched, each ending in its number. Empty when there is nothing to draw."""
    if not categories:
        return ""
    width_for_bars = WIDTH - BAR_LABEL - 60
    top, _step = nice_ceiling(max(max(c, p) for _n, c, p in categories))
    group = 2 * BAR + BAR_GAP
    height = BAR_HEAD + group * len(categories) + 8
    parts = _open(chart_id, height, title, description, "bar")
    colour = COLOURS[0]
    hatch = f"{chart_id}-hatch"
    parts.append(
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{AXIS}" stroke-width="3"/></pattern></defs>'
    )
    parts.append(
        f'<rect x="{BAR_LABEL}" y="6" width="14" height="12" fill="{colour}"/>'
        f'<text x="{BAR_LABEL + 20}" y="16" fill="{TEXT}">{escape(current_label)}</text>'
        f'<rect x="{BAR_LABEL + 240}" y="6" width="14" height="12" fill="url(#{hatch})" '
        f'stroke="{AXIS}"/>'
        f'<text x="{BAR_LABEL + 260}" y="16" fill="{TEXT}">{escape(previous_label)}</text>'
    )
    for n, (name, current, previous) in enumerate(categories):
        y = BAR_HEAD + n * group
        parts.append(
            f'<text x="{BAR_LABEL - 8}" y="{y + BAR + 4}" text-anchor="end" fill="{TEXT}">'
            f"{escape(_short(name, 32))}</text>"
        )
        for lane, (value, fill, stroke) in enumerate(
            ((current, colour, colour), (previous, f"url(#{hatch})", AXIS))
        ):
            width = width_for_bars * value / top
            bar_y = y + lane * BAR
            parts.append(
                f'<rect x="{BAR_LABEL}" y="{bar_y + 1}" width="{width:.1f}" height="{BAR - 2}" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="0.5"/>'
                f'<text x="{BAR_LABEL + width + 6:.1f}" y="{bar_y + BAR - 2}" fill="{TEXT}" '
                f'font-size="11">{value}</text>'
            )
    parts.append(
        f'<line x1="{BAR_LABEL}" x2="{BAR_LABEL}" y1="{BAR_HEAD - 4}" y2="{height - 6}" '
        f'stroke="{AXIS}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
