"""The trends as the page and the confidential PDF show them: per breakdown a chart (the
theme's lines over the months, the other breakdowns' totals beside the previous period) with
its description, above the table that carries every figure."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.dates import long_date
from regie.intake.insights import svg
from regie.intake.insights.counts import Breakdown, Trends
from regie.intake.insights.period import Grain, Period

# More lines than this are a tangle: the chart draws the largest themes, the table has all.
LINES = 8


@dataclass(frozen=True)
class Section:
    breakdown: Breakdown
    heading: str
    caption: str
    chart: SafeString
    note: str


def period_text(period: Period) -> str:
    return _("%(first)s up to and including %(last)s") % {
        "first": long_date(period.first),
        "last": long_date(period.last_day),
    }


def _per(grain: Grain) -> str:
    return _("per quarter") if grain is Grain.QUARTER else _("per month")


def _theme_chart(trends: Trends, breakdown: Breakdown, chart_id: str) -> tuple[str, str]:
    ranked = sorted(breakdown.rows, key=lambda r: (-r.total, r.label))[:LINES]
    shown = [r for r in breakdown.rows if r in ranked]
    title = _("Signals per theme %(per)s") % {"per": _per(trends.period.grain)}
    lines = [
        f"{r.label}: "
        + ", ".join(
            f"{label} {n}" for label, n in zip(breakdown.column_labels, r.cells, strict=True)
        )
        for r in shown
    ]
    description = " ".join(
        [
            _("Period %(period)s.") % {"period": period_text(trends.period)},
            *(line + "." for line in lines),
        ]
    )
    chart = svg.line_chart(
        chart_id,
        title,
        description,
        breakdown.column_labels,
        [svg.Series(r.label, r.cells) for r in shown],
    )
    note = ""
    if len(breakdown.rows) > len(shown):
        note = _("The chart shows the %(n)d themes with the most signals; the table shows all.") % {
            "n": len(shown)
        }
    return chart, note


def _bar_chart(trends: Trends, breakdown: Breakdown, chart_id: str) -> str:
    title = _("Signals per %(dimension)s, this period and the previous period") % {
        "dimension": breakdown.title.lower()
    }
    description = " ".join(
        [
            _("This period %(period)s, the previous period %(previous)s.")
            % {
                "period": period_text(trends.period),
                "previous": period_text(trends.period.previous),
            },
            *(
                _("%(name)s: %(current)d, previously %(previous)d.")
                % {"name": r.label, "current": r.total, "previous": r.previous}
                for r in breakdown.rows
            ),
        ]
    )
    return svg.bar_chart(
        chart_id,
        title,
        description,
        [(r.label, r.total, r.previous) for r in breakdown.rows],
        _("this period"),
        _("previous period"),
    )


HEADINGS = {
    "thema": (
        gettext_lazy("Per theme"),
        gettext_lazy("Signals per theme; a signal with several themes counts in each of them"),
    ),
    "stadsdeel": (
        gettext_lazy("Per district"),
        gettext_lazy("Signals per district or municipality of the person"),
    ),
    "bron": (
        gettext_lazy("Per source type"),
        gettext_lazy("Signals per type of the source organisation"),
    ),
    "uitkomst": (
        gettext_lazy("Per triage outcome"),
        gettext_lazy("Signals per outcome of the Weegploeg's triage"),
    ),
}


def sections(trends: Trends, prefix: str = "trend") -> list[Section]:
    """One section per breakdown; ``prefix`` keeps the charts' ids apart in one document."""
    found = []
    for breakdown in trends.breakdowns:
        chart_id = f"{prefix}-{breakdown.key}"
        note = ""
        if breakdown.key == "thema":
            chart, note = _theme_chart(trends, breakdown, chart_id)
        else:
            chart = _bar_chart(trends, breakdown, chart_id)
        heading, caption = HEADINGS[breakdown.key]
        # The SVG escapes every text it writes (``insights.svg``).
        found.append(Section(breakdown, str(heading), str(caption), mark_safe(chart), note))  # noqa: S308
    return found
