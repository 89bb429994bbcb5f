"""The ZRM chart as server-rendered SVG: one small line chart per life domain.

Readable without colour: every point carries its score as text, the y axis is labelled 1–5 and
each row is titled with its domain; a data table alternative is rendered beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from regie.cases.models import LifeDomain

WIDTH = 520
ROW = 46
LABEL = 190
PAD = 40


@dataclass
class ZrmTable:
    dates: list[str]
    rows: list[tuple[str, list[int | None]]]


def table(assessments: list[tuple[date, dict[int, int]]], domains: list[LifeDomain]) -> ZrmTable:
    """``assessments``: in date order, each its date and its scores by life domain id."""
    dates = [assessed_on.isoformat() for assessed_on, _ in assessments]
    by_assessment = [scores for _, scores in assessments]
    rows = [(d.name, [scores.get(d.pk) for scores in by_assessment]) for d in domains]
    rows = [(name, values) for name, values in rows if any(v is not None for v in values)]
    return ZrmTable(dates, rows)


def svg(data: ZrmTable, title: str) -> str:
    if not data.dates or not data.rows:
        return ""
    plot = WIDTH - LABEL - PAD * 2
    count = len(data.dates)
    step = plot / max(count - 1, 1)
    height = ROW * len(data.rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="regie-zrm-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="zrm-title">',
        f'<title id="zrm-title">{escape(title)}</title>',
    ]
    for i, day in enumerate(data.dates):
        x = LABEL + PAD + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" class="zrm-axis">'
            f"{escape(day)}</text>"
        )
    for r, (name, values) in enumerate(data.rows):
        top = r * ROW + 6
        base = top + ROW - 12

        def y(score: int, top: float = top, base: float = base) -> float:
            return base - (score - 1) * (base - top - 6) / 4

        parts.append(
            f'<g class="zrm-row"><text x="0" y="{(top + base) / 2 + 4:.1f}" '
            f'class="zrm-domain">{escape(name)}</text>'
        )
        parts.append(
            f'<line x1="{LABEL + PAD}" x2="{WIDTH - PAD}" y1="{base}" y2="{base}" '
            'class="zrm-baseline"/>'
        )
        points = [(LABEL + PAD + i * step, v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y(v):.1f}" for x, v in points)
            parts.append(f'<polyline points="{path}" class="zrm-line"/>')
        for x, v in points:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y(v):.1f}" r="9" class="zrm-point"/>'
                f'<text x="{x:.1f}" y="{y(v) + 4:.1f}" text-anchor="middle" '
                f'class="zrm-score">{v}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
