"""Integrity of the meetings data under awkward input and concurrent use (review fixes): agenda
numbering of imported minutes, the meeting row lock on agenda writes, references that must stay
inside the series, and dates at the edge of the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models.query import QuerySet

from regie.accounts.models import User
from regie.meetings import selectors, services
from regie.meetings.importing import saving
from regie.meetings.importing.parser import DraftItem, DraftMeeting
from regie.meetings.models import AgendaItem, Meeting, MeetingSeries, MinutesAdoption
from tests.meetings.conftest import later

pytestmark = pytest.mark.django_db


# --- Imported agenda numbering ------------------------------------------------------------------


def test_import_numbers_an_item_after_the_closing_item_uniquely(
    series: MeetingSeries, secretary: User
) -> None:
    draft = DraftMeeting(
        date=dt.date(2021, 6, 15),
        items=[
            DraftItem(number=1, title="Opening", standing="opening"),
            DraftItem(number=2, title="Casuïstiek"),
            DraftItem(number=3, title="WVTTK en sluiting", standing="closing"),
            DraftItem(number=4, title="Bijlage: planning"),
            DraftItem(number=5, title="Nagekomen"),
        ],
    )
    meeting = saving.save_draft(actor=secretary, series=series, draft=draft).meeting
    rows = list(meeting.items.order_by("position", "id").values_list("position", "title"))
    assert rows == [
        (1, "Opening"),
        (2, "Casuïstiek"),
        (3, "WVTTK en sluiting"),
        (4, "Bijlage: planning"),
        (5, "Nagekomen"),
    ]


# --- The meeting row lock on agenda writes --------------------------------------------------------


@pytest.fixture
def locked_models(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records the models read with select_for_update (a no-op on SQLite, so spied on)."""
    seen: list[Any] = []
    original = QuerySet.select_for_update

    def spy(self: QuerySet[Any], *args: Any, **kwargs: Any) -> QuerySet[Any]:
        seen.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    return seen


def test_agenda_writes_lock_the_meeting_row(
    meeting: Meeting, secretary: User, locked_models: list[Any]
) -> None:
    following = later(meeting, secretary)
    made: dict[str, AgendaItem] = {}
    writes: list[Callable[[], Any]] = [
        lambda: later(meeting, secretary, 56),  # reads what the previous meeting deferred
        lambda: made.setdefault("a", services.add_item(meeting, actor=secretary, title="A")),
        lambda: services.move_item(made["a"], actor=secretary, up=True),
        lambda: services.reorder_items(
            meeting, list(meeting.items.values_list("pk", flat=True)), actor=secretary
        ),
        lambda: made.setdefault("copy", services.copy_item(made["a"], following, actor=secretary)),
        lambda: made.setdefault(
            "moved", services.move_item_to(made["a"], following, actor=secretary)
        ),
        lambda: services.defer_item(made["moved"], actor=secretary),
        lambda: services.remove_item(made["copy"], actor=secretary),
    ]
    for write in writes:
        locked_models.clear()
        write()
        assert Meeting in locked_models


def test_adoption_waits_for_agenda_writes_on_the_fresh_status(
    meeting: Meeting, secretary: User
) -> None:
    """A stale in-memory meeting does not slip an item into minutes adopted meanwhile."""
    stale = Meeting.objects.get(pk=meeting.pk)
    services.submit_minutes(meeting, actor=secretary)
    services.record_adoption(
        meeting, later(meeting, secretary), MinutesAdoption.Outcome.ADOPTED, actor=secretary
    )
    with pytest.raises(ValidationError) as refused:
        services.add_item(stale, actor=secretary, title="Te laat")
    assert refused.value.code == "locked"


# --- References stay inside the series -----------------------------------------------------------


@pytest.fixture
def other_meeting(series: MeetingSeries, secretary: User) -> Meeting:
    other = services.create_series(actor=secretary, name="Weegploeg", team=series.team)
    return services.create_meeting(other, actor=secretary, date=dt.date(2021, 7, 1))


