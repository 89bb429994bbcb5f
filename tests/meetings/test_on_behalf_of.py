"""NEN 7513's "on whose behalf": the chair answers for a meeting's record, so whoever else writes
it (the secretary, the minute-taker) writes it on the chair's behalf. The audit event names both;
the privacy officer sees both in the access log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.meetings import services
from regie.meetings.models import Action, Attendee, Meeting, MinutesAdoption
from tests.english import english_login_as  # noqa: F401  (the page is read in English)
from tests.meetings.conftest import later

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_the_secretary_records_a_decision_on_behalf_of_the_chair(
    login_as: Login, meeting: Meeting
) -> None:
    assert meeting.chair is not None
    item = services.add_item(meeting, actor=meeting.chair, title="Kennismaking")
    response = login_as("secretaris").post(
        reverse("meetings:decision_add", args=[item.pk]),
        {f"decision{item.pk}-text": "De lijst wordt gedeeld."},
    )
    assert response.status_code in (200, 302)
    event = _last("meetings.decision.add")
    assert (event.actor, event.on_behalf_of) == ("secretaris", "teamleider")


def test_the_secretary_records_attendance_on_behalf_of_the_chair(
    login_as: Login, meeting: Meeting
) -> None:
    row = meeting.attendees.get(user__username="regisseur_b")
    response = login_as("secretaris").post(
        reverse("meetings:presence", args=[meeting.pk, row.pk]),
        {f"att{row.pk}-presence": "absent"},
    )
    assert response.status_code in (200, 302)
    event = _last("meetings.attendee.presence")
    assert (event.actor, event.on_behalf_of) == ("secretaris", "teamleider")


def test_the_chair_writing_the_minutes_acts_for_no_one(login_as: Login, meeting: Meeting) -> None:
    assert meeting.chair is not None
    item = services.add_item(meeting, actor=meeting.chair, title="Kennismaking")
    login_as("teamleider").post(
        reverse("meetings:point_add", args=[item.pk]),
        {f"point{item.pk}-text": "Iedereen welkom."},
    )
    event = _last("meetings.point.add")
    assert (event.actor, event.on_behalf_of) == ("teamleider", "")


def test_a_meeting_without_a_chair_is_recorded_for_no_one(
    login_as: Login, meeting: Meeting, secretary: User
) -> None:
    following = later(meeting, secretary)
    assert following.chair_id is None
    item = services.add_item(following, actor=secretary, title="Rondvraag")
    login_as("secretaris").post(
        reverse("meetings:point_add", args=[item.pk]),
        {f"point{item.pk}-text": "Geen vragen."},
    )
    assert _last("meetings.point.add").on_behalf_of == ""


def test_adoption_is_recorded_for_the_chair_of_the_adopting_meeting(
    login_as: Login, meeting: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    services.submit_minutes(meeting, actor=secretary)
    following = services.create_meeting(
        meeting.series,
        actor=secretary,
        date=meeting.date + dt.timedelta(days=28),
        chair=personas["regisseur_a"],
    )
    response = login_as("secretaris").post(
        reverse("meetings:adopt", args=[following.pk, meeting.pk]),
        {f"adopt{meeting.pk}-outcome": MinutesAdoption.Outcome.ADOPTED},
    )
    assert response.status_code in (200, 302)
    meeting.refresh_from_db()
    assert meeting.is_adopted
    # The minutes are of the 15 June meeting (chaired by the team leader), but they are adopted
    # under the later meeting's chair.
    assert _last("meetings.minutes.adoption").on_behalf_of == "regisseur_a"


def test_the_actielijst_is_kept_for_no_one(meeting: Meeting, secretary: User) -> None:
    """Actions belong to the series, which has no chair; see docs/audit.md."""
    services.add_action(
        meeting.series,
        actor=secretary,
        subject="Contactgids",
        subactions=[services.SubActionInput(description="Delen met regisseurs")],
        meeting=meeting,
    )
    assert _last("meetings.action.add").on_behalf_of == ""
    assert Action.objects.filter(subject="Contactgids").exists()


def test_the_privacy_officer_sees_on_whose_behalf(
    login_as: Login, meeting: Meeting, secretary: User
) -> None:
    attendee = meeting.attendees.get(user__username="regisseur_b")
    services.set_presence(attendee, Attendee.Presence.ABSENT, actor=secretary)
    page = login_as("auditor").get(reverse("audit:log"), {"action": "meetings.attendee.presence"})
    assert page.status_code == 200
    assert "secretaris (on behalf of teamleider)" in page.content.decode()
