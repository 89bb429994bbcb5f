"""A guest reads about the adoption of minutes only as far as he may open the meetings involved.

Adoption notes are free text by members ("Bij punt 1 …"): they may be recorded at a meeting the
guest never attended, and they number items as the members' copy does, which differs from a
guest copy that leaves confidential items out (issue 10, point 12).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.meetings import documents, services
from regie.meetings.models import Attendee, Meeting, MinutesAdoption
from tests.meetings.conftest import later

GUEST = "partner_stadsdeel"
NOTE = "Bij punt 1 is de functie van een gast gecorrigeerd."


@pytest.fixture
def client_as(login_as: Callable[[str], Client]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = login_as(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _with_guest(meeting: Meeting, secretary: User, guest: User) -> Meeting:
    row = services.invite(meeting, actor=secretary, user=guest, organisation_name="Stadsdeel Noord")
    services.set_presence(row, Attendee.Presence.ALSO_PRESENT, actor=secretary)
    return meeting


def _adopt_with_note(minutes_of: Meeting, at: Meeting, secretary: User) -> None:
    services.submit_minutes(minutes_of, actor=secretary)
    services.record_adoption(
        minutes_of, at, MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES, actor=secretary, changes=NOTE
    )


def _page(client: Client, meeting: Meeting) -> str:
    response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_notes_recorded_at_a_meeting_the_guest_did_not_attend_stay_hidden(
    client_as: Callable[[str], Client], meeting: Meeting, secretary: User
) -> None:
    services.add_item(meeting, actor=secretary, title="Kennismaking projectleiders")
    following = later(meeting, secretary)
    _adopt_with_note(meeting, following, secretary)

    guest_page = _page(client_as(GUEST), meeting)
    assert "adopted with changes" in guest_page
    assert NOTE not in guest_page
    assert reverse("meetings:meeting", args=[following.pk]) not in guest_page
    assert NOTE in _page(client_as("secretaris"), meeting)


def test_notes_on_minutes_whose_guest_copy_is_numbered_differently_stay_hidden(
    client_as: Callable[[str], Client],
    meeting: Meeting,
    secretary: User,
    personas: dict[str, User],
) -> None:
    """The guest attended both meetings; but the adopted minutes had a confidential item, so
    "punt 1" in the note is not his punt 1."""
    services.add_item(meeting, actor=secretary, title="Casus Noord", confidential=True)
    services.add_item(meeting, actor=secretary, title="Kennismaking projectleiders")
    following = _with_guest(later(meeting, secretary), secretary, personas[GUEST])
    _adopt_with_note(meeting, following, secretary)
    third = later(following, secretary)
    services.submit_minutes(following, actor=secretary)
    services.record_adoption(following, third, MinutesAdoption.Outcome.ADOPTED, actor=secretary)

    guest = client_as(GUEST)
    page = _page(guest, meeting)
    assert "adopted with changes" in page
    assert NOTE not in page
    # The adopting meeting's copy says the earlier minutes were adopted, without the note.
    copy = documents.build(personas[GUEST], Meeting.objects.get(pk=following.pk))
    lines = [line for block in copy.items for line in block.adoptions]
    assert lines
    assert all(NOTE not in line for line in lines)
    member = documents.build(secretary, Meeting.objects.get(pk=following.pk))
    assert any(NOTE in line for block in member.items for line in block.adoptions)


def test_notes_are_shown_when_the_guest_may_open_both_and_numbering_agrees(
    client_as: Callable[[str], Client],
    meeting: Meeting,
    secretary: User,
    personas: dict[str, User],
) -> None:
    services.add_item(meeting, actor=secretary, title="Kennismaking projectleiders")
    following = _with_guest(later(meeting, secretary), secretary, personas[GUEST])
    _adopt_with_note(meeting, following, secretary)
    third = later(following, secretary)
    services.submit_minutes(following, actor=secretary)
    services.record_adoption(following, third, MinutesAdoption.Outcome.ADOPTED, actor=secretary)

    page = _page(client_as(GUEST), meeting)
    assert NOTE in page
    assert reverse("meetings:meeting", args=[following.pk]) in page
    copy = documents.build(personas[GUEST], Meeting.objects.get(pk=following.pk))
    assert any(NOTE in line for block in copy.items for line in block.adoptions)


def test_a_guest_copy_leaves_out_adoptions_of_minutes_he_may_not_open(
    meeting: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    """The guest attended only the later meeting: the earlier minutes are not his to read."""
    services.add_item(meeting, actor=secretary, title="Kennismaking projectleiders")
    meeting.attendees.filter(user=personas[GUEST]).delete()
    following = _with_guest(later(meeting, secretary), secretary, personas[GUEST])
    _adopt_with_note(meeting, following, secretary)
    third = later(following, secretary)
    services.submit_minutes(following, actor=secretary)
    services.record_adoption(following, third, MinutesAdoption.Outcome.ADOPTED, actor=secretary)

    copy = documents.build(personas[GUEST], Meeting.objects.get(pk=following.pk))
    assert not any(block.adoptions for block in copy.items)
    member = documents.build(secretary, Meeting.objects.get(pk=following.pk))
    assert any(block.adoptions for block in member.items)
