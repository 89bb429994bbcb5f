"""Issue 11.3: minutes are sent for adoption only once the meeting has started, and minutes out
for adoption are read-only (as adopted minutes are) until taken back to draft, which tells the
attendees again by e-mail. Enforced in the services; the page follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from regie.accounts.models import User
from regie.core import policy
from regie.meetings import services
from regie.meetings.models import AgendaItem, Attendee, Meeting, MinutesAdoption
from regie.meetings.vocabulary import Meetings
from tests.meetings.conftest import later
from tests.meetings.test_services import EDITS as LOCKED_EDITS

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def _with_addresses(meeting: Meeting) -> set[str]:
    """Give the attendees with an account an e-mail address; returns those addresses."""
    for user in User.objects.filter(meeting_attendances__meeting=meeting):
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.org")
    rows = meeting.attendees.filter(user__isnull=False).select_related("user")
    return {f"{a.user.username}@example.org" for a in rows if a.user is not None}


# --- Sending needs the meeting to have started ---------------------------------------------------


def test_minutes_of_a_meeting_that_has_not_started_are_not_sent(
    meeting: Meeting,
    secretary: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.update_meeting(meeting, actor=secretary, start_time=dt.time(10, 0))
    _with_addresses(meeting)
    with (
        time_machine.travel(_at(meeting.date, 9, 59), tick=False),
        translation.override("nl"),
        pytest.raises(ValidationError) as refused,
    ):
        services.submit_minutes(meeting, actor=secretary)
    assert refused.value.code == "not_started"
    assert "De vergadering is nog niet begonnen" in " ".join(refused.value.messages)
    assert "15-06-2021 10:00" in " ".join(refused.value.messages)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONCEPT
    assert meeting.submitted_at is None
    assert mailoutbox == []
    with (
        time_machine.travel(_at(meeting.date, 10, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.submit_minutes(meeting, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SUBMITTED
    assert len(mailoutbox) == 1


def test_without_a_start_time_the_meeting_starts_on_its_day(
    meeting: Meeting, secretary: User
) -> None:
    assert meeting.start_time is None
    with (
        time_machine.travel(_at(meeting.date - dt.timedelta(days=1), 23, 59), tick=False),
        pytest.raises(ValidationError),
    ):
        services.submit_minutes(meeting, actor=secretary)
    with time_machine.travel(_at(meeting.date, 0, 1), tick=False):
        services.submit_minutes(meeting, actor=secretary)
    assert meeting.status == Meeting.Status.SUBMITTED


def test_sending_a_future_meeting_from_the_page_is_refused_in_dutch(
    login_as: Callable[[str], Client], meeting: Meeting, secretary: User, mailoutbox: list[Any]
) -> None:
    future = later(meeting, secretary, days=3650)  # 2031
    client = login_as("secretaris")
    page = client.get(reverse("meetings:meeting", args=[future.pk])).content.decode()
    # The page offers no button that cannot work, and says from when it can.
    assert reverse("meetings:submit", args=[future.pk]) not in page
    assert "kunt u ter vaststelling versturen zodra de vergadering is begonnen" in page
    response = client.post(reverse("meetings:submit", args=[future.pk]), follow=True)
    assert "De vergadering is nog niet begonnen" in response.content.decode()
    future.refresh_from_db()
    assert future.status == Meeting.Status.CONCEPT
    assert mailoutbox == []


# --- Ter vaststelling is read-only ----------------------------------------------------------------


@pytest.fixture
def submitted(meeting: Meeting, secretary: User) -> dict[str, Any]:
    """A meeting with an item, a point and a decision, sent for adoption; the next meeting
    exists."""
    item = services.add_item(meeting, actor=secretary, title="Casuïstiek")
    point = services.add_point(item, actor=secretary, text="Besproken.")
    decision = services.add_decision(item, actor=secretary, text="Zo gaan we het doen.")
    following = later(meeting, secretary)
    services.submit_minutes(meeting, actor=secretary)
    meeting.refresh_from_db()
    return {
        "meeting": meeting,
        "item": item,
        "point": point,
        "decision": decision,
        "following": following,
        "attendee": meeting.attendees.filter(user__isnull=False).order_by("pk")[0],
        "secretary": secretary,
    }


# The edits adopted minutes refuse (test_services), and the three that only concern minutes
# still in the making: the meeting's details and its attendance.
EDITS: dict[str, Callable[[dict[str, Any]], Any]] = {
    **LOCKED_EDITS,
    "update_meeting": lambda w: services.update_meeting(
        w["meeting"], actor=w["secretary"], location="Elders"
    ),
    "remove_attendee": lambda w: services.remove_attendee(w["attendee"], actor=w["secretary"]),
    "set_attendance": lambda w: services.set_attendance(
        w["meeting"],
        {w["attendee"].pk: (Attendee.Presence.ABSENT, "ziek")},
        actor=w["secretary"],
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_minutes_out_for_adoption_are_read_only(submitted: dict[str, Any], edit: str) -> None:
    meeting = submitted["meeting"]
    before = (meeting.version, meeting.location)
    items, attendees = meeting.items.count(), meeting.attendees.count()
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        EDITS[edit](submitted)
    assert refused.value.code == "submitted"
    assert "ter vaststelling" in " ".join(refused.value.messages)
    meeting.refresh_from_db()
    assert (meeting.version, meeting.location) == before
    item = AgendaItem.objects.get(pk=submitted["item"].pk)
    assert (item.title, item.deferred) == ("Casuïstiek", False)
    assert [p.text for p in item.points.all()] == ["Besproken."]
    assert [d.text for d in item.decisions.all()] == ["Zo gaan we het doen."]
    assert (meeting.items.count(), meeting.attendees.count()) == (items, attendees)
    assert not meeting.attendees.filter(presence=Attendee.Presence.ABSENT).exists()


def test_an_adoption_is_not_recorded_under_minutes_out_for_adoption(
    meeting: Meeting, secretary: User
) -> None:
    """Adopting earlier minutes writes under this meeting's "Vaststellen verslag" item: part of
    its own minutes, so not once those are out for adoption."""
    services.submit_minutes(meeting, actor=secretary)
    following = later(meeting, secretary)
    services.submit_minutes(following, actor=secretary)
    with pytest.raises(ValidationError) as refused:
        services.record_adoption(
            meeting, following, MinutesAdoption.Outcome.ADOPTED, actor=secretary
        )
    assert refused.value.code == "submitted"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SUBMITTED


def test_deferring_does_not_add_to_a_next_meeting_out_for_adoption(
    meeting: Meeting, secretary: User
) -> None:
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld")
    following = later(meeting, secretary)
    services.submit_minutes(following, actor=secretary)
    services.defer_item(item, actor=secretary)
    assert not following.items.filter(deferred_from=item).exists()


def test_the_policy_says_submitted_minutes_are_not_editable(
    submitted: dict[str, Any], secretary: User
) -> None:
    assert not policy.permits(secretary, Meetings.EDIT_MINUTES, submitted["meeting"])
    assert not policy.permits(secretary, Meetings.MINUTES_ERRATUM, submitted["meeting"])
    assert policy.permits(secretary, Meetings.EDIT_MINUTES, submitted["following"])


def test_back_to_draft_makes_them_editable_and_tells_the_attendees(
    submitted: dict[str, Any],
    secretary: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = submitted["meeting"]
    addresses = _with_addresses(meeting)
    mailoutbox.clear()
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.withdraw_minutes(meeting, actor=secretary)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert "terug naar concept" in mail.subject.lower()
    assert set(mail.to) | set(mail.bcc) == addresses
    services.add_point(submitted["item"], actor=secretary, text="Aangevuld.")
    assert submitted["item"].points.count() == 2


# --- The page -------------------------------------------------------------------------------------


def test_the_page_of_minutes_out_for_adoption_offers_no_edits(
    login_as: Callable[[str], Client], submitted: dict[str, Any]
) -> None:
    meeting, item = submitted["meeting"], submitted["item"]
    client = login_as("secretaris")
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    main = page.split("<main")[1].split("</main>")[0]
    assert "alleen-lezen" in main
    for url in (
        reverse("meetings:point_add", args=[item.pk]),
        reverse("meetings:item_add", args=[meeting.pk]),
        reverse("meetings:item_edit", args=[item.pk]),
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        reverse("meetings:invite", args=[meeting.pk]),
        reverse("meetings:decision_remove", args=[submitted["decision"].pk]),
    ):
        assert url not in main
    assert reverse("meetings:withdraw", args=[meeting.pk]) in main
    # A stale page's form is refused with the reason, in Dutch.
    response = client.post(
        reverse("meetings:point_add", args=[item.pk]), {f"point{item.pk}-text": "Te laat."}
    )
    assert response.status_code == 400
    assert "ter vaststelling" in response.content.decode()
    assert item.points.count() == 1
