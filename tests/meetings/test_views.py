"""The meeting pages: who sees and may do what (persona matrix for every view), and what the
pages do: create a meeting, record attendance, agenda, minutes, decisions, deferral, adoption,
errata; errors as form errors and conflicts as a message; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from regie.accounts.models import User
from regie.core import policy
from regie.meetings import selectors, services
from regie.meetings.models import (
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    MeetingSeries,
    MinutePoint,
    MinutesAdoption,
)
from regie.meetings.vocabulary import Meetings
from tests.meetings.conftest import later

pytestmark = pytest.mark.django_db

MANAGERS = ("secretaris", "teamleider")
READER = "regisseur_a"
GUEST = "partner_stadsdeel"
STRANGERS = ("partner_other", "auditor", "outsider")
EVERYONE = (*MANAGERS, READER, GUEST, *STRANGERS)


@pytest.fixture
def client_as(login_as: Callable[[str], Client]) -> Callable[[str], Client]:
    """A signed-in client that reads the English source messages."""

    def make(name: str) -> Client:
        client = login_as(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@dataclass
class World:
    meeting: Meeting
    following: Meeting
    item: AgendaItem
    secret: AgendaItem
    point: MinutePoint
    decision: Decision
    secretary: User

    def refresh(self) -> World:
        for obj in (self.meeting, self.following, self.item):
            obj.refresh_from_db()
        return self


@pytest.fixture
def world(meeting: Meeting, secretary: User) -> World:
    """The 15 June meeting with an ordinary item (a point and a decision), a confidential
    item, and the next meeting of the series."""
    item = services.add_item(meeting, actor=secretary, title="Kennismaking projectleiders")
    speaker = meeting.attendees.get(user=secretary)
    point = services.add_point(item, actor=secretary, text="Iedereen welkom.", speaker=speaker)
    decision = services.add_decision(item, actor=secretary, text="Contactgegevens worden gedeeld.")
    secret = services.add_item(meeting, actor=secretary, title="Casus Noord", confidential=True)
    following = later(meeting, secretary)
    return World(meeting, following, item, secret, point, decision, secretary)


def _adopt(world: World) -> None:
    services.submit_minutes(world.meeting, actor=world.secretary)
    services.record_adoption(
        world.meeting, world.following, MinutesAdoption.Outcome.ADOPTED, actor=world.secretary
    )
    world.refresh()


# --- Persona matrix: pages ----------------------------------------------------------------------

PAGES: dict[str, Callable[[World], str]] = {
    "index": lambda w: reverse("meetings:index"),
    "series": lambda w: reverse("meetings:series", args=[w.meeting.series_id]),
    "meeting_create": lambda w: reverse("meetings:meeting_create", args=[w.meeting.series_id]),
    "meeting": lambda w: reverse("meetings:meeting", args=[w.meeting.pk]),
}

# Before adoption the guest has no meeting to see, so the feature itself is refused (403).
PAGE_STATUS: dict[str, dict[str, int]] = {
    "index": {"secretaris": 200, "teamleider": 200, READER: 200, GUEST: 403},
    "series": {"secretaris": 200, "teamleider": 200, READER: 200, GUEST: 403},
    "meeting_create": {"secretaris": 200, "teamleider": 200, READER: 403, GUEST: 403},
    "meeting": {"secretaris": 200, "teamleider": 200, READER: 200, GUEST: 403},
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("persona", EVERYONE)
def test_page_matrix(
    client_as: Callable[[str], Client], world: World, page: str, persona: str
) -> None:
    expected = PAGE_STATUS[page].get(persona, 403)
    response = client_as(persona).get(PAGES[page](world))
    assert response.status_code == expected


# After adoption the guest sees the adopted meeting he attended, and nothing else of the series.
ADOPTED_PAGE_STATUS = {
    "index": 200,
    "series": 404,
    "meeting_create": 404,
    "meeting": 200,
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_guest_pages_after_adoption(
    client_as: Callable[[str], Client], world: World, page: str
) -> None:
    _adopt(world)
    response = client_as(GUEST).get(PAGES[page](world))
    assert response.status_code == ADOPTED_PAGE_STATUS[page]
    other = client_as(GUEST).get(reverse("meetings:meeting", args=[world.following.pk]))
    assert other.status_code == 404


@pytest.mark.parametrize("persona", STRANGERS)
def test_strangers_are_refused_even_after_adoption(
    client_as: Callable[[str], Client], world: World, persona: str
) -> None:
    _adopt(world)
    client = client_as(persona)
    for page in PAGES.values():
        assert client.get(page(world)).status_code == 403


# --- Persona matrix: actions --------------------------------------------------------------------

Post = tuple[str, dict[str, Any]]


def _details(w: World) -> Post:
    m = w.meeting
    return reverse("meetings:meeting_edit", args=[m.pk]), {
        "details-date": "2021-06-15",
        "details-start_time": "10:00",
        "details-end_time": "12:00",
        "details-location": "Stopera",
        "details-version": m.version,
    }


def _submitted(w: World) -> None:
    services.submit_minutes(w.meeting, actor=w.secretary)


ACTIONS: dict[str, tuple[Callable[[World], None] | None, Callable[[World], Post]]] = {
    "series_create": (
        None,
        lambda w: (
            reverse("meetings:series_create"),
            {"series-name": "Weegploegoverleg", "series-team": w.meeting.series.team_id},
        ),
    ),
    "meeting_create": (
        None,
        lambda w: (
            reverse("meetings:meeting_create", args=[w.meeting.series_id]),
            {"date": "2021-08-10", "start_time": "10:00", "end_time": "11:30"},
        ),
    ),
    "meeting_edit": (None, _details),
    "invite": (
        None,
        lambda w: (
            reverse("meetings:invite", args=[w.meeting.pk]),
            {
                "invite-name": "Gast Extern",
                "invite-organisation_name": "OM",
                "invite-kind": "guest",
            },
        ),
    ),
    "presence": (
        None,
        lambda w: (
            reverse(
                "meetings:presence",
                args=[w.meeting.pk, w.meeting.attendees.filter(user__isnull=False)[0].pk],
            ),
            {
                **{
                    f"att{w.meeting.attendees.filter(user__isnull=False)[0].pk}-presence": (
                        "absent"
                    )
                },
            },
        ),
    ),
    "attendee_remove": (
        None,
        lambda w: (
            reverse(
                "meetings:attendee_remove",
                args=[w.meeting.pk, w.meeting.attendees.get(user__username="regisseur_b").pk],
            ),
            {},
        ),
    ),
    "item_add": (
        None,
        lambda w: (
            reverse("meetings:item_add", args=[w.meeting.pk]),
            {"newitem-title": "Presentatie GGD", "newitem-kind": "presentation"},
        ),
    ),
    "item_edit": (
        None,
        lambda w: (
            reverse("meetings:item_edit", args=[w.item.pk]),
            {f"item{w.item.pk}-title": "Kennismaking", f"item{w.item.pk}-kind": "standard"},
        ),
    ),
    "item_move": (
        None,
        lambda w: (reverse("meetings:item_move", args=[w.item.pk]), {"direction": "up"}),
    ),
    "item_transfer": (
        None,
        lambda w: (
            reverse("meetings:item_transfer", args=[w.item.pk]),
            {f"transfer{w.item.pk}-target": w.following.pk, f"transfer{w.item.pk}-mode": "copy"},
        ),
    ),
    "item_remove": (
        None,
        lambda w: (reverse("meetings:item_remove", args=[w.secret.pk]), {}),
    ),
    "item_defer": (
        None,
        lambda w: (reverse("meetings:item_defer", args=[w.item.pk]), {"deferred": "1"}),
    ),
    "point_add": (
        None,
        lambda w: (
            reverse("meetings:point_add", args=[w.item.pk]),
            {f"point{w.item.pk}-text": "Een vraag over de borging."},
        ),
    ),
    "point_edit": (
        None,
        lambda w: (
            reverse("meetings:point_edit", args=[w.point.pk]),
            {f"pt{w.point.pk}-text": "Iedereen hartelijk welkom."},
        ),
    ),
    "point_remove": (
        None,
        lambda w: (reverse("meetings:point_remove", args=[w.point.pk]), {}),
    ),
    "decision_add": (
        None,
        lambda w: (
            reverse("meetings:decision_add", args=[w.item.pk]),
            {f"decision{w.item.pk}-text": "De lijst wordt gedeeld."},
        ),
    ),
    "decision_remove": (
        None,
        lambda w: (reverse("meetings:decision_remove", args=[w.decision.pk]), {}),
    ),
    "submit": (None, lambda w: (reverse("meetings:submit", args=[w.meeting.pk]), {})),
    "withdraw": (_submitted, lambda w: (reverse("meetings:withdraw", args=[w.meeting.pk]), {})),
    "adopt": (
        _submitted,
        lambda w: (
            reverse("meetings:adopt", args=[w.following.pk, w.meeting.pk]),
            {f"adopt{w.meeting.pk}-outcome": "adopted"},
        ),
    ),
    "erratum": (
        _adopt,
        lambda w: (
            reverse("meetings:erratum", args=[w.meeting.pk]),
            {"text": "Punt 2: de datum is 1 juli."},
        ),
    ),
}


# The sections of the meeting page whose form opens with a GET on the URL it posts to.
FORM_SECTIONS = {
    "meeting_edit",
    "invite",
    "item_add",
    "item_edit",
    "point_add",
    "point_edit",
    "decision_add",
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("persona", EVERYONE)
def test_action_matrix(
    client_as: Callable[[str], Client], world: World, action: str, persona: str
) -> None:
    prepare, build = ACTIONS[action]
    if prepare is not None:
        prepare(world)
    url, data = build(world)
    client = client_as(persona)
    if action in FORM_SECTIONS:
        # GET opens the form (issue 11.5): a page of its own, for managers only.
        assert client.get(url).status_code == (200 if persona in MANAGERS else 403)
    elif action != "meeting_create":  # that one is also the form page, in the page matrix
        # POST-only; whoever may not use the feature at all is refused before that.
        feature = Meetings.MANAGE if action == "series_create" else Meetings.VIEW
        allowed = policy.permits(User.objects.get(username=persona), feature)
        assert client.get(url).status_code == (405 if allowed else 403)
    response = client.post(url, data)
    if persona in MANAGERS:
        assert response.status_code == 302, response.content.decode()[:2000]
    else:
        # The reader is a member without a managing role; the others have no meetings at all.
        assert response.status_code == 403


@pytest.mark.parametrize("action", sorted(set(ACTIONS) - {"series_create", "meeting_create"}))
def test_guest_cannot_act_on_the_adopted_meeting(
    client_as: Callable[[str], Client], world: World, action: str
) -> None:
    """After adoption the guest sees the meeting: its objects are visible (403), the
    confidential item and the next meeting's objects are not (404)."""
    prepare, build = ACTIONS[action]
    if prepare is not None and prepare is not _adopt:
        prepare(world)
    if world.meeting.status != Meeting.Status.ADOPTED:
        if world.meeting.status == Meeting.Status.CONCEPT:
            services.submit_minutes(world.meeting, actor=world.secretary)
        services.record_adoption(
            world.meeting, world.following, MinutesAdoption.Outcome.ADOPTED, actor=world.secretary
        )
        world.refresh()
    url, data = build(world)
    response = client_as(GUEST).post(url, data)
    # item_remove targets the confidential item, invisible to the guest; adopt is recorded at
    # the next meeting, which the guest did not attend.
    if action in ("item_remove", "adopt"):
        assert response.status_code == 404
    else:
        assert response.status_code == 403


