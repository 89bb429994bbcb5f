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

from regie.meetings.periods.dates import parse_dates
from regie.meetings.periods.model import (
    AFTER_SUMMER_END,
    APPROXIMATE_SUMMER_YEARS,
    ASAP_DAYS,
    MAX_DATES_LENGTH,
    MAX_PERIOD_LENGTH,
    SUMMER_HOLIDAY_NOORD,
    YEAR_ROLLOVER_DAYS,
    Period,
    PeriodKind,
    is_summer_holiday_published,
    summer_holiday,
)
from regie.meetings.periods.parse import parse_due, parse_period
from regie.meetings.periods.text import is_to_plan, split_status

__all__ = [
    "AFTER_SUMMER_END",
    "APPROXIMATE_SUMMER_YEARS",
    "ASAP_DAYS",
    "MAX_DATES_LENGTH",
    "MAX_PERIOD_LENGTH",
    "SUMMER_HOLIDAY_NOORD",
    "YEAR_ROLLOVER_DAYS",
    "Period",
    "PeriodKind",
    "is_summer_holiday_published",
    "is_to_plan",
    "parse_dates",
    "parse_due",
    "parse_period",
    "split_status",
    "summer_holiday",
]
