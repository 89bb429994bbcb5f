"""The informatiebeeld's period (pure) and the form that reads it from the query string."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from regie.intake.insights import period
from regie.intake.insights.forms import PeriodForm, form_for
from regie.intake.insights.period import Grain, Period

TODAY = date(2026, 12, 3)


def test_the_default_is_the_last_twelve_full_months() -> None:
    chosen = period.default(TODAY)
    assert (chosen.first, chosen.end, chosen.grain) == (
        date(2025, 12, 1),
        date(2026, 12, 1),
        "maand",
    )
    assert chosen.last_day == date(2026, 11, 30)
    assert len(chosen.buckets) == 12
    assert chosen.buckets[0] == date(2025, 12, 1)
    assert chosen.buckets[-1] == date(2026, 11, 1)
    assert chosen.previous == Period(date(2024, 12, 1), date(2025, 12, 1), Grain.MONTH)


def test_per_quarter_the_period_widens_to_whole_quarters() -> None:
    chosen = period.make(date(2026, 2, 1), date(2026, 8, 1), Grain.QUARTER)
    assert (chosen.first, chosen.end) == (date(2026, 1, 1), date(2026, 10, 1))
    assert chosen.buckets == (date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1))
    assert chosen.previous == Period(date(2025, 4, 1), date(2026, 1, 1), Grain.QUARTER)
    assert period.default(TODAY, Grain.QUARTER) == Period(
        date(2025, 10, 1), date(2026, 10, 1), Grain.QUARTER
    )


def test_a_period_must_lie_on_its_grain() -> None:
    with pytest.raises(ValueError, match="does not start a kwartaal"):
        Period(date(2026, 2, 1), date(2026, 5, 1), Grain.QUARTER)
    with pytest.raises(ValueError, match="ends after"):
        Period(date(2026, 2, 1), date(2026, 2, 1), Grain.MONTH)


def test_months_cross_the_year() -> None:
    assert period.add_months(date(2026, 11, 15), 3) == date(2027, 2, 1)
    assert period.add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert period.months_between(date(2025, 11, 1), date(2026, 2, 1)) == 3


@given(
    first=st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31)),
    length=st.integers(min_value=0, max_value=period.MAX_MONTHS - 3),
    grain=st.sampled_from(list(Grain)),
)
def test_the_previous_period_has_equal_length_and_ends_where_this_begins(
    first: date, length: int, grain: Grain
) -> None:
    chosen = period.make(first, period.add_months(first, length), grain)
    before = chosen.previous
    assert before.end == chosen.first
    assert before.months == chosen.months
    assert len(before.buckets) == len(chosen.buckets)
    assert before.grain == chosen.grain
    # Every bucket is a whole month or quarter, in order, and together they cover the period.
    assert chosen.buckets[0] == chosen.first
    assert period.add_months(chosen.buckets[-1], grain.months) == chosen.end
    assert chosen.first <= first < chosen.end


def _form(**query: str) -> PeriodForm:
    with translation.override("en"):
        form = PeriodForm(query, today=TODAY)
        form.is_valid()
    return form


def test_the_form_reads_months_and_the_grain() -> None:
    form = _form(van="2026-01", tot="2026-06", per="kwartaal")
    assert form.is_valid()
    assert form.period() == Period(date(2026, 1, 1), date(2026, 7, 1), Grain.QUARTER)
    # What the user may type where the browser has no month picker: mm-jjjj, or a whole date.
    assert _form(van="03-2026", tot="2026-04-17").period() == Period(
        date(2026, 3, 1), date(2026, 5, 1), Grain.MONTH
    )


def test_without_a_period_the_form_gives_the_default() -> None:
    assert _form().period() == period.default(TODAY)
    assert _form(per="kwartaal").period() == period.default(TODAY, Grain.QUARTER)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"van": "maart", "tot": "2026-04"}, "van", "Enter a month as yyyy-mm"),
        ({"van": "2026-13", "tot": "2026-12"}, "van", "Enter a month as yyyy-mm"),
        ({"van": "2026-01"}, "tot", "Enter the last month"),
        ({"tot": "2026-01"}, "van", "Enter the first month"),
        ({"van": "2026-05", "tot": "2026-01"}, "tot", "cannot be before the first"),
        ({"van": "2010-01", "tot": "2026-01"}, "tot", "at most 5 years"),
        ({"per": "week"}, "per", "Select a valid choice"),
    ],
)
def test_a_wrong_period_is_an_error_at_its_field(
    query: dict[str, str], field: str, message: str
) -> None:
    form = _form(**query)
    assert not form.is_valid()
    with translation.override("en"):
        assert message in " ".join(str(error) for error in form.errors[field])


def test_the_form_is_shown_again_with_the_period_it_stands_for() -> None:
    shown, chosen = form_for({"van": "2026-02", "tot": "2026-05", "per": "kwartaal"}, TODAY)
    assert chosen == Period(date(2026, 1, 1), date(2026, 7, 1), Grain.QUARTER)
    assert 'value="2026-01"' in str(shown["van"])
    assert 'value="2026-06"' in str(shown["tot"])
    refused, none = form_for({"van": "x"}, TODAY)
    assert none is None
    assert refused.errors
