"""The fuzzy-period parser behind the actielijst's "Afronding" and the termijnagenda.

Cases come from the iPGA-R teamoverleg minutes of 15 June 2021 (shared seed) and the forms
people commonly write in Dutch minutes.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.meetings.periods import (
    APPROXIMATE_SUMMER_YEARS,
    ASAP_DAYS,
    SUMMER_HOLIDAY_NOORD,
    Period,
    PeriodKind,
    is_summer_holiday_published,
    is_to_plan,
    parse_dates,
    parse_due,
    parse_period,
    split_status,
    summer_holiday,
)

MEETING = date(2021, 6, 15)  # the seed meeting
RAISED = date(2021, 3, 23)  # when most seed actions were raised

D = date


def check(text: str, reference: date, kind: PeriodKind, start: date, end: date) -> None:
    period = parse_period(text, reference=reference)
    assert (period.kind, period.start, period.end) == (kind, start, end), text
    assert period.understood


# --- Forms that must parse ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["z.s.m.", "zsm", "z.s.m", "Z.S.M.", "z. s. m.", "ZSM!"])
def test_asap_forms(text):
    check(text, RAISED, PeriodKind.ASAP, RAISED, RAISED + timedelta(days=ASAP_DAYS))


def test_asap_long_form():
    check("zo spoedig mogelijk", RAISED, PeriodKind.ASAP, RAISED, D(2021, 4, 6))


@pytest.mark.parametrize(
    "text",
    ["27 mei", "27 mei 2021", "27-05-2021", "27/5", "2021-05-27", "27 Mei", " 27  mei. ",
     "27.05.2021", "27-5-21", "do 27 mei 2021", "donderdag 27 mei"],
)  # fmt: skip
def test_single_day_forms(text):
    check(text, RAISED, PeriodKind.DATE, D(2021, 5, 27), D(2021, 5, 27))


@pytest.mark.parametrize(
    ("text", "reference", "kind", "start", "end"),
    [
        # Summer holiday Noord 2021: 10 July - 22 August.
        ("Voor de zomervakantie", RAISED, PeriodKind.BEFORE_SUMMER, RAISED, D(2021, 7, 9)),
        ("voor zomervakantie", RAISED, PeriodKind.BEFORE_SUMMER, RAISED, D(2021, 7, 9)),
        ("vóór de zomer", RAISED, PeriodKind.BEFORE_SUMMER, RAISED, D(2021, 7, 9)),
        ("<i>Voor zomervakantie</i>", MEETING, PeriodKind.BEFORE_SUMMER, MEETING, D(2021, 7, 9)),
        ("voor de zomer 2022", RAISED, PeriodKind.BEFORE_SUMMER, RAISED, D(2022, 7, 15)),
        ("na de zomervakantie", D(2021, 5, 10), PeriodKind.AFTER_SUMMER, D(2021, 8, 23),
         D(2021, 9, 30)),
        ("na zomervakantie", RAISED, PeriodKind.AFTER_SUMMER, D(2021, 8, 23), D(2021, 9, 30)),
        ("Na de zomer", RAISED, PeriodKind.AFTER_SUMMER, D(2021, 8, 23), D(2021, 9, 30)),
        ("na de zomer", D(2024, 3, 1), PeriodKind.AFTER_SUMMER, D(2024, 9, 2), D(2024, 9, 30)),
        ("September 2021", RAISED, PeriodKind.MONTH, D(2021, 9, 1), D(2021, 9, 30)),
        ("september", RAISED, PeriodKind.MONTH, D(2021, 9, 1), D(2021, 9, 30)),
        ("sept. 2021", RAISED, PeriodKind.MONTH, D(2021, 9, 1), D(2021, 9, 30)),
        ("in september", RAISED, PeriodKind.MONTH, D(2021, 9, 1), D(2021, 9, 30)),
        ("februari 2024", RAISED, PeriodKind.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
        ("eerste helft 2021", RAISED, PeriodKind.HALF, D(2021, 1, 1), D(2021, 6, 30)),
        ("1e helft 2021", RAISED, PeriodKind.HALF, D(2021, 1, 1), D(2021, 6, 30)),
        ("tweede helft 2021", RAISED, PeriodKind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
        ("2e helft 2021", RAISED, PeriodKind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
        ("2^e helft 2021", RAISED, PeriodKind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
        ("<i>2^e helft 2021</i>", RAISED, PeriodKind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
        ("2^{e} helft 2021", RAISED, PeriodKind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
        ("H2 2021", RAISED, PeriodKind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
        ("h1", RAISED, PeriodKind.HALF, D(2021, 1, 1), D(2021, 6, 30)),
        ("Q3 2021", RAISED, PeriodKind.QUARTER, D(2021, 7, 1), D(2021, 9, 30)),
        ("3e kwartaal 2021", RAISED, PeriodKind.QUARTER, D(2021, 7, 1), D(2021, 9, 30)),
        ("derde kwartaal 2021", RAISED, PeriodKind.QUARTER, D(2021, 7, 1), D(2021, 9, 30)),
        ("Q1", RAISED, PeriodKind.QUARTER, D(2021, 1, 1), D(2021, 3, 31)),
        ("eind 2021", RAISED, PeriodKind.YEAR_END, D(2021, 12, 1), D(2021, 12, 31)),
        ("einde 2021", RAISED, PeriodKind.YEAR_END, D(2021, 12, 1), D(2021, 12, 31)),
        ("eind van het jaar", RAISED, PeriodKind.YEAR_END, D(2021, 12, 1), D(2021, 12, 31)),
        ("eind volgend jaar", RAISED, PeriodKind.YEAR_END, D(2022, 12, 1), D(2022, 12, 31)),
        ("eind september", RAISED, PeriodKind.MONTH, D(2021, 9, 21), D(2021, 9, 30)),
        ("begin september", RAISED, PeriodKind.MONTH, D(2021, 9, 1), D(2021, 9, 10)),
        ("medio september", RAISED, PeriodKind.MONTH, D(2021, 9, 11), D(2021, 9, 20)),
        ("eind februari 2024", RAISED, PeriodKind.MONTH, D(2024, 2, 21), D(2024, 2, 29)),
        ("eind van de maand", RAISED, PeriodKind.MONTH, D(2021, 3, 21), D(2021, 3, 31)),
        ("begin 2022", RAISED, PeriodKind.YEAR_START, D(2022, 1, 1), D(2022, 1, 31)),
        ("medio 2022", RAISED, PeriodKind.MID_YEAR, D(2022, 6, 1), D(2022, 7, 31)),
        ("voorjaar 2022", RAISED, PeriodKind.SEASON, D(2022, 3, 1), D(2022, 5, 31)),
        ("najaar 2021", RAISED, PeriodKind.SEASON, D(2021, 9, 1), D(2021, 11, 30)),
        ("zomer 2022", RAISED, PeriodKind.SEASON, D(2022, 6, 1), D(2022, 8, 31)),
        ("winter 2023", RAISED, PeriodKind.SEASON, D(2023, 12, 1), D(2024, 2, 29)),
        ("in de zomervakantie", RAISED, PeriodKind.SEASON, D(2021, 7, 10), D(2021, 8, 22)),
        ("2022", RAISED, PeriodKind.YEAR, D(2022, 1, 1), D(2022, 12, 31)),
        ("in 2022", RAISED, PeriodKind.YEAR, D(2022, 1, 1), D(2022, 12, 31)),
        ("volgend jaar", RAISED, PeriodKind.YEAR, D(2022, 1, 1), D(2022, 12, 31)),
        ("week 23", MEETING, PeriodKind.WEEK, D(2021, 6, 7), D(2021, 6, 13)),
        ("volgende week", MEETING, PeriodKind.WEEK, D(2021, 6, 21), D(2021, 6, 27)),
        ("binnen 2 weken", MEETING, PeriodKind.RELATIVE, MEETING, D(2021, 6, 29)),
        ("over 3 maanden", D(2021, 11, 30), PeriodKind.RELATIVE, D(2021, 11, 30),
         D(2022, 2, 28)),
        ("uiterlijk 1 juli", MEETING, PeriodKind.DEADLINE, MEETING, D(2021, 7, 1)),
        ("voor eind 2021", MEETING, PeriodKind.DEADLINE, MEETING, D(2021, 12, 31)),
        ("Mei/juni", RAISED, PeriodKind.RANGE, D(2021, 5, 1), D(2021, 6, 30)),
        ("mei/juni 2022", RAISED, PeriodKind.RANGE, D(2022, 5, 1), D(2022, 6, 30)),
        ("mei t/m juni", RAISED, PeriodKind.RANGE, D(2021, 5, 1), D(2021, 6, 30)),
        ("van mei tot juni", RAISED, PeriodKind.RANGE, D(2021, 5, 1), D(2021, 6, 30)),
        ("november/januari", MEETING, PeriodKind.RANGE, D(2021, 11, 1), D(2022, 1, 31)),
        ("november/januari 2022", MEETING, PeriodKind.RANGE, D(2021, 11, 1), D(2022, 1, 31)),
        ("Q3/Q4 2021", RAISED, PeriodKind.RANGE, D(2021, 7, 1), D(2021, 12, 31)),
        ("27 mei - 3 juni", RAISED, PeriodKind.RANGE, D(2021, 5, 27), D(2021, 6, 3)),
        ("1 t/m 5 april", RAISED, PeriodKind.RANGE, D(2021, 4, 1), D(2021, 4, 5)),
        # The widest reading of the alternatives: from May to the end of "after the summer".
        ("Mei/juni of na zomervakantie", MEETING, PeriodKind.RANGE, D(2021, 5, 1),
         D(2021, 9, 30)),
        ("<i>Mei/juni of na zomervakantie</i>", RAISED, PeriodKind.RANGE, D(2021, 5, 1),
         D(2021, 9, 30)),
        ("27 mei of 3 juni", RAISED, PeriodKind.RANGE, D(2021, 5, 27), D(2021, 6, 3)),
        ("1, 5, 29 april en 13 mei 2021", RAISED, PeriodKind.RANGE, D(2021, 4, 1),
         D(2021, 5, 13)),
        ("30 juni (9-13 uur) en 8 juli (13-17 uur)", MEETING, PeriodKind.RANGE,
         D(2021, 6, 30), D(2021, 7, 8)),
    ],
)  # fmt: skip
def test_forms(text, reference, kind, start, end):
    check(text, reference, kind, start, end)


def test_text_is_kept_as_written_with_whitespace_normalised():
    period = parse_period("  Voor de\tzomervakantie \n", reference=RAISED)
    assert period.text == "Voor de zomervakantie"
    assert parse_period("", reference=RAISED) == Period("", None, None, PeriodKind.UNKNOWN)


# --- Year inference -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("27 mei", D(2021, 7, 26), D(2021, 5, 27)),  # exactly 60 days ago: still this year
        ("27 mei", D(2021, 7, 27), D(2022, 5, 27)),  # 61 days ago: next year's
        ("27/5", D(2021, 1, 2), D(2021, 5, 27)),
        ("5 januari", D(2021, 12, 20), D(2022, 1, 5)),  # December -> January
        ("15 december", D(2022, 1, 10), D(2022, 12, 15)),  # never looks back a year
        ("31/12", D(2022, 1, 3), D(2022, 12, 31)),
        ("31/12", D(2021, 12, 31), D(2021, 12, 31)),
        ("29 februari", D(2024, 1, 10), D(2024, 2, 29)),
        ("29 februari", D(2023, 12, 15), D(2024, 2, 29)),  # not in 2023, so the leap year
        ("29/2/2024", D(2021, 1, 1), D(2024, 2, 29)),
    ],
)
def test_day_year_inference(text, reference, expected):
    check(text, reference, PeriodKind.DATE, expected, expected)


@pytest.mark.parametrize(
    ("text", "reference", "start", "end"),
    [
        ("januari", D(2021, 12, 20), D(2022, 1, 1), D(2022, 1, 31)),
        ("december", D(2022, 1, 5), D(2022, 12, 1), D(2022, 12, 31)),
        ("eind december", D(2021, 12, 31), D(2021, 12, 21), D(2021, 12, 31)),
        ("begin januari", D(2021, 12, 31), D(2022, 1, 1), D(2022, 1, 10)),
        ("september", D(2021, 12, 1), D(2022, 9, 1), D(2022, 9, 30)),
        ("februari", D(2023, 11, 1), D(2024, 2, 1), D(2024, 2, 29)),
        ("eerste helft", D(2021, 10, 1), D(2022, 1, 1), D(2022, 6, 30)),
        ("winter", D(2021, 6, 1), D(2021, 12, 1), D(2022, 2, 28)),
    ],
)
def test_period_year_inference(text, reference, start, end):
    period = parse_period(text, reference=reference)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("29 februari", D(2021, 6, 15)),  # neither 2021 nor 2022 has one
        ("29-02-2023", RAISED),
        ("31/4", RAISED),
        ("30 februari 2024", RAISED),
        ("week 53 2021", RAISED),  # 2021 has 52 ISO weeks
    ],
)
def test_days_that_do_not_exist_are_unknown(text, reference):
    assert parse_period(text, reference=reference).kind == PeriodKind.UNKNOWN


# --- Summer holiday -----------------------------------------------------------------------------


def test_summer_table_matches_the_published_schedule():
    published = {
        2021: ("07-10", "08-22"), 2022: ("07-16", "08-28"), 2023: ("07-15", "08-27"),
        2024: ("07-20", "09-01"), 2025: ("07-12", "08-24"), 2026: ("07-04", "08-16"),
        2027: ("07-10", "08-22"),
    }  # fmt: skip
    for year, (first, last) in published.items():
        assert summer_holiday(year) == (
            date.fromisoformat(f"{year}-{first}"),
            date.fromisoformat(f"{year}-{last}"),
        )
        assert is_summer_holiday_published(year)
    assert set(SUMMER_HOLIDAY_NOORD) == set(published)


@pytest.mark.parametrize("year", [*APPROXIMATE_SUMMER_YEARS, 2019, 2040, 2100])
def test_summer_fallback_is_six_weeks_from_a_july_saturday(year):
    first, last = summer_holiday(year)
    assert not is_summer_holiday_published(year)
    assert first.weekday() == 5  # Saturday
    assert last.weekday() == 6  # Sunday
    assert D(year, 7, 9) <= first <= D(year, 7, 15)
    assert (last - first).days == 43


@pytest.mark.parametrize(
    ("text", "reference", "start", "end"),
    [
        ("voor de zomervakantie", D(2021, 7, 9), D(2021, 7, 9), D(2021, 7, 9)),
        # Once the holiday has started, "before the summer" is next year's.
        ("voor de zomervakantie", D(2021, 7, 10), D(2021, 7, 10), D(2022, 7, 15)),
        ("na de zomervakantie", D(2021, 8, 22), D(2021, 8, 23), D(2021, 9, 30)),
        ("na de zomervakantie", D(2021, 8, 23), D(2022, 8, 29), D(2022, 9, 30)),
        ("na de zomervakantie", D(2030, 1, 1), D(2030, 8, 26), D(2030, 9, 30)),
    ],
)
def test_summer_year_choice(text, reference, start, end):
    period = parse_period(text, reference=reference)
    assert (period.start, period.end) == (start, end)


# --- Recurrence ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["jaarlijks", "Jaarlijks", "elk jaar", "ieder jaar"])
def test_yearly(text):
    period = parse_period(text, reference=RAISED)
    assert (period.kind, period.start, period.end, period.recurring) == (
        PeriodKind.YEARLY, RAISED, D(2021, 12, 31), True,
    )  # fmt: skip
    following = period.next_occurrence()
    assert (following.start, following.end, following.recurring) == (
        D(2022, 3, 23), D(2022, 12, 31), True,
    )  # fmt: skip
    assert following.text == period.text


def test_period_with_yearly_recurrence_from_the_seed():
    due, done = parse_due(
        "Afgerond Afgerond Afgerond Eerste helft 2021 jaarlijks", reference=D(2020, 10, 1)
    )
    assert done
    assert (due.kind, due.start, due.end, due.recurring) == (
        PeriodKind.HALF, D(2021, 1, 1), D(2021, 6, 30), True,
    )  # fmt: skip
    following = due.next_occurrence()
    assert (following.start, following.end) == (D(2022, 1, 1), D(2022, 6, 30))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("jaarlijks in februari 2023", D(2024, 2, 1), D(2024, 2, 29)),  # month end kept
        ("februari 2024, jaarlijks", D(2025, 2, 1), D(2025, 2, 28)),
        ("winter 2022 (jaarlijks)", D(2023, 12, 1), D(2024, 2, 29)),
        ("29 februari 2024 jaarlijks", D(2025, 2, 28), D(2025, 2, 28)),
        ("elk jaar 15 maart", D(2022, 3, 15), D(2022, 3, 15)),
    ],
)
def test_next_occurrence_edges(text, start, end):
    period = parse_period(text, reference=RAISED)
    assert period.recurring
    following = period.next_occurrence()
    assert (following.start, following.end) == (start, end)


def test_next_occurrence_of_a_one_off_is_itself():
    period = parse_period("27 mei", reference=RAISED)
    assert period.next_occurrence() is period
    unknown = parse_period("?", reference=RAISED)
    assert unknown.next_occurrence() is unknown


# --- Overdue ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "overdue"),
    [
        ("27 mei", D(2021, 5, 27), False),  # due today is not overdue
        ("27 mei", D(2021, 5, 28), True),
        ("z.s.m.", D(2021, 4, 6), False),
        ("z.s.m.", D(2021, 4, 7), True),
        ("voor de zomervakantie", D(2021, 7, 9), False),
        ("voor de zomervakantie", D(2021, 7, 10), True),
        ("2e helft 2021", D(2021, 12, 31), False),
        ("2e helft 2021", D(2022, 1, 1), True),
        ("nog plannen", D(2099, 1, 1), False),  # unknown: never overdue, shown with a "?"
    ],
)
def test_is_overdue(text, today, overdue):
    assert parse_period(text, reference=RAISED).is_overdue(today) is overdue


# --- Status and "to plan" -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 mei Afgerond", ("27 mei", True)),
        ("Afgerond 27 mei", ("27 mei", True)),
        ("27 mei (afgerond)", ("27 mei", True)),
        ("27 mei - gereed", ("27 mei", True)),
        ("done", ("", True)),
        ("AFGEROND", ("", True)),
        ("Afgerond Afgerond Afgerond Eerste helft 2021 jaarlijks",
         ("Eerste helft 2021 jaarlijks", True)),
        ("27 mei", ("27 mei", False)),
        ("gereedschap halen", ("gereedschap halen", False)),
        ("", ("", False)),
    ],
)  # fmt: skip
def test_split_status(text, expected):
    assert split_status(text) == expected


def test_status_is_not_a_period():
    assert parse_period("27 mei Afgerond", reference=RAISED).kind == PeriodKind.UNKNOWN
    due, done = parse_due("27 mei Afgerond", reference=RAISED)
    assert (due.kind, due.end, done) == (PeriodKind.DATE, D(2021, 5, 27), True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<i>BBQ voor regisseurspool in Landsmeer (nog plannen)</i>", True),
        ("nog plannen", True),
        ("Nog te plannen", True),
        ("n.t.b.", True),
        ("NTB", True),
        ("nader te bepalen", True),
        ("Bijeenkomst over kwetsbaarheid in geval van casuïstiek in de media", False),
        ("27 mei", False),
        ("", False),
    ],
)
def test_is_to_plan(text, expected):
    assert is_to_plan(text) is expected


# --- Unknown text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["?", "n.t.b.", "nog plannen", "(nog plannen)", "iPGA-R", "blah", "Afgerond", "eind",
     "Q5 2021", "3e helft 2021", "week 99", "13/13", "5.1.2.e", "4.1.4", "mei of later",
     "z.s.m. maar eerst overleg", "\x00\ufffd💥", "2^{", "<i></i>", "   ", "9-13 uur",
     "x" * 10_000, "27 mei " * 100, "mei/" * 50],
)  # fmt: skip
def test_unknown_text(text):
    period = parse_period(text, reference=RAISED)
    assert (period.start, period.end, period.kind) == (None, None, PeriodKind.UNKNOWN)
    assert not period.understood
    assert period.text == " ".join(text.split())
    assert not period.is_overdue(D(2100, 1, 1))


# --- Termijnagenda dates ------------------------------------------------------------------------

# Every date cell of the seed's TERMIJNAGENDA, markup included, with the meeting as reference
# unless the cell needs the start of the year (the lists of the year's training days).
SEED_AGENDA_DATES = [
    ("1, 5, 29 april en 13 mei 2021", MEETING,
     [D(2021, 4, 1), D(2021, 4, 5), D(2021, 4, 29), D(2021, 5, 13)]),
    ("iPGA-R 18 mei", MEETING, [D(2021, 5, 18)]),
    ("27 mei", MEETING, [D(2021, 5, 27)]),
    ("<i>Mei/juni of na zomervakantie</i>", MEETING, []),
    ("<i>Voor zomervakantie</i>", MEETING, []),
    ("iPGA-R 15 juni", MEETING, [D(2021, 6, 15)]),
    ("<i>16/2, 15/4, 22/6, 23/9, 11/11 en 16/12</i>", D(2021, 1, 1),
     [D(2021, 2, 16), D(2021, 4, 15), D(2021, 6, 22), D(2021, 9, 23), D(2021, 11, 11),
      D(2021, 12, 16)]),
    ("<i>9/2, 13/4, 22/6, 23/9, 11/11 en 16/12</i>", D(2021, 1, 1),
     [D(2021, 2, 9), D(2021, 4, 13), D(2021, 6, 22), D(2021, 9, 23), D(2021, 11, 11),
      D(2021, 12, 16)]),
    ("30 juni (9-13 uur) en 8 juli (13-17 uur)", MEETING, [D(2021, 6, 30), D(2021, 7, 8)]),
    ("<i>iPGA-R</i>", MEETING, []),
    ("<i>2^e helft 2021</i>", MEETING, []),
    ("<i>September 2021</i>", MEETING, []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "reference", "expected"), SEED_AGENDA_DATES)
def test_parse_dates_on_the_seed_agenda(text, reference, expected):
    assert parse_dates(text, reference=reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # A list runs forward in time, so it crosses New Year.
        ("16/12 en 13/1", D(2021, 6, 1), [D(2021, 12, 16), D(2022, 1, 13)]),
        # A year written at the end applies to the days before it.
        ("20 december en 5 januari 2022", RAISED, [D(2021, 12, 20), D(2022, 1, 5)]),
        ("dinsdag 15 juni 2021 om 10:00", D(2020, 1, 1), [D(2021, 6, 15)]),
        ("2021-05-27 en 3-6-2021", RAISED, [D(2021, 5, 27), D(2021, 6, 3)]),
        ("zie artikel 5.1.2.e en 4.1.4", RAISED, []),
        ("9-12 uur", RAISED, []),  # a clock time, not 9 December
        ("31/2 en 1/3", RAISED, [D(2021, 3, 1)]),  # an impossible day is dropped
        ("", RAISED, []),
    ],
)
def test_parse_dates_edges(text, reference, expected):
    assert parse_dates(text, reference=reference) == expected


# --- Properties ---------------------------------------------------------------------------------

_VOCABULARY = [
    "z.s.m.", "voor", "na", "de", "zomervakantie", "zomer", "mei", "juni", "sept.", "2021",
    "2022", "'22", "27", "29", "31", "/", "-", "t/m", "of", "en", ",", "eind", "begin",
    "medio", "helft", "2e", "1^e", "kwartaal", "Q3", "H2", "jaarlijks", "elk jaar", "week",
    "53", "winter", "afgerond", "(", ")", "9-13 uur", "februari", "29/2", "16/12", "van",
    "tot", "uiterlijk", "binnen", "weken", "dit jaar", "volgend jaar", "?", "<i>", "</i>",
]  # fmt: skip
_REFERENCES = st.dates(min_value=D(1950, 1, 1), max_value=D(2150, 12, 31))
_PHRASES = st.lists(st.sampled_from(_VOCABULARY), max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=300), _PHRASES), reference=_REFERENCES)
def test_parse_period_never_raises_and_is_ordered(text, reference):
    period = parse_period(text, reference=reference)
    assert isinstance(period, Period)
    assert period.understood == (period.start is not None and period.end is not None)
    if period.start is not None and period.end is not None:
        assert period.start <= period.end
        assert period.next_occurrence().start <= period.next_occurrence().end  # type: ignore[operator]
    for day in parse_dates(text, reference=reference):
        assert isinstance(day, date)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=D(1990, 1, 1), max_value=D(2150, 12, 31)), reference=_REFERENCES)
def test_written_out_dates_round_trip(day, reference):
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    for text in (
        f"{day.day} {months[day.month - 1]} {day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        day.isoformat(),
    ):
        period = parse_period(text, reference=reference)
        assert (period.kind, period.start, period.end) == (PeriodKind.DATE, day, day), text


def test_a_yearly_period_at_the_end_of_the_calendar_does_not_raise():
    period = Period("jaarlijks", date(9999, 6, 1), date(9999, 6, 30), PeriodKind.YEARLY, True)
    follow = period.next_occurrence()
    assert follow.start is None
    assert not follow.recurring  # no next year to roll on to
