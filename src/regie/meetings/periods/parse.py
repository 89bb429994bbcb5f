"""Compound forms (ranges, deadlines, alternatives, yearly recurrence) and the public parse
functions."""

from __future__ import annotations

import re
from datetime import date

from regie.meetings.periods.dates import _match_dates
from regie.meetings.periods.matchers import _ATOMIC_MATCHERS, _YEARLY
from regie.meetings.periods.model import MAX_PERIOD_LENGTH, Period, PeriodKind, _unknown
from regie.meetings.periods.spans import Span, _Fixed, _Parsed, _resolve, _Template
from regie.meetings.periods.text import _EDGE_PUNCT, _clean_text, _key, split_status

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
