"""Fuzzy due moments for a team's actielijst and termijnagenda.

Minutes record due moments the way people say them ("z.s.m.", "voor de zomervakantie",
"2e helft 2021", "Mei/juni of na zomervakantie"). We keep the text as written and derive a
machine period (first and last day) so the actielijst can sort, remind and flag overdue
actions. Parsing is pure and total: anything we do not understand becomes an UNKNOWN period
(the UI shows a "?"), never an exception.

Semantics (``reference`` = the day the action was raised, or the meeting date):

* Year inference: an expression without a year lands in the reference year, unless it would
  have ended more than ``YEAR_ROLLOVER_DAYS`` (60) days before the reference or does not exist
  in that year (29 February); then the next year. Minutes are written forward-looking, but a
  recent past date ("27 mei" noted in early June) is kept so it shows as overdue.
* ``z.s.m.`` / ``zsm`` / ``zo spoedig mogelijk``: ASAP, reference .. reference + ``ASAP_DAYS``.
* A day ("27 mei", "27/5", "27-05-2021", "2021-05-27"): DATE, start == end. Several days
  ("27 mei en 3 juni", "1 t/m 5 april"): RANGE from the first to the last.
* ``voor de zomervakantie``: BEFORE_SUMMER, reference .. the day before the school summer
  holiday (region Noord); next year's holiday once the reference is inside or past it.
* ``na de zomervakantie``: AFTER_SUMMER, the first day after the holiday .. 30 September: in
  practice "after the summer" means the first weeks back, and a month gives reminders a sane
  due date. Next year's once the reference is past the holiday's end.
* Month ("september 2021", "sept."): MONTH, whole month. ``begin``/``medio``/``eind`` + month:
  kind MONTH, the first/middle/last third (1-10, 11-20, 21-end).
* Halves (H1, "1e helft", "eerste helft"): HALF, Jan-Jun / Jul-Dec. Quarters (Q3, "3e
  kwartaal", "derde kwartaal"): QUARTER.
* ``begin 2022``: YEAR_START, January. ``medio 2022``: MID_YEAR, June-July. ``eind 2021`` /
  ``eind van het jaar``: YEAR_END, December (the month before the year closes).
* Seasons, meteorological: voorjaar/lente Mar-May, zomer Jun-Aug, najaar/herfst Sep-Nov,
  winter Dec-Feb (winter 2022 = December 2022 .. February 2023). ``zomervakantie`` on its own:
  SEASON spanning the holiday itself.
* ``2022``, ``dit jaar``, ``volgend jaar``: YEAR, 1 Jan - 31 Dec.
* ``week 23 [2021]``, ``deze week``, ``volgende week``: WEEK, ISO week Monday - Sunday.
  ``binnen 2 weken`` / ``over 3 maanden``: RELATIVE, reference .. reference + the offset.
* ``uiterlijk X`` / ``deadline X`` / ``voor X``: DEADLINE, reference .. end of X ("by X").
* ``jaarlijks`` / ``elk jaar``: YEARLY, recurring, reference .. 31 December of the reference
  year. Combined with a period ("Eerste helft 2021 jaarlijks") that period, recurring.
  ``next_occurrence`` shifts start and end one year (a month's last day stays the last day).
* ``A/B``, ``A - B``, ``A t/m B``, ``van A tot B``: RANGE from the start of A to the end of
  B; a year written once applies to both ("mei/juni 2021"), and B moves a year on when it
  would otherwise precede A ("november/januari").
* ``A of B``: RANGE covering both alternatives (the widest reading: we cannot know which one
  will happen, and reminding at the latest is the safe due date).
* Status words ("Afgerond", "gereed", "done") are not periods: ``split_status`` strips them.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Sequence
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


# --- Normalisation ------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")  # "^{e}" in the converted minutes
_EDGE_PUNCT = " \t.,;:!?()[]{}*\"'`_~|"


def _clean_text(text: str) -> str:
    """The text as written, whitespace-normalised (what we store and show)."""
    return " ".join(text.split())


def _key(text: str) -> str:
    """Lower-case, accent-free, markup-free form the grammar matches against."""
    text = _TAG.sub(" ", text)
    text = _SUPERSCRIPT.sub(r"\1", text).replace("^", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("–", "-").replace("—", "-").replace("’", "'")
    return " ".join(text.split()).strip(_EDGE_PUNCT)


# --- Status words and "to plan" markers --------------------------------------------------------

_STATUS_WORDS = r"(?:afgerond|gereed|done)\b"
_STATUS_LEADING = re.compile(rf"^[\s(\[]*(?:{_STATUS_WORDS})[\s)\].,;:/-]*", re.IGNORECASE)
_STATUS_TRAILING = re.compile(rf"[\s(\[.,;:/-]*\b(?:{_STATUS_WORDS})[\s)\].!]*$", re.IGNORECASE)


def split_status(text: str) -> tuple[str, bool]:
    """Strip status words at either end ("27 mei Afgerond" -> ("27 mei", True)).

    Repeated words are stripped too: the seed has "Afgerond Afgerond Afgerond Eerste helft
    2021 jaarlijks", one status per sub-action, pasted into a single cell.
    """
    rest = _clean_text(text)
    found = False
    for pattern in (_STATUS_LEADING, _STATUS_TRAILING):
        while (stripped := pattern.sub("", rest, count=1)) != rest:
            rest, found = stripped.strip(), True
    return rest, found


_TO_PLAN = re.compile(
    r"\b(?:nog\s+(?:te\s+|in\s+te\s+)?plannen|n\s?\.?\s?t\s?\.?\s?b\b|nader\s+te\s+bepalen|tbd)"
)


def is_to_plan(text: str) -> bool:
    """True when the text says the moment is still to be planned ("(nog plannen)", "n.t.b.")."""
    return bool(_TO_PLAN.search(_key(text[:MAX_DATES_LENGTH])))


# --- Vocabulary ---------------------------------------------------------------------------------

_MONTH_NAMES: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Longest first so "september" wins over "sep".
_MONTH = "(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(?:(?:19|20|21)\d{2}|'\d{2})"
_ORDINALS: dict[str, int] = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2,
    "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4,
}  # fmt: skip
_ORDINAL = "(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_WEEKDAY = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\b\.?"
)
# "dit jaar" and friends pin the reference year; "volgend jaar" the one after.
_THIS_YEAR = r"(?:van\s+)?(?:het|dit|deze)\s+jaar"
_NEXT_YEAR = r"(?:van\s+)?(?:het\s+)?(?:volgend|volgende|komend|komende)\s+jaar"


def _month_number(word: str) -> int:
    return _MONTH_NAMES[word.rstrip(".")]


def _year_number(word: str) -> int:
    return 2000 + int(word[1:]) if word.startswith("'") else int(word)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- Templates: a period shape whose year is filled in afterwards -------------------------------

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


# --- Matchers: each takes the normalised key and returns a parse or None -----------------------

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


# --- Dates: "27 mei", "1, 5, 29 april en 13 mei 2021", "16/2", "2021-05-27" --------------------

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


# --- Compound forms -----------------------------------------------------------------------------

_RECURRING = re.compile(
    r"(?:jaarlijks(?:e)?|(?:elk|ieder|elke)\s+jaar)(?:\s*[,;:]\s*|\s+(?:in|op|rond)\s+|\s+)(?P<a>.+)"
    r"|(?P<b>.+?)(?:\s*[,;:(]\s*|\s+)(?:en\s+)?(?:daarna\s+)?(?:jaarlijks|elk\s+jaar|ieder\s+jaar)\)?"
)
_OR = re.compile(r"\s+(?:of|dan\s+wel)\s+")
_RANGE_SEPARATOR = re.compile(r"\s*(?:t/m|tot\s+en\s+met|\btot\b|/|-)\s*")


def _parse_atomic(key: str, reference: date) -> _Parsed | None:
    for matcher in _ATOMIC_MATCHERS:
        if (parsed := matcher(key, reference)) is not None:
            return parsed
    return _match_dates(key, reference)


def _join_range(first: _Parsed, last: _Parsed, reference: date) -> _Parsed | None:
    """First's start to last's end; a written year is shared ("mei/juni 2021")."""
    if isinstance(first, _Template) and isinstance(last, _Template):
        return _join_templates(first, last)
    start, _ = _resolve(first, reference)
    _, end = _resolve(last, reference)
    return _Fixed(PeriodKind.RANGE, start, end) if start <= end else None


def _join_templates(first: _Template, last: _Template) -> _Parsed | None:
    if first.year is not None and last.year is not None:
        start, end = first.span(first.year)[0], last.span(last.year)[1]
        return _Fixed(PeriodKind.RANGE, start, end) if start <= end else None

    def span(year: int) -> Span:
        start, first_end = first.span(year)
        end = last.span(year)[1]
        if end < first_end:  # "november/januari": the end is in the following year
            end = last.span(year + 1)[1]
        return start, end

    year = first.year
    if year is None and last.year is not None:
        # The year written after the last part is that part's year; anchor the first part a
        # year earlier when the range crosses New Year ("november/januari 2022").
        year = last.year
        if span(year)[1] != last.span(last.year)[1]:
            year -= 1
    return _Template(PeriodKind.RANGE, span, year)


def _parse_range(key: str, reference: date) -> _Parsed | None:
    for separator in _RANGE_SEPARATOR.finditer(key):
        head = re.sub(r"^van\s+", "", key[: separator.start()])
        tail = key[separator.end() :]
        if not head or not tail:
            continue
        first, last = _parse_atomic(head, reference), _parse_atomic(tail, reference)
        if first is not None and last is not None:
            return _join_range(first, last, reference)
    return None


_DEADLINE = re.compile(r"(?:uiterlijk|deadline|graag\s+voor|voor|tot)\s+(?:op\s+)?(?P<rest>.+)")


def _parse_deadline(key: str, reference: date) -> _Parsed | None:
    """ "uiterlijk X" / "voor X": due by the end of X, open from the reference on.

    "voor" is read as "by" (inclusive), the way minutes use it; "voor de zomervakantie" is
    the exception, matched earlier, because the holiday itself is certainly not included.
    """
    match = _DEADLINE.fullmatch(key)
    if not match or (inner := _parse_atomic(match["rest"], reference)) is None:
        return None
    start, end = _resolve(inner, reference)
    return _Fixed(PeriodKind.DEADLINE, reference if reference <= end else start, end)


def _parse_single(key: str, reference: date) -> _Parsed | None:
    return (
        _parse_atomic(key, reference)
        or _parse_deadline(key, reference)
        or _parse_range(key, reference)
    )


def _parse_alternatives(key: str, reference: date) -> _Parsed | None:
    """ "A of B": the span covering every alternative, or None if one is not understood."""
    options = [part for part in _OR.split(key) if part]
    if len(options) < 2:
        return None
    spans: list[Span] = []
    for option in options:
        parsed = _parse_single(option, reference)
        if parsed is None:
            return None
        spans.append(_resolve(parsed, reference))
    return _Fixed(PeriodKind.RANGE, min(s for s, _ in spans), max(e for _, e in spans))


def _parse_key(key: str, reference: date) -> tuple[_Parsed | None, bool]:
    """The parse and whether it recurs yearly."""
    recurring = _RECURRING.fullmatch(key)
    if recurring and not _YEARLY.fullmatch(key):
        rest = (recurring["a"] or recurring["b"]).strip(_EDGE_PUNCT)
        return (_parse_key(rest, reference)[0] if rest else None), True
    parsed = _parse_single(key, reference) or _parse_alternatives(key, reference)
    is_yearly = isinstance(parsed, _Fixed) and parsed.kind == PeriodKind.YEARLY
    return parsed, is_yearly


def _unknown(text: str) -> Period:
    return Period(text, None, None, PeriodKind.UNKNOWN)


def parse_period(text: str, *, reference: date) -> Period:
    """The period a due moment written as ``text`` stands for; UNKNOWN when not understood."""
    clean = _clean_text(text)
    if not clean or len(clean) > MAX_PERIOD_LENGTH:
        return _unknown(clean)
    try:
        parsed, recurring = _parse_key(_key(clean), reference)
        if parsed is None:
            return _unknown(clean)
        start, end = _resolve(parsed, reference)
    except (ValueError, OverflowError):
        # Out-of-range arithmetic (a reference near date.max, ISO week 53 in a short year):
        # the contract is "never raise", and such a text is not a usable due moment anyway.
        return _unknown(clean)
    if start > end:
        return _unknown(clean)
    return Period(clean, start, end, parsed.kind, recurring)


def parse_due(text: str, *, reference: date) -> tuple[Period, bool]:
    """An actielijst "Afronding" cell: the period without status words, and whether it was done."""
    rest, done = split_status(text)
    return parse_period(rest, reference=reference), done
