"""Days written in a cell: "27 mei", "1, 5, 29 april en 13 mei 2021", "16/2", "2021-05-27"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from regie.meetings.periods.model import (
    MAX_DATES_LENGTH,
    YEAR_ROLLOVER_DAYS,
    PeriodKind,
    _safe_date,
)
from regie.meetings.periods.spans import _Fixed, _Parsed
from regie.meetings.periods.text import _MONTH, _WEEKDAY, _YEAR, _key, _month_number, _year_number

# Clock times are not dates: "(9-13 uur)" would otherwise read as 9 January.
_TIME = re.compile(
    r"\(?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:-|tot)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:uur|u)\b\s*\)?"
    r"|\(?\s*(?:om\s+)?(?<![\d.])\d{1,2}:\d{2}(?:\s*(?:uur|u)\b)?\s*\)?"
    r"|\(?\s*(?:om\s+)?(?<![\d.:/-])\d{1,2}(?:\.\d{2})?\s*uur\b\s*\)?"
)
_ISO_DATE = re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/.-])")
_TEXT_DATES = re.compile(
    r"(?<![\d/.-])(?P<days>\d{1,2}(?:\s*(?:,|&|\ben\b|t/m|-)\s*\d{1,2})*)(?:e|ste|de)?\s*"
    rf"(?P<month>{_MONTH})(?:\s*(?P<y>{_YEAR})(?!\d))?"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})"
    r"(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?!\d|[/.-]\d)"
)
# What may sit between the dates of a list and still be "just dates".
_DATE_GLUE = re.compile(
    rf"(?:\s|[,;&/().-]|\ben\b|\bof\b|t/m|\btot(?:\s+en\s+met)?\b|\bvan\b|\bop\b|{_WEEKDAY})*"
)

_DayMonthYear = tuple[int, int, int | None]


def _scan_dates(key: str) -> tuple[list[_DayMonthYear], str]:
    """Date parts in text order, and the text left over once they and clock times are removed."""
    found: list[tuple[int, _DayMonthYear]] = []
    masked = _TIME.sub(lambda m: " " * len(m[0]), key)

    def blank(match: re.Match[str]) -> str:
        return " " * len(match[0])

    for match in _ISO_DATE.finditer(masked):
        found.append((match.start(), (int(match["d"]), int(match["m"]), int(match["y"]))))
    masked = _ISO_DATE.sub(blank, masked)
    for match in _TEXT_DATES.finditer(masked):
        month = _month_number(match["month"])
        year = _year_number(match["y"]) if match["y"] else None
        for offset, day in enumerate(re.findall(r"\d{1,2}", match["days"])):
            found.append((match.start() + offset, (int(day), month, year)))
    masked = _TEXT_DATES.sub(blank, masked)
    for match in _NUMERIC_DATE.finditer(masked):
        if match["sep"] == "." and not match["y"]:
            continue  # "5.1" is an article number far more often than 5 January
        year = _numeric_year(match["y"])
        found.append((match.start(), (int(match["d"]), int(match["m"]), year)))
    masked = _NUMERIC_DATE.sub(
        lambda m: m[0] if m["sep"] == "." and not m["y"] else blank(m), masked
    )
    found.sort(key=lambda item: item[0])
    return [parts for _, parts in found], masked


def _numeric_year(word: str | None) -> int | None:
    if not word:
        return None
    return 2000 + int(word) if len(word) == 2 else int(word)


def _assign_years(parts: list[_DayMonthYear], reference: date) -> list[date]:
    """Fill in missing years: a year written later in a list applies to the days before it
    ("1, 5, 29 april en 13 mei 2021"), a list runs forward in time ("16/12 en 13/1" crosses
    New Year), and a list without any year follows the reference rule."""
    if all(year is None for _, _, year in parts):
        return _assign_years_from_reference(parts, reference)
    years: list[int | None] = [year for _, _, year in parts]
    for i in range(len(parts) - 2, -1, -1):  # backwards: borrow the next known year
        following = years[i + 1]
        if years[i] is None and following is not None:
            wraps = parts[i][1::-1] > parts[i + 1][1::-1]  # (month, day) after the next one
            years[i] = following - wraps
    for i in range(1, len(parts)):  # forwards: the tail after the last written year
        previous = years[i - 1]
        if years[i] is None and previous is not None:
            years[i] = previous + (parts[i][1::-1] < parts[i - 1][1::-1])
    return _valid_dates(parts, years)


def _assign_years_from_reference(parts: list[_DayMonthYear], reference: date) -> list[date]:
    cutoff = reference - timedelta(days=YEAR_ROLLOVER_DAYS)
    candidates = [_dates_from(parts, base) for base in (reference.year, reference.year + 1)]
    # Keep the reference year unless a day does not exist in it (29 February) or the list is
    # long past; a typo like "31/2" in a list must not move the whole list a year.
    for dates in candidates:
        if len(dates) == len(parts) and dates[-1] >= cutoff:
            return dates
    for dates in candidates:
        if dates and dates[-1] >= cutoff:
            return dates
    return candidates[-1]


def _dates_from(parts: list[_DayMonthYear], base: int) -> list[date]:
    """The list starting in year ``base``, moving to the next year when a day goes back."""
    years = [base]
    for i in range(1, len(parts)):
        years.append(years[-1] + (parts[i][1::-1] < parts[i - 1][1::-1]))
    return _valid_dates(parts, years)


def _valid_dates(parts: list[_DayMonthYear], years: Sequence[int | None]) -> list[date]:
    dates = []
    for (day, month, _), year in zip(parts, years, strict=True):
        if year is not None and (found := _safe_date(year, month, day)) is not None:
            dates.append(found)
    return dates


def parse_dates(text: str, *, reference: date) -> list[date]:
    """Every day mentioned in a termijnagenda cell, in text order; [] when there are none.

    Ranges ("1 t/m 5 april") yield their end points only. Clock times are ignored.
    """
    key = _key(text[:MAX_DATES_LENGTH])
    try:
        parts, _ = _scan_dates(key)
        return _assign_years(parts, reference) if parts else []
    except (ValueError, OverflowError):
        return []  # a reference near date.max; the agenda is better empty than broken


def _match_dates(key: str, reference: date) -> _Parsed | None:
    parts, leftover = _scan_dates(key)
    if not parts or not _DATE_GLUE.fullmatch(leftover):
        return None
    dates = _assign_years(parts, reference)
    if len(dates) != len(parts):
        return None  # "30 februari": a day that does not exist is not a due date
    kind = PeriodKind.DATE if len(dates) == 1 else PeriodKind.RANGE
    return _Fixed(kind, min(dates), max(dates))