def test_action_item_must_belong_to_the_series_and_meeting(
    meeting: Meeting, secretary: User, other_meeting: Meeting
) -> None:
    data = [services.SubActionInput("Lijst sturen")]
    foreign = other_meeting.items.all()[0]
    with pytest.raises(ValidationError) as refused:
        services.add_action(
            meeting.series, actor=secretary, subject="X", subactions=data, item=foreign
        )
    assert refused.value.code == "item"
    with pytest.raises(ValidationError) as refused:
        services.add_action(
            meeting.series, actor=secretary, subject="X", subactions=data, meeting=other_meeting
        )
    assert refused.value.code == "meeting"
    following = later(meeting, secretary)
    with pytest.raises(ValidationError) as refused:
        services.add_action(
            meeting.series,
            actor=secretary,
            subject="X",
            subactions=data,
            meeting=following,
            item=meeting.items.all()[0],
        )
    assert refused.value.code == "item"
    own = meeting.items.all()[0]
    action = services.add_action(
        meeting.series, actor=secretary, subject="X", subactions=data, meeting=meeting, item=own
    )
    assert action.item == own


def test_term_item_meeting_must_belong_to_the_series(
    meeting: Meeting, secretary: User, other_meeting: Meeting
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_term_item(
            meeting.series, actor=secretary, subject="Training", meeting=other_meeting
        )
    assert refused.value.code == "meeting"
    item = services.add_term_item(
        meeting.series, actor=secretary, subject="Training", meeting=meeting
    )
    assert item.meeting == meeting


def test_chair_and_minute_taker_are_members_of_the_series(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    outside = personas["partner_other"]
    with pytest.raises(ValidationError) as refused:
        services.create_meeting(series, actor=secretary, date=dt.date(2021, 7, 1), chair=outside)
    assert refused.value.code == "chair"
    with pytest.raises(ValidationError) as refused:
        services.create_meeting(
            series, actor=secretary, date=dt.date(2021, 7, 1), minute_taker=outside
        )
    assert refused.value.code == "minute_taker"
    assert not Meeting.objects.filter(series=series).exists()
    made = services.create_meeting(
        series,
        actor=secretary,
        date=dt.date(2021, 7, 1),
        chair=personas["teamleider"],
        minute_taker=personas["regisseur_a"],
    )
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(made, actor=secretary, chair=personas["partner_stadsdeel"])
    assert refused.value.code == "chair"
    services.update_meeting(made, actor=secretary, chair=None, minute_taker=personas["regisseur_b"])
    made.refresh_from_db()
    assert made.chair is None


def test_a_former_chair_does_not_block_other_edits(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    made = services.create_meeting(
        series, actor=secretary, date=dt.date(2021, 7, 1), chair=personas["regisseur_a"]
    )
    # The chair left the series since; the form sends the chair back unchanged.
    personas["regisseur_a"].memberships.update(ends_on=dt.date(2021, 1, 1))
    services.update_meeting(made, actor=secretary, chair=personas["regisseur_a"], location="Online")
    made.refresh_from_db()
    assert made.location == "Online"


# --- Dates at the edge of the calendar ----------------------------------------------------------


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_meeting_view_at_the_edges_of_the_calendar(
    series: MeetingSeries, secretary: User, personas: dict[str, User], day: dt.date
) -> None:
    made = services.create_meeting(series, actor=secretary, date=day)
    services.add_term_item(series, actor=secretary, subject="Training", dates=[dt.date(2021, 9, 1)])
    # Three months back from the first day there is no calendar left: everything counts.
    expected = ["Training"] if day.year == 1 else []
    assert [i.subject for i in selectors.term_agenda_at(made)] == expected
    view = selectors.meeting_view(personas["regisseur_a"], made)
    assert view.meeting == made
