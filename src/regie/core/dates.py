"""Dates as people type them: numeric (``24-07-2002``, ``2002-07-24``, ``24/7/2002``,
``24.07.2002``) and written out in Dutch or English (``24 juli 2002``, ``24 jul. 2002``,
``24 July 2002``), the form the pages themselves show."""

from __future__ import annotations

import re
from datetime import date, datetime

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