def test_invisible_objects_are_404_for_members_of_other_series(
    client_as: Callable[[str], Client], world: World, personas: dict[str, User]
) -> None:
    other = MeetingSeries.objects.create(name="Weegploeg", team=world.meeting.series.team)
    hidden = Meeting.objects.create(series=other, date=dt.date(2021, 6, 1))
    hidden_item = AgendaItem.objects.create(meeting=hidden, position=1, title="Geheim")
    # The regisseur takes part only through the regisseurspool, which is not in this series.
    client = client_as(READER)
    assert client.get(reverse("meetings:meeting", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("meetings:series", args=[other.pk])).status_code == 404
    url = reverse("meetings:point_add", args=[hidden_item.pk])
    assert client.post(url, {f"point{hidden_item.pk}-text": "x"}).status_code == 404
    assert client.post(reverse("meetings:point_remove", args=[999999])).status_code == 404


# --- Index and series ---------------------------------------------------------------------------


def test_index_lists_series_with_count_and_next_meeting(
    client_as: Callable[[str], Client], world: World
) -> None:
    upcoming = later(world.meeting, world.secretary, 365 * 20)
    page = client_as(READER).get(reverse("meetings:index")).content.decode()
    assert "iPGA-R Teamoverleg" in page
    assert reverse("meetings:series", args=[world.meeting.series_id]) in page
    assert reverse("meetings:meeting", args=[upcoming.pk]) in page
    assert "New series" not in page
    assert "New series" in client_as("secretaris").get(reverse("meetings:index")).content.decode()


def test_index_for_a_guest_lists_the_adopted_meetings_attended(
    client_as: Callable[[str], Client], world: World
) -> None:
    _adopt(world)
    page = client_as(GUEST).get(reverse("meetings:index")).content.decode()
    assert "Meetings you attended as a guest" in page
    assert reverse("meetings:meeting", args=[world.meeting.pk]) in page
    assert reverse("meetings:series", args=[world.meeting.series_id]) not in page


def test_series_page_lists_meetings_with_status(
    client_as: Callable[[str], Client], world: World
) -> None:
    _adopt(world)
    page = client_as("teamleider").get(reverse("meetings:series", args=[world.meeting.series_id]))
    text = page.content.decode()
    assert "adopted" in text
    assert "draft minutes" in text
    assert reverse("meetings:meeting_create", args=[world.meeting.series_id]) in text
    reader = client_as(READER).get(reverse("meetings:series", args=[world.meeting.series_id]))
    assert reverse("meetings:meeting_create", args=[world.meeting.series_id]) not in (
        reader.content.decode()
    )


def test_create_series(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("teamleider")
    team = world.meeting.series.team_id
    response = client.post(
        reverse("meetings:series_create"), {"series-name": "Weegploeg", "series-team": team}
    )
    created = MeetingSeries.objects.get(name="Weegploeg")
    assert response["Location"] == reverse("meetings:series", args=[created.pk])
    again = client.post(
        reverse("meetings:series_create"), {"series-name": "weegploeg", "series-team": team}
    )
    assert again.status_code == 400
    assert "A series with this name exists already." in again.content.decode()


# --- Creating and editing a meeting -------------------------------------------------------------


def test_create_meeting_from_the_template(
    client_as: Callable[[str], Client], world: World, personas: dict[str, User]
) -> None:
    # Without a later meeting yet, the deferred item waits for the next one to be made.
    Meeting.objects.filter(pk=world.following.pk).delete()
    services.defer_item(world.item, actor=world.secretary)
    response = client_as("secretaris").post(
        reverse("meetings:meeting_create", args=[world.meeting.series_id]),
        {
            "date": "2021-09-14",
            "start_time": "10:00",
            "end_time": "12:00",
            "location": "Stadhuis",
            "chair": personas["teamleider"].pk,
            "minute_taker": personas["secretaris"].pk,
        },
    )
    made = Meeting.objects.get(date=dt.date(2021, 9, 14))
    assert response["Location"] == reverse("meetings:meeting", args=[made.pk])
    assert made.chair == personas["teamleider"]
    titles = list(made.items.order_by("position").values_list("title", "kind"))
    assert titles[0][0] == "Agenda en mededelingen"
    assert ("Kennismaking projectleiders", AgendaItem.Kind.DEFERRED) in titles
    assert titles[-1][0] == "WVTTK en sluiting"
    assert made.attendees.filter(kind=Attendee.Kind.MEMBER).count() == 4


def test_create_meeting_shows_form_errors(
    client_as: Callable[[str], Client], world: World, personas: dict[str, User]
) -> None:
    url = reverse("meetings:meeting_create", args=[world.meeting.series_id])
    response = client_as("secretaris").post(
        url,
        {
            "date": "2021-09-14",
            "start_time": "12:00",
            "end_time": "10:00",
            "chair": personas["outsider"].pk,
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "The meeting ends after it starts." in text
    assert "Select a valid choice" in text  # the chair must be a member of the series


def test_edit_details_with_a_stale_version_is_a_conflict(
    client_as: Callable[[str], Client], world: World
) -> None:
    url, data = _details(world)
    services.update_meeting(world.meeting, actor=world.secretary, location="Online")
    response = client_as("teamleider").post(url, data)
    assert response.status_code == 409
    assert "Someone else changed this meeting in the meantime" in response.content.decode()
    world.refresh()
    assert world.meeting.location == "Online"
    fresh = {**data, "details-version": world.meeting.version}
    assert client_as("teamleider").post(url, fresh).status_code == 302
    world.refresh()
    assert world.meeting.location == "Stopera"
    assert world.meeting.start_time == dt.time(10, 0)


def test_edit_details_of_adopted_minutes_is_refused(
    client_as: Callable[[str], Client], world: World
) -> None:
    _adopt(world)
    url, data = _details(world)
    response = client_as("secretaris").post(url, data, follow=True)
    assert "These minutes are adopted; record a correction as an erratum." in (
        response.content.decode()
    )
    world.refresh()
    assert world.meeting.location == "Stadhuis"


# --- The meeting page ---------------------------------------------------------------------------


def _page(client: Client, meeting: Meeting) -> str:
    response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_manager_page_has_forms_and_anchors(
    client_as: Callable[[str], Client], world: World
) -> None:
    page = _page(client_as("secretaris"), world.meeting)
    assert "Minutes iPGA-R Teamoverleg</h1>" in page
    assert f'id="agendapunt-{world.item.pk}"' in page
    assert f'id="besluit-{world.decision.pk}"' in page
    assert "<strong>→ DECISION: Contactgegevens worden gedeeld.</strong>" in page
    assert "Secretaris Test:</span> Iedereen welkom." in page
    assert reverse("meetings:point_add", args=[world.item.pk]) in page
    assert reverse("meetings:submit", args=[world.meeting.pk]) in page
    assert "Casus Noord" in page
    assert "Confidential" in page
    # Series tabs and exports, when the other parts of the module provide those pages.
    for name in ("meetings:actions", "meetings:decisions", "meetings:term_agenda"):
        try:
            url = reverse(name, args=[world.meeting.series_id])
        except NoReverseMatch:
            continue
        assert url in page
    for name in ("meetings:export_pdf", "meetings:export_docx"):
        try:
            url = reverse(name, args=[world.meeting.pk])
        except NoReverseMatch:
            continue
        assert url in page


def test_reader_sees_everything_but_no_forms(
    client_as: Callable[[str], Client], world: World
) -> None:
    page = _page(client_as(READER), world.meeting)
    assert "Casus Noord" in page
    assert "Contactgegevens worden gedeeld." in page
    main = page.split("<main")[1].split("</main>")[0]
    assert "csrfmiddlewaretoken" not in main


def test_guest_sees_adopted_minutes_without_confidential_items(
    client_as: Callable[[str], Client], world: World
) -> None:
    _adopt(world)
    page = _page(client_as(GUEST), world.meeting)
    assert "Adopted minutes iPGA-R Teamoverleg" in page
    assert "Kennismaking projectleiders" in page
    assert "Contactgegevens worden gedeeld." in page
    assert "Casus Noord" not in page
    main = page.split("<main")[1].split("</main>")[0]
    assert "csrfmiddlewaretoken" not in main
    assert reverse("meetings:series", args=[world.meeting.series_id]) not in main
    assert reverse("meetings:meeting", args=[world.following.pk]) not in main
    # Members see the confidential item on the adopted minutes, read-only with an erratum form.
    member = _page(client_as("secretaris"), world.meeting)
    assert "Casus Noord" in member
    assert reverse("meetings:erratum", args=[world.meeting.pk]) in member
    assert reverse("meetings:point_add", args=[world.item.pk]) not in member


def test_locked_minutes_banner_and_errata(client_as: Callable[[str], Client], world: World) -> None:
    _adopt(world)
    client = client_as("secretaris")
    url = reverse("meetings:erratum", args=[world.meeting.pk])
    assert client.post(url, {"text": ""}).status_code == 400
    client.post(url, {"text": "Punt 2: de datum is 1 juli."})
    page = _page(client, world.meeting)
    assert "are locked" in page
    assert "Punt 2: de datum is 1 juli." in page
    # Other edits are refused with the reason, not a 500.
    response = client.post(
        reverse("meetings:point_add", args=[world.item.pk]),
        {f"point{world.item.pk}-text": "Te laat."},
    )
    assert response.status_code == 400
    assert "These minutes are adopted; record a correction as an erratum." in (
        response.content.decode()
    )


# --- Attendance ---------------------------------------------------------------------------------


def test_record_absence_with_reason(client_as: Callable[[str], Client], world: World) -> None:
    row = world.meeting.attendees.get(user__username="regisseur_b")
    client_as("secretaris").post(
        reverse("meetings:presence", args=[world.meeting.pk, row.pk]),
        {f"att{row.pk}-presence": "absent", f"att{row.pk}-absence_reason": "afgemeld"},
    )
    row.refresh_from_db()
    assert (row.presence, row.absence_reason) == ("absent", "afgemeld")
    page = _page(client_as(READER), world.meeting)
    assert "Regisseur_B Test (afgemeld)" in page


def test_presence_by_htmx_answers_with_the_row_status(
    client_as: Callable[[str], Client], world: World
) -> None:
    row = world.meeting.attendees.get(user__username="regisseur_b")
    url = reverse("meetings:presence", args=[world.meeting.pk, row.pk])
    client = client_as("secretaris")
    ok = client.post(url, {f"att{row.pk}-presence": "also_present"}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200
    assert "Saved" in ok.content.decode()
    bad = client.post(url, {f"att{row.pk}-presence": "sleeping"}, HTTP_HX_REQUEST="true")
    assert "regie-result--denied" in bad.content.decode()
    row.refresh_from_db()
    assert row.presence == "also_present"


def test_attendee_of_another_meeting_is_404(
    client_as: Callable[[str], Client], world: World
) -> None:
    elsewhere = world.following.attendees.all()[0]
    url = reverse("meetings:presence", args=[world.meeting.pk, elsewhere.pk])
    response = client_as("secretaris").post(url, {f"att{elsewhere.pk}-presence": "present"})
    assert response.status_code == 404


def test_invite_a_user_or_a_name(
    client_as: Callable[[str], Client], world: World, personas: dict[str, User]
) -> None:
    client = client_as("secretaris")
    url = reverse("meetings:invite", args=[world.meeting.pk])
    client.post(url, {"invite-user": personas["partner_other"].pk, "invite-kind": "guest"})
    assert world.meeting.attendees.filter(user=personas["partner_other"]).exists()
    empty = client.post(url, {"invite-kind": "guest"})
    assert empty.status_code == 400
    assert "Choose a user or give a name." in empty.content.decode()
    # Someone already invited is no longer offered.
    again = client.post(url, {"invite-user": personas["partner_other"].pk, "invite-kind": "guest"})
    assert again.status_code == 400


# --- Agenda -------------------------------------------------------------------------------------


def _titles(meeting: Meeting) -> list[str]:
    return list(meeting.items.order_by("position").values_list("title", flat=True))


def test_reorder_copy_move_and_remove(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("secretaris")
    before = _titles(world.meeting)
    index = before.index("Kennismaking projectleiders")
    client.post(reverse("meetings:item_move", args=[world.item.pk]), {"direction": "down"})
    after = _titles(world.meeting)
    assert after[index + 1] == "Kennismaking projectleiders"
    moved = services.add_item(world.meeting, actor=world.secretary, title="Naar volgende keer")
    url = reverse("meetings:item_transfer", args=[moved.pk])
    response = client.post(
        url, {f"transfer{moved.pk}-target": world.following.pk, f"transfer{moved.pk}-mode": "move"}
    )
    assert response.status_code == 302
    assert "Naar volgende keer" in _titles(world.following)
    assert "Naar volgende keer" not in _titles(world.meeting)
    # Moving an item with minutes is refused with the reason; copying works.
    url = reverse("meetings:item_transfer", args=[world.item.pk])
    refused = client.post(
        url,
        {
            f"transfer{world.item.pk}-target": world.following.pk,
            f"transfer{world.item.pk}-mode": "move",
        },
    )
    assert refused.status_code == 400
    assert "This item has minutes already; copy it instead." in refused.content.decode()
    # The standing items stay.
    opening = world.meeting.items.get(standing="opening")
    response = client.post(reverse("meetings:item_remove", args=[opening.pk]), follow=True)
    assert "A standing item stays on the agenda." in response.content.decode()
    assert "Agenda en mededelingen" in _titles(world.meeting)


def test_add_and_edit_item(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("teamleider")
    response = client.post(
        reverse("meetings:item_add", args=[world.meeting.pk]),
        {
            "newitem-title": "Presentatie GGD",
            "newitem-presenter": "GGD",
            "newitem-duration_minutes": "20",
            "newitem-kind": "presentation",
        },
    )
    item = world.meeting.items.get(title="Presentatie GGD")
    assert response["Location"].endswith(f"#agendapunt-{item.pk}")
    assert _titles(world.meeting)[-1] == "WVTTK en sluiting"
    blank = client.post(
        reverse("meetings:item_add", args=[world.meeting.pk]), {"newitem-kind": "standard"}
    )
    assert blank.status_code == 400
    client.post(
        reverse("meetings:item_edit", args=[item.pk]),
        {
            f"item{item.pk}-title": "Presentatie GGD: ZRM",
            f"item{item.pk}-kind": "presentation",
            f"item{item.pk}-confidential": "on",
            f"item{item.pk}-notes": "Slides volgen.",
        },
    )
    item.refresh_from_db()
    assert (item.title, item.confidential, item.notes) == (
        "Presentatie GGD: ZRM",
        True,
        "Slides volgen.",
    )


def test_defer_shows_on_the_next_agenda(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("secretaris")
    client.post(reverse("meetings:item_defer", args=[world.item.pk]), {"deferred": "1"})
    carried = world.following.items.get(deferred_from=world.item)
    assert carried.kind == AgendaItem.Kind.DEFERRED
    page = _page(client, world.following)
    assert f'id="agendapunt-{carried.pk}"' in page
    assert "Deferred from the meeting of" in page
    assert "Deferred to the next meeting" in _page(client, world.meeting)
    client.post(reverse("meetings:item_defer", args=[world.item.pk]), {"deferred": "0"})
    assert not world.following.items.filter(deferred_from=world.item).exists()


# --- Minutes ------------------------------------------------------------------------------------


def test_points_with_speakers(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("secretaris")
    guest = world.meeting.attendees.get(user__username=GUEST)
    url = reverse("meetings:point_add", args=[world.item.pk])
    client.post(
        url,
        {
            f"point{world.item.pk}-speaker": guest.pk,
            f"point{world.item.pk}-heading": "Discussie",
            f"point{world.item.pk}-text": "Borging in het stadsdeel.",
        },
    )
    point = world.item.points.get(text="Borging in het stadsdeel.")
    assert (point.speaker, point.heading) == (guest, "Discussie")
    client.post(url, {f"point{world.item.pk}-text": "Zonder naam."})
    assert world.item.points.get(text="Zonder naam.").speaker is None
    # A speaker who did not attend is not offered.
    absent = world.meeting.attendees.get(user__username="regisseur_b")
    services.set_presence(absent, Attendee.Presence.ABSENT, actor=world.secretary)
    response = client.post(
        url, {f"point{world.item.pk}-speaker": absent.pk, f"point{world.item.pk}-text": "X"}
    )
    assert response.status_code == 400
    edit = reverse("meetings:point_edit", args=[point.pk])
    client.post(edit, {f"pt{point.pk}-speaker": "", f"pt{point.pk}-text": "Borging."})
    point.refresh_from_db()
    assert (point.speaker, point.text) == (None, "Borging.")
    client.post(reverse("meetings:point_remove", args=[point.pk]))
    assert not MinutePoint.objects.filter(pk=point.pk).exists()


def test_decisions(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("secretaris")
    response = client.post(
        reverse("meetings:decision_add", args=[world.item.pk]),
        {f"decision{world.item.pk}-text": "Lijst wordt gedeeld."},
    )
    decision = world.item.decisions.get(text="Lijst wordt gedeeld.")
    assert response["Location"].endswith(f"#besluit-{decision.pk}")
    empty = client.post(
        reverse("meetings:decision_add", args=[world.item.pk]),
        {f"decision{world.item.pk}-text": " "},
    )
    assert empty.status_code == 400
    client.post(reverse("meetings:decision_remove", args=[decision.pk]))
    assert not Decision.objects.filter(pk=decision.pk).exists()


# --- Lifecycle and adoption ---------------------------------------------------------------------


def test_submit_withdraw_and_adopt_through_the_pages(
    client_as: Callable[[str], Client], world: World, mailoutbox: list[Any]
) -> None:
    client = client_as("secretaris")
    client.post(reverse("meetings:submit", args=[world.meeting.pk]))
    world.refresh()
    assert world.meeting.status == Meeting.Status.SUBMITTED
    assert reverse("meetings:withdraw", args=[world.meeting.pk]) in _page(client, world.meeting)
    # Twice is refused with a message, not an error page.
    again = client.post(reverse("meetings:submit", args=[world.meeting.pk]), follow=True)
    assert "Only draft minutes can be submitted." in again.content.decode()

    page = _page(client, world.following)
    assert "Minutes to adopt" in page
    assert reverse("meetings:adopt", args=[world.following.pk, world.meeting.pk]) in page
    url = reverse("meetings:adopt", args=[world.following.pk, world.meeting.pk])
    prefix = f"adopt{world.meeting.pk}"
    missing = client.post(url, {f"{prefix}-outcome": "adopted_with_changes"})
    assert missing.status_code == 400
    assert "Say which changes were made." in missing.content.decode()
    client.post(url, {f"{prefix}-outcome": "deferred"})
    world.refresh()
    assert world.meeting.status == Meeting.Status.SUBMITTED
    client.post(
        url, {f"{prefix}-outcome": "adopted_with_changes", f"{prefix}-changes": "Punt 1 aangevuld."}
    )
    world.refresh()
    assert world.meeting.status == Meeting.Status.ADOPTED
    page = _page(client, world.following)
    assert "adopted with changes" in page
    assert "Adopted minutes iPGA-R Teamoverleg" in _page(client, world.meeting)


def test_previous_minutes_item_shows_the_actielijst(
    client_as: Callable[[str], Client], world: World
) -> None:
    services.add_action(
        world.meeting.series,
        actor=world.secretary,
        subject="Contactgids delen",
        meeting=world.meeting,
        subactions=[services.SubActionInput("Lijst sturen", due_text="voor de zomervakantie")],
    )
    page = _page(client_as(READER), world.following)
    assert "Contactgids delen" in page
    assert "Lijst sturen" in page
    assert "voor de zomervakantie" in page


# --- Queries ------------------------------------------------------------------------------------


def _count_queries(client: Client, meeting: Meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["secretaris", READER])
def test_meeting_page_queries_do_not_grow(
    client_as: Callable[[str], Client], world: World, persona: str
) -> None:
    def add_action(n: int) -> None:
        services.add_action(
            world.meeting.series,
            actor=world.secretary,
            subject=f"Actie {n}",
            meeting=world.meeting,
            subactions=[
                services.SubActionInput(
                    "Doen", owners=[services.Owner(user=world.secretary)], due_text="z.s.m."
                )
            ],
        )

    # One of each to start with: an empty list skips its prefetch queries altogether.
    add_action(0)
    client = client_as(persona)
    _count_queries(client, world.meeting)  # warm caches (content types, session)
    small = _count_queries(client, world.meeting)
    speakers = list(world.meeting.attendees.all())
    for n in range(1, 7):
        item = services.add_item(world.meeting, actor=world.secretary, title=f"Punt {n}")
        for speaker in speakers:
            services.add_point(item, actor=world.secretary, text="Besproken.", speaker=speaker)
        services.add_decision(item, actor=world.secretary, text=f"Besluit {n}")
        add_action(n)
    assert _count_queries(client, world.meeting) == small
    assert _count_queries(client, world.following) <= small + 2


def test_html_ids_are_unique(client_as: Callable[[str], Client], world: World) -> None:
    page = _page(client_as("secretaris"), world.meeting)
    ids = re.findall(r'\sid="([^"]+)"', page)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    assert selectors.meeting_view(world.secretary, world.meeting).items


def test_adopted_page_shows_the_lists_as_adopted(
    client_as: Callable[[str], Client], world: World
) -> None:
    """The actielijst and termijnagenda of adopted minutes come from the snapshot: later
    changes to the live lists do not rewrite them."""
    from regie.meetings import documents

    services.add_action(
        world.meeting.series,
        actor=world.secretary,
        subject="Contactgids delen",
        meeting=world.meeting,
        subactions=[services.SubActionInput("Lijst sturen", due_text="voor de zomervakantie")],
    )
    services.add_term_item(
        world.meeting.series,
        actor=world.secretary,
        subject="Teamuitje",
        when_text="September 2021",
        reference=dt.date(2021, 6, 15),
    )
    # The meeting itself has its previous-minutes item show the list it adopted from.
    _adopt(world)
    Meeting.objects.filter(pk=world.meeting.pk).update(
        adopted_document=documents.snapshot(world.meeting)
    )
    world.meeting.series.actions.filter(subject="Contactgids delen").update(subject="Veranderd")
    world.meeting.series.term_items.filter(subject="Teamuitje").update(subject="Ander uitje")
    page = _page(client_as(READER), world.meeting)
    assert "Contactgids delen" in page
    assert "Veranderd" not in page
    assert "Teamuitje" in page
    assert "Ander uitje" not in page
    assert "As adopted with these minutes." in page


def test_guest_page_does_not_show_absence_reasons(
    client_as: Callable[[str], Client], world: World, personas: dict[str, User]
) -> None:
    absent = world.meeting.attendees.get(user=personas["regisseur_b"])
    services.set_presence(
        absent, Attendee.Presence.ABSENT, actor=world.secretary, absence_reason="griep"
    )
    _adopt(world)
    assert "griep" in _page(client_as(READER), world.meeting)
    page = _page(client_as(GUEST), world.meeting)
    assert "griep" not in page
    assert "sent apologies" in page


# --- Input that used to give a 500 --------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_meeting_date_far_away_is_a_form_error(
    client_as: Callable[[str], Client], world: World, day: str
) -> None:
    client = client_as("secretaris")
    data = {**_details(world)[1], "details-date": day}
    response = client.post(reverse("meetings:meeting_edit", args=[world.meeting.pk]), data)
    assert response.status_code == 400
    assert "Give a date between 2000 and 2100." in response.content.decode()
    world.refresh()
    assert world.meeting.date == dt.date(2021, 6, 15)


def test_online_url_longer_than_the_column_is_a_form_error(
    client_as: Callable[[str], Client], world: World
) -> None:
    url = "https://teams.example.org/" + "x" * 200
    data = {**_details(world)[1], "details-online_url": url}
    response = client_as("secretaris").post(
        reverse("meetings:meeting_edit", args=[world.meeting.pk]), data
    )
    assert response.status_code == 400
    world.refresh()
    assert world.meeting.online_url != url


def test_details_without_a_version_are_refused(
    client_as: Callable[[str], Client], world: World
) -> None:
    """Without the version read, a save would skip the optimistic lock."""
    data = {k: v for k, v in _details(world)[1].items() if k != "details-version"}
    data["details-location"] = "Ergens anders"
    response = client_as("secretaris").post(
        reverse("meetings:meeting_edit", args=[world.meeting.pk]), data
    )
    assert response.status_code == 400
    world.refresh()
    assert world.meeting.location != "Ergens anders"


def test_control_characters_are_stripped_from_points(
    client_as: Callable[[str], Client], world: World
) -> None:
    client = client_as("secretaris")
    response = client.post(
        reverse("meetings:point_add", args=[world.item.pk]),
        {
            f"point{world.item.pk}-text": "Regel een\x0bregel twee\x00",
            f"point{world.item.pk}-speaker": "",
        },
    )
    assert response.status_code == 302
    assert world.item.points.filter(text="Regel eenregel twee").exists()


def test_action_and_termijnagenda_forms_refuse_far_dates() -> None:
    from regie.meetings.actions.forms import ActionForm, CompleteForm
    from regie.meetings.forward.forms import PlanForm

    assert not ActionForm({"subject": "X", "raised_on": "9999-12-31"}).is_valid()
    assert ActionForm({"subject": "X", "raised_on": "2021-06-15"}).is_valid()
    assert not CompleteForm({"on": "0001-01-01"}).is_valid()
    assert not PlanForm({"dates": "1-1-0001"}).is_valid()
    assert not PlanForm({"dates": "1 januari 1999"}).is_valid()
    assert not PlanForm({"dates": "31-12-9999"}).is_valid()
    assert PlanForm({"dates": "16/2, 15/4 en 22/6"}).is_valid()


# --- Invitations (findings 18, 19) ---------------------------------------------------------------


def test_invite_offers_colleagues_and_partners_not_the_whole_directory(
    client_as: Callable[[str], Client], world: World, personas: dict[str, User]
) -> None:
    # The invite form opens in the attendance section (issue 11.5), here as its own page.
    page = client_as("secretaris").get(reverse("meetings:invite", args=[world.meeting.pk]))
    form = page.content.decode().split('name="invite-user"')[1].split("</select>")[0]
    offered = set(re.findall(r'<option value="(\d+)"', form))
    # Partner roles anywhere, and colleagues of the series' organisation.
    for name in ("partner_other", "aandachtsfunctionaris", "auditor"):
        assert str(personas[name].pk) in offered, name
    # No membership at all, or already on the list.
    assert str(personas["outsider"].pk) not in offered
    assert str(personas["secretaris"].pk) not in offered
    # A user outside the list cannot be posted either.
    response = client_as("secretaris").post(
        reverse("meetings:invite", args=[world.meeting.pk]),
        {"invite-user": personas["outsider"].pk, "invite-kind": "guest"},
    )
    assert response.status_code == 400
    assert not world.meeting.attendees.filter(user=personas["outsider"]).exists()


def test_remove_an_invitee(client_as: Callable[[str], Client], world: World) -> None:
    client = client_as("secretaris")
    services.invite(world.meeting, actor=world.secretary, name="Per Ongeluk", kind="guest")
    row = world.meeting.attendees.get(name="Per Ongeluk")
    # The remove buttons are in the attendance form (issue 11.5), here as its own page.
    page = client.get(reverse("meetings:attendance", args=[world.meeting.pk])).content.decode()
    url = reverse("meetings:attendee_remove", args=[world.meeting.pk, row.pk])
    assert url in page
    response = client.post(url, follow=True)
    assert "Per Ongeluk is no longer on the list." in response.content.decode()
    assert not world.meeting.attendees.filter(pk=row.pk).exists()


def test_a_speaker_cannot_be_removed_and_the_page_says_why(
    client_as: Callable[[str], Client], world: World
) -> None:
    speaker = world.point.speaker
    assert speaker is not None
    url = reverse("meetings:attendee_remove", args=[world.meeting.pk, speaker.pk])
    response = client_as("secretaris").post(url, follow=True)
    assert "is the speaker of 1 point(s)" in response.content.decode()
    assert world.meeting.attendees.filter(pk=speaker.pk).exists()


def test_attendee_of_another_meeting_cannot_be_removed_here(
    client_as: Callable[[str], Client], world: World
) -> None:
    other = world.following.attendees.first()
    assert other is not None
    url = reverse("meetings:attendee_remove", args=[world.meeting.pk, other.pk])
    assert client_as("secretaris").post(url).status_code == 404


def test_export_lists_invitees_only_on_a_draft(world: World) -> None:
    from regie.meetings import documents

    services.invite(world.meeting, actor=world.secretary, name="Nog Onbekend", kind="guest")
    draft = documents.build(world.secretary, world.meeting)
    assert any(p.name == "Nog Onbekend" for p in draft.invited)
    services.submit_minutes(world.meeting, actor=world.secretary)
    world.refresh()
    submitted = documents.build(world.secretary, world.meeting)
    assert not submitted.invited
    assert all(label != "Invited" for label, _people in submitted.attendance)


def test_choice_lists_put_the_utrecht_class_on_the_inputs_only() -> None:
    """Django copies a widget's class onto the wrapper <div>; the wrapper then draws as one
    big radio button (finding 24)."""
    from regie.meetings.forward.forms import TermItemForm
    from regie.meetings.minutes.forms import AdoptionForm

    html = str(AdoptionForm(prefix="a")["outcome"])
    assert re.search(r"<div[^>]*utrecht-radio", html) is None
    assert html.count('class="utrecht-radio-button utrecht-radio-button--html-input"') == 3
    roles = str(TermItemForm()["audience_roles"])
    assert re.search(r"<div[^>]*utrecht-checkbox", roles) is None
    assert "utrecht-checkbox--html-input" in roles
