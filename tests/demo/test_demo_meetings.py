"""The demo team meeting: past meetings modelled on the seed, the next agenda, the actielijst
and the termijnagenda, and what each demo account sees of them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from regie.accounts.models import User
from regie.core.policy import visible
from regie.meetings import selectors
from regie.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingSeries,
    MinutesAdoption,
    SubAction,
    TermItem,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> MeetingSeries:
    with override_settings(DEBUG=True):
        call_command("demo")
    return MeetingSeries.objects.get(name="iPGA-R Teamoverleg")


def test_the_series_has_three_past_meetings_and_the_next_one(demo: MeetingSeries) -> None:
    statuses = list(demo.meetings.order_by("date").values_list("status", flat=True))
    assert statuses == [
        Meeting.Status.ADOPTED,
        Meeting.Status.ADOPTED,
        Meeting.Status.SUBMITTED,
        Meeting.Status.CONCEPT,
    ]
    outcomes = set(MinutesAdoption.objects.values_list("outcome", flat=True))
    assert outcomes == {"adopted", "adopted_with_changes"}
    upcoming = demo.meetings.order_by("-date").first()
    assert upcoming is not None
    deferred = upcoming.items.get(kind=AgendaItem.Kind.DEFERRED)
    assert deferred.deferred_from is not None
    assert selectors.pending_minutes(upcoming)  # the third meeting's minutes await adoption


def test_the_actielijst_has_open_done_recurring_and_unknown_periods(demo: MeetingSeries) -> None:
    subs = SubAction.objects.filter(action__series=demo)
    assert subs.filter(status=SubAction.Status.DONE).exists()
    assert subs.filter(recurring=True).exists()
    assert subs.filter(status=SubAction.Status.OPEN, due_end__isnull=True).exclude(due_text="")
    upcoming = demo.meetings.order_by("-date").first()
    assert upcoming is not None
    assert any(a.subactions.all() for a in selectors.actielijst(upcoming))


def test_the_termijnagenda_has_dated_and_unplanned_items(demo: MeetingSeries) -> None:
    items = TermItem.objects.filter(series=demo)
    assert items.filter(to_plan=True).count() >= 2
    assert max(i.dates.count() for i in items) == 6  # the six intervision dates


def test_demo_accounts_see_what_they_should(demo: MeetingSeries) -> None:
    def series_of(username: str) -> set[str]:
        user = User.objects.get(username=username)
        return set(visible(user, MeetingSeries).values_list("name", flat=True))

    for member in ("teamleider", "regisseur1", "secretaris"):
        assert series_of(member) == {demo.name}
    for outsider in ("auditor", "aandachtsfunctionaris", "projectleider-noord"):
        assert series_of(outsider) == set()
    guest = User.objects.get(username="projectleider-noord")
    meetings = visible(guest, Meeting)
    assert meetings.count() == 1  # the adopted meeting he attended
    only = meetings.get()
    titles = set(visible(guest, AgendaItem).filter(meeting=only).values_list("title", flat=True))
    assert "Toelichting op het informatiebeeld" not in titles  # confidential
    assert "Kennismaking met projectleiders stadsdelen" in titles
