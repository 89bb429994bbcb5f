"""The atomic matchers: each reads one kind of due moment from the normalised key."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from regie.meetings.periods.model import AFTER_SUMMER_END, ASAP_DAYS, PeriodKind, summer_holiday
from regie.meetings.periods.spans import (
    _Fixed,
    _month_span,
    _month_third_span,
    _months_span,
    _Parsed,
    _Template,
    _week_span,
)
from regie.meetings.periods.text import (
    _MONTH,
    _NEXT_YEAR,
    _ORDINAL,
    _ORDINALS,
    _THIS_YEAR,
    _YEAR,
    _month_number,
    _year_number,
)

Matcher = Callable[[str, date], "_Parsed | None"]

_ASAP = re.compile(
    r"z\s?\.?\s?s\s?\.?\s?m\.?|zo\s+(?:spoedig|snel)\s+(?:als\s+)?mogelijk|asap|a\.s\.a\.p\.?"
)


def _match_asap(key: str, reference: date) -> _Parsed | None:
    if not _ASAP.fullmatch(key):
        return None
    return _Fixed(PeriodKind.ASAP, reference, reference + timedelta(days=ASAP_DAYS))


_SUMMER_WORD = r"(?:de\s+)?zomer(?:vakantie|reces)?"
_BEFORE_SUMMER = re.compile(
    rf"(?:(?:nog\s+)?(?:voor|uiterlijk\s+voor)|tot)\s+{_SUMMER_WORD}(?:\s+(?P<year>{_YEAR}))?"
)
_AFTER_SUMMER = re.compile(
    rf"(?:(?:direct|meteen|vlak|kort)\s+)?na\s+{_SUMMER_WORD}(?:\s+(?P<year>{_YEAR}))?"
)


def _match_before_summer(key: str, reference: date) -> _Parsed | None:
    match = _BEFORE_SUMMER.fullmatch(key)
    if not match:
        return None
    if match["year"]:
        year = _year_number(match["year"])
    else:
        # Once the holiday has begun, "voor de zomer" can only mean next year's.
        year = reference.year + (reference >= summer_holiday(reference.year)[0])
    end = summer_holiday(year)[0] - timedelta(days=1)
    start = reference if reference <= end else date(year, 1, 1)
    return _Fixed(PeriodKind.BEFORE_SUMMER, start, end)


def _match_after_summer(key: str, reference: date) -> _Parsed | None:
    match = _AFTER_SUMMER.fullmatch(key)
    if not match:
        return None
    if match["year"]:
        year = _year_number(match["year"])
    else:
        year = reference.year + (reference > summer_holiday(reference.year)[1])
    start = summer_holiday(year)[1] + timedelta(days=1)
    return _Fixed(PeriodKind.AFTER_SUMMER, start, date(year, *AFTER_SUMMER_END))


def _explicit_year(word: str | None, reference: date) -> int | None:
    """A written year, or the reference-relative "dit jaar" / "volgend jaar"."""
    if not word:
        return None
    if re.fullmatch(_THIS_YEAR, word):
        return reference.year
    if re.fullmatch(_NEXT_YEAR, word):
        return reference.year + 1
    return _year_number(word)


_ANY_YEAR = rf"(?P<year>{_YEAR}|{_NEXT_YEAR}|{_THIS_YEAR})"
_FILLER = r"(?:(?:in|rond|omstreeks|circa|ca\.?|ergens\s+in)\s+(?:de\s+|het\s+)?)?"

_MONTH_ONLY = re.compile(rf"{_FILLER}(?P<month>{_MONTH})(?:\s+{_ANY_YEAR})?")


def _match_month(key: str, reference: date) -> _Parsed | None:
    match = _MONTH_ONLY.fullmatch(key)
    if not match:
        return None
    month = _month_number(match["month"])
    return _Template(PeriodKind.MONTH, _month_span(month), _explicit_year(match["year"], reference))


_HALF = re.compile(
    rf"{_FILLER}(?:h(?P<h>[12])|(?P<ord>{_ORDINAL})\s+(?:helft|halfjaar|half\s+jaar))"
    rf"(?:\s+(?:van\s+)?{_ANY_YEAR})?"
)


def _match_half(key: str, reference: date) -> _Parsed | None:
    match = _HALF.fullmatch(key)
    if not match:
        return None
    half = int(match["h"]) if match["h"] else _ORDINALS[match["ord"]]
    if half not in (1, 2):
        return None
    first = 1 if half == 1 else 7
    return _Template(
        PeriodKind.HALF, _months_span(first, first + 5), _explicit_year(match["year"], reference)
    )


_QUARTER = re.compile(
    rf"{_FILLER}(?:(?:q|kw)\s?(?P<q>[1-4])|(?P<ord>{_ORDINAL})\s+kwartaal|kwartaal\s+(?P<n>[1-4]))"
    rf"(?:\s+(?:van\s+)?{_ANY_YEAR})?"
)


def _match_quarter(key: str, reference: date) -> _Parsed | None:
    match = _QUARTER.fullmatch(key)
    if not match:
        return None
    quarter = int(match["q"] or match["n"] or 0) or _ORDINALS[match["ord"]]
    first = 3 * quarter - 2
    return _Template(
        PeriodKind.QUARTER, _months_span(first, first + 2), _explicit_year(match["year"], reference)
    )


_PART_WORDS: dict[str, str] = {
    "begin": "begin", "start": "begin", "aanvang": "begin",
    "medio": "medio", "midden": "medio", "half": "medio", "halverwege": "medio",
    "eind": "eind", "einde": "eind",
}  # fmt: skip
_PART = (
    r"(?:(?:aan|tegen|in|rond)\s+)?(?:het\s+)?(?P<part>"
    + "|".join(_PART_WORDS)
    + r")(?:\s+(?:van|in))?(?:\s+(?:de\s+maand|deze\s+maand))?"
)
_PART_OF_MONTH = re.compile(rf"{_PART}\s+(?P<month>{_MONTH})(?:\s+{_ANY_YEAR})?")
_PART_OF_THIS_MONTH = re.compile(_PART)
_PART_OF_YEAR = re.compile(rf"{_PART}\s+{_ANY_YEAR}")
_YEAR_PARTS: dict[str, tuple[PeriodKind, int, int]] = {
    # part -> (kind, first month, last month)
    "begin": (PeriodKind.YEAR_START, 1, 1),
    "medio": (PeriodKind.MID_YEAR, 6, 7),
    "eind": (PeriodKind.YEAR_END, 12, 12),
}


def _match_part_of_month(key: str, reference: date) -> _Parsed | None:
    match = _PART_OF_MONTH.fullmatch(key)
    if not match:
        return None
    month = _month_number(match["month"])
    part = _PART_WORDS[match["part"]]
    return _Template(
        PeriodKind.MONTH, _month_third_span(month, part), _explicit_year(match["year"], reference)
    )


def _match_part_of_this_month(key: str, reference: date) -> _Parsed | None:
    match = _PART_OF_THIS_MONTH.fullmatch(key)
    # Only "eind van de maand" / "eind deze maand": a bare "eind" is not a period.
    if not match or "maand" not in key:
        return None
    part = _PART_WORDS[match["part"]]
    return _Template(PeriodKind.MONTH, _month_third_span(reference.month, part), reference.year)


def _match_part_of_year(key: str, reference: date) -> _Parsed | None:
    match = _PART_OF_YEAR.fullmatch(key)
    if not match:
        return None
    kind, first, last = _YEAR_PARTS[_PART_WORDS[match["part"]]]
    return _Template(kind, _months_span(first, last), _explicit_year(match["year"], reference))


_SEASONS: dict[str, tuple[int, int]] = {
    "voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8),
    "najaar": (9, 11), "herfst": (9, 11), "winter": (12, 2),
}  # fmt: skip
_SEASON = re.compile(
    rf"{_FILLER}(?:(?:dit|deze|het)\s+)?(?P<season>{'|'.join(_SEASONS)})(?:\s+(?:van\s+)?{_ANY_YEAR})?"
)
_SUMMER_HOLIDAY = re.compile(rf"{_FILLER}zomervakantie(?:\s+{_ANY_YEAR})?")


def _match_season(key: str, reference: date) -> _Parsed | None:
    match = _SEASON.fullmatch(key)
    if not match:
        return None
    first, last = _SEASONS[match["season"]]
    return _Template(
        PeriodKind.SEASON, _months_span(first, last), _explicit_year(match["year"], reference)
    )


def _match_summer_holiday(key: str, reference: date) -> _Parsed | None:
    match = _SUMMER_HOLIDAY.fullmatch(key)
    if not match:
        return None
    return _Template(PeriodKind.SEASON, summer_holiday, _explicit_year(match["year"], reference))


_WHOLE_YEAR = re.compile(rf"{_FILLER}(?:(?:het\s+)?jaar\s+)?{_ANY_YEAR}")


def _match_year(key: str, reference: date) -> _Parsed | None:
    match = _WHOLE_YEAR.fullmatch(key)
    if not match:
        return None
    year = _explicit_year(match["year"], reference)
    return _Template(PeriodKind.YEAR, _months_span(1, 12), year)


_WEEK_NUMBER = re.compile(rf"{_FILLER}(?:week|wk)\s?(?P<week>\d{{1,2}})(?:\s+{_ANY_YEAR})?")
_WEEK_RELATIVE = re.compile(r"(?:in\s+)?(?P<which>deze|volgende|komende)\s+week")


def _match_week(key: str, reference: date) -> _Parsed | None:
    if match := _WEEK_RELATIVE.fullmatch(key):
        monday = reference - timedelta(days=reference.weekday())
        if match["which"] != "deze":
            monday += timedelta(weeks=1)
        return _Fixed(PeriodKind.WEEK, monday, monday + timedelta(days=6))
    match = _WEEK_NUMBER.fullmatch(key)
    if not match or not 1 <= int(match["week"]) <= 53:
        return None
    return _Template(
        PeriodKind.WEEK, _week_span(int(match["week"])), _explicit_year(match["year"], reference)
    )


_RELATIVE = re.compile(
    r"(?:binnen|over|uiterlijk\s+over|within)\s+(?P<n>\d{1,3}|een|twee|drie|vier|zes)\s+"
    r"(?P<unit>dag|dagen|week|weken|maand|maanden)"
)
_NUMBER_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "zes": 6}


def _match_relative(key: str, reference: date) -> _Parsed | None:
    match = _RELATIVE.fullmatch(key)
    if not match:
        return None
    count = _NUMBER_WORDS.get(match["n"]) or int(match["n"])
    unit = match["unit"]
    if unit in ("dag", "dagen"):
        end = reference + timedelta(days=count)
    elif unit in ("week", "weken"):
        end = reference + timedelta(weeks=count)
    else:
        end = _add_months(reference, count)
    return _Fixed(PeriodKind.RELATIVE, reference, end)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_YEARLY = re.compile(r"jaarlijks(?:e)?(?:\s+terugkerend)?|(?:elk|ieder|elke)\s+jaar")


def _match_yearly(key: str, reference: date) -> _Parsed | None:
    if not _YEARLY.fullmatch(key):
        return None
    return _Fixed(PeriodKind.YEARLY, reference, date(reference.year, 12, 31))


_ATOMIC_MATCHERS: Sequence[Matcher] = (
    _match_asap,
    _match_before_summer,
    _match_after_summer,
    _match_month,
    _match_half,
    _match_quarter,
    _match_part_of_month,
    _match_part_of_this_month,
    _match_part_of_year,
    _match_summer_holiday,
    _match_season,
    _match_year,
    _match_week,
    _match_relative,
    _match_yearly,
)
