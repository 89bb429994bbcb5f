"""Dates as people type them: numeric (``24-07-2002``, ``2002-07-24``, ``24/7/2002``,
``24.07.2002``) and written out in Dutch or English (``24 juli 2002``, ``24 jul. 2002``,
``24 July 2002``), the form the pages themselves show."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import formats, timezone

NUMERIC_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")

_MONTHS = {
    # Dutch full names, then English full names; every name is also known by its first three
    # letters (jan, feb, mrt/mar, …) with or without a full stop.
    **{
        name: n
        for n, name in enumerate(
            (
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
    "mrt": 3,
    "sept": 9,
}
_WRITTEN = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def _month(word: str) -> int | None:
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) >= 3:
        matches = {n for name, n in _MONTHS.items() if name.startswith(word)}
        if len(matches) == 1:
            return matches.pop()
    return None


def parse_date(text: str) -> date | None:
    """The date ``text`` names, or ``None`` if it names none (or an impossible one)."""
    text = " ".join(text.split()).casefold()
    for fmt in NUMERIC_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    written = _WRITTEN.match(text)
    if written is None:
        return None
    day, word, year = written.groups()
    month = _month(word)
    if month is None:
        return None
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def add_years(day: date, years: int) -> date:
    """``day`` moved ``years`` years on; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- Showing dates -------------------------------------------------------------------------
# One style per context, the same in pages, PDF and DOCX and in both languages: the long form
# in running text ("24 juli 2002", "24 July 2002") and ``dd-mm-jjjj`` in tables and forms.
# The formats themselves are in ``regie/formats/<language>/formats.py`` (Django's format
# localisation); templates use ``|date`` (long), ``|date:"SHORT_DATE_FORMAT"`` (tables) and
# the ``DATETIME`` variants; Python code (documents, exports, messages) uses these functions.


def long_date(value: date | datetime | None) -> str:
    """``24 juli 2002``: dates in running text and headings."""
    return _formatted(value, "DATE_FORMAT")


# The long form with the weekday, for a meeting's own date ("dinsdag 15 juni 2021"); templates
# write it as ``|date:"l j F Y"`` (the one literal format the template scan allows).
WEEKDAY_DATE_FORMAT = "l j F Y"


def weekday_date(value: date | None) -> str:
    """``dinsdag 15 juni 2021``: a meeting's own date."""
    return _formatted(value, WEEKDAY_DATE_FORMAT)


def short_date(value: date | datetime | None) -> str:
    """``24-07-2002``: dates in tables, lists and forms."""
    return _formatted(value, "SHORT_DATE_FORMAT")


def long_datetime(value: datetime | None) -> str:
    """``24 juli 2002 14:05`` in the current time zone."""
    return _formatted(value, "DATETIME_FORMAT")


def short_datetime(value: datetime | None) -> str:
    """``24-07-2002 14:05`` in the current time zone."""
    return _formatted(value, "SHORT_DATETIME_FORMAT")


def _formatted(value: date | datetime | None, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, fmt)
