"""The Period a due moment stands for, its kinds and limits, and the calendar it is read
against (month ends, the school summer holiday)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

ASAP_DAYS = 14
YEAR_ROLLOVER_DAYS = 60
# A due moment is a few words; capping the length bounds regex work on pasted junk.
MAX_PERIOD_LENGTH = 200
MAX_DATES_LENGTH = 2000
AFTER_SUMMER_END = (9, 30)  # (month, day): "na de zomer" is due by the end of September.


class PeriodKind(StrEnum):
    DATE = "date"
    ASAP = "asap"
    BEFORE_SUMMER = "before_summer"
    AFTER_SUMMER = "after_summer"
    MONTH = "month"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR_START = "year_start"
    MID_YEAR = "mid_year"
    YEAR_END = "year_end"
    YEAR = "year"
    YEARLY = "yearly"
    WEEK = "week"
    RELATIVE = "relative"
    DEADLINE = "deadline"
    RANGE = "range"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Period:
    text: str
    start: date | None
    end: date | None
    kind: str
    recurring: bool = False

    @property
    def understood(self) -> bool:
        return self.kind != PeriodKind.UNKNOWN

    def next_occurrence(self) -> Period:
        if not self.recurring:
            return self
        try:
            return replace(self, start=_shift_year(self.start), end=_shift_year(self.end))
        except (ValueError, OverflowError):
            # Year 9999 has no next year: no period to roll on to rather than a crash.
            return _unknown(self.text)

    def is_overdue(self, today: date) -> bool:
        return self.end is not None and today > self.end


def _shift_year(day: date | None) -> date | None:
    if day is None:
        return None
    year = day.year + 1
    # Keep month ends at month ends: 28 Feb 2023 -> 29 Feb 2024, 29 Feb 2024 -> 28 Feb 2025.
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return _month_end(year, day.month)
    return day.replace(year=year)


# --- School summer holiday, region Noord (Amsterdam) -------------------------------------------

# Published by the Rijksoverheid: first Saturday and last Sunday of the holiday.
SUMMER_HOLIDAY_NOORD: dict[int, tuple[date, date]] = {
    2021: (date(2021, 7, 10), date(2021, 8, 22)),
    2022: (date(2022, 7, 16), date(2022, 8, 28)),
    2023: (date(2023, 7, 15), date(2023, 8, 27)),
    2024: (date(2024, 7, 20), date(2024, 9, 1)),
    2025: (date(2025, 7, 12), date(2025, 8, 24)),
    2026: (date(2026, 7, 4), date(2026, 8, 16)),
    2027: (date(2027, 7, 10), date(2027, 8, 22)),
}
# The rotation between regions is set years ahead; until it is published for these years we
# use the fallback rule, so these three are approximate.
APPROXIMATE_SUMMER_YEARS = range(2028, 2031)
_SUMMER_HOLIDAY_DAYS = 43  # Saturday to the Sunday six weeks later, as every published year.


def summer_holiday(year: int) -> tuple[date, date]:
    """First and last day of the Noord summer holiday; approximate outside the table.

    The fallback starts on the first Saturday on or after 9 July (the middle of the
    rotation, which runs from early to late July) and lasts six weeks.
    """
    if year in SUMMER_HOLIDAY_NOORD:
        return SUMMER_HOLIDAY_NOORD[year]
    start = date(year, 7, 9)
    start += timedelta(days=(calendar.SATURDAY - start.weekday()) % 7)
    return start, start + timedelta(days=_SUMMER_HOLIDAY_DAYS)


def is_summer_holiday_published(year: int) -> bool:
    return year in SUMMER_HOLIDAY_NOORD


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _unknown(text: str) -> Period:
    return Period(text, None, None, PeriodKind.UNKNOWN)
