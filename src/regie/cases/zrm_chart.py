"""The ZRM chart as server-rendered SVG, laid out as the Zelfredzaamheid-Matrix itself presents
scores: one row per life domain, five columns for the levels 1 (acute problems) to 5 (fully
self-reliant), labelled at the top of the grid.

Each assessment is a bar in the domain's row, side by side (the oldest on top, the newest at the
bottom and drawn solid); a bar reaches the column of its score and ends in that score as text.
The change between the last two assessments is written in the right-hand column as an arrow
and a signed number ("▲ +2", "▼ −1", "= 0"), so it is read without colour. A data table with
the same figures and the change stands beside it (``detail.html``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.cases.models import LifeDomain
from regie.core.dates import short_date

# Levels of the ZRM, as the matrix names them.
LEVELS = (
    (1, gettext_lazy("acute problems")),
    (2, gettext_lazy("not self-reliant")),
    (3, gettext_lazy("barely self-reliant")),
    (4, gettext_lazy("sufficiently self-reliant")),
    (5, gettext_lazy("fully self-reliant")),
)
# The chart shows up to this many of the latest assessments; the table shows all.
SHOWN = 4

LABEL = 196  # width of the domain names
CELL = 78  # width of one level
CHANGE = 78  # width of the change column
HEAD = 60  # height of the level labels
LANE = 16  # height of one assessment's bar
GAP = 10  # space between domains
WIDTH = LABEL + 5 * CELL + CHANGE


@dataclass(frozen=True)
class ZrmRow:
    name: str
    values: list[int | None]
    change: int | None  # latest minus the one before, when both scored this domain

    @property
    def change_text(self) -> str:
        return change_text(self.change)

    @property
    def change_label(self) -> str:
        return change_label(self.change)


@dataclass
class ZrmTable:
    dates: list[date]
    rows: list[ZrmRow]

    @property
    def compares(self) -> bool:
        return len(self.dates) > 1


def table(assessments: list[tuple[date, dict[int, int]]], domains: list[LifeDomain]) -> ZrmTable:
    """``assessments``: in date order, each its date and its scores by life domain id."""
    dates = [assessed_on for assessed_on, _scores in assessments]
    by_assessment = [scores for _day, scores in assessments]
    rows = []
    for domain in domains:
        values = [scores.get(domain.pk) for scores in by_assessment]
        if all(v is None for v in values):
            continue
        change = None
        if len(values) > 1 and values[-1] is not None and values[-2] is not None:
            change = values[-1] - values[-2]
        rows.append(ZrmRow(domain.name, values, change))
    return ZrmTable(dates, rows)


def change_text(change: int | None) -> str:
    """An arrow and a signed number: ``▲ +2``, ``▼ −1``, ``= 0``; empty when not comparable."""
    if change is None:
        return ""
    if change > 0:
        return f"▲ +{change}"
    if change < 0:
        return f"▼ −{-change}"
    return "= 0"


def change_label(change: int | None) -> str:
    """The change in words, for screen readers and the chart's description."""
    if change is None:
        return _("not comparable")
    if change > 0:
        return _("up %(n)d") % {"n": change}
    if change < 0:
        return _("down %(n)d") % {"n": -change}
    return _("unchanged")


def svg(data: ZrmTable, title: str) -> str:
    if not data.dates or not data.rows:
        return ""
    first = max(len(data.dates) - SHOWN, 0)
    dates = data.dates[first:]
    lanes = len(dates)
    row_height = lanes * LANE + GAP
    height = HEAD + row_height * len(data.rows) + 6
    grid_left = LABEL
    grid_right = LABEL + 5 * CELL
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="regie-zrm-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="zrm-title zrm-desc">',
        f'<title id="zrm-title">{escape(title)}</title>',
        f'<desc id="zrm-desc">{escape(_description(data, dates))}</desc>',
    ]
    # The five levels as columns, labelled at the top of the grid.
    for level, name in LEVELS:
        left = grid_left + (level - 1) * CELL
        parts.append(
            f'<rect x="{left}" y="{HEAD - 4}" width="{CELL}" height="{height - HEAD - 2}" '
            f'class="zrm-level zrm-level--{level}"/>'
            f'<text x="{left + CELL / 2:.1f}" y="14" text-anchor="middle" class="zrm-level-number">'
            f"{level}</text>" + _two_lines(str(name), left + CELL / 2, 32, "zrm-level-name")
        )
    if data.compares:
        parts.append(_two_lines(_("difference"), grid_right + CHANGE / 2, 32, "zrm-level-name"))
    for r, row in enumerate(data.rows):
        top = HEAD + r * row_height
        parts.append(
            f'<g class="zrm-row"><text x="0" y="{top + (lanes * LANE) / 2 + 4:.1f}" '
            f'class="zrm-domain">{escape(row.name)}</text>'
        )
        if r:
            parts.append(
                f'<line x1="0" x2="{WIDTH}" y1="{top - GAP / 2:.1f}" y2="{top - GAP / 2:.1f}" '
                'class="zrm-separator"/>'
            )
        for lane, value in enumerate(row.values[first:]):
            y = top + lane * LANE
            latest = lane == lanes - 1
            kind = "zrm-bar zrm-bar--latest" if latest else "zrm-bar"
            if value is None:
                parts.append(
                    f'<text x="{grid_left + 6}" y="{y + LANE - 4}" class="zrm-missing">'
                    f"{escape(_('not scored'))}</text>"
                )
                continue
            right = grid_left + value * CELL
            parts.append(
                f'<rect x="{grid_left}" y="{y + 2}" width="{right - grid_left - 2}" '
                f'height="{LANE - 4}" rx="2" class="{kind}"/>'
                f'<text x="{right - 6}" y="{y + LANE - 4}" text-anchor="end" '
                f'class="zrm-score{" zrm-score--latest" if latest else ""}">{value}</text>'
            )
        if row.change is not None:
            parts.append(
                f'<text x="{grid_right + CHANGE / 2:.1f}" '
                f'y="{top + (lanes * LANE) / 2 + 5:.1f}" text-anchor="middle" '
                f'class="zrm-change zrm-change--{_direction(row.change)}">'
                f"{escape(row.change_text)}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def legend(data: ZrmTable) -> list[tuple[str, str]]:
    """The chart's key: for each assessment shown, its bar's kind and its date (oldest first)."""
    first = max(len(data.dates) - SHOWN, 0)
    shown = data.dates[first:]
    return [
        ("latest" if i == len(shown) - 1 else "earlier", short_date(day))
        for i, day in enumerate(shown)
    ]


def _direction(change: int) -> str:
    return "up" if change > 0 else "down" if change < 0 else "same"


def _two_lines(text: str, x: float, y: float, kind: str) -> str:
    """``text`` centred at ``x``: its first word on one line, the rest on the next."""
    first, _sep, rest = text.partition(" ")
    lines = [first, rest] if rest else [first]
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 13}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y}" text-anchor="middle" class="{kind}">{spans}</text>'


def _description(data: ZrmTable, dates: list[date]) -> str:
    parts = [_("Assessments of %(dates)s.") % {"dates": ", ".join(short_date(d) for d in dates)}]
    for row in data.rows:
        scores = ", ".join("—" if v is None else str(v) for v in row.values[-len(dates) :])
        text = f"{row.name}: {scores}"
        if row.change is not None:
            text += f" ({row.change_label})"
        parts.append(text + ".")
    return " ".join(parts)
