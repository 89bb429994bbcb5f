"""The period the trends are counted over: whole months or whole quarters, and the period of
equal length that ends where it begins (what the counts are compared with).

Pure: dates in, dates out, no Django. The form that reads a period from the query string is
``insights.forms``; the counting is ``insights.counts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Grain(StrEnum):
    MONTH = "maand"
    QUARTER = "kwartaal"

    @property
    def months(self) -> int:
        return 3 if self is Grain.QUARTER else 1


# More buckets than this make an unreadable chart and a table nobody scrolls: five years.
MAX_MONTHS = 60
DEFAULT_MONTHS = 12


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, end: date) -> int:
    """Whole months from the month of ``first`` to the month of ``end``."""
    return (end.year - first.year) * 12 + end.month - first.month


def bucket_start(day: date, grain: Grain) -> date:
    """The first day of the month or quarter ``day`` falls in."""
    month = day.month - (day.month - 1) % grain.months
    return date(day.year, month, 1)


@dataclass(frozen=True)
class Period:
    """``first`` (the first day of the first bucket) up to ``end`` (the first day after the
    last bucket, exclusive), counted per ``grain``. Both lie on the grain's boundaries."""

    first: date
    end: date
    grain: Grain

    def __post_init__(self) -> None:
        if bucket_start(self.first, self.grain) != self.first:
            raise ValueError(f"{self.first} does not start a {self.grain}")
        if bucket_start(self.end, self.grain) != self.end:
            raise ValueError(f"{self.end} does not start a {self.grain}")
        if self.end <= self.first:
            raise ValueError("a period ends after it begins")

    @property
    def months(self) -> int:
        return months_between(self.first, self.end)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def buckets(self) -> tuple[date, ...]:
        """The first day of each month or quarter of the period, in order."""
        step = self.grain.months
        return tuple(add_months(self.first, i) for i in range(0, self.months, step))

    @property
    def previous(self) -> Period:
        """The period of the same length that ends where this one begins."""
        return Period(add_months(self.first, -self.months), self.first, self.grain)


def make(first_month: date, last_month: date, grain: Grain) -> Period:
    """The period from the month of ``first_month`` up to and including the month of
    ``last_month``, widened to whole quarters when counted per quarter."""
    first = bucket_start(first_month, grain)
    end = add_months(bucket_start(last_month, grain), grain.months)
    return Period(first, end, grain)


def default(today: date, grain: Grain = Grain.MONTH) -> Period:
    """The last twelve full months (or the last four full quarters) before ``today``."""
    end = bucket_start(today, grain)
    return Period(add_months(end, -DEFAULT_MONTHS), end, grain)
