"""Templates: a period shape whose year is filled in afterwards, and fixed spans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from regie.meetings.periods.model import YEAR_ROLLOVER_DAYS, PeriodKind, _month_end

Span = tuple[date, date]


@dataclass(frozen=True)
class _Template:
    kind: PeriodKind
    span: Callable[[int], Span]
    year: int | None = None  # written explicitly; otherwise inferred from the reference


@dataclass(frozen=True)
class _Fixed:
    kind: PeriodKind
    start: date
    end: date


_Parsed = _Template | _Fixed


def _infer_year(template: _Template, reference: date) -> Span:
    if template.year is not None:
        return template.span(template.year)
    cutoff = reference - timedelta(days=YEAR_ROLLOVER_DAYS)
    start, end = template.span(reference.year)
    if end < cutoff:
        return template.span(reference.year + 1)
    return start, end


def _resolve(parsed: _Parsed, reference: date) -> Span:
    if isinstance(parsed, _Fixed):
        return parsed.start, parsed.end
    return _infer_year(parsed, reference)


def _month_span(month: int) -> Callable[[int], Span]:
    return lambda year: (date(year, month, 1), _month_end(year, month))


def _months_span(first: int, last: int) -> Callable[[int], Span]:
    """Months first..last; a last month before the first one falls in the next year."""

    def span(year: int) -> Span:
        end_year = year + 1 if last < first else year
        return date(year, first, 1), _month_end(end_year, last)

    return span


def _month_third_span(month: int, part: str) -> Callable[[int], Span]:
    def span(year: int) -> Span:
        if part == "begin":
            return date(year, month, 1), date(year, month, 10)
        if part == "medio":
            return date(year, month, 11), date(year, month, 20)
        return date(year, month, 21), _month_end(year, month)

    return span


def _week_span(week: int) -> Callable[[int], Span]:
    def span(year: int) -> Span:
        # Raises for week 53 of a 52-week year; parse_period turns that into UNKNOWN.
        monday = date.fromisocalendar(year, week, 1)
        return monday, monday + timedelta(days=6)

    return span
