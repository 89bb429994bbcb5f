"""ICS feeds: parsed with icalendar, behind revocable tokens, re-checked against access."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from regie.accounts.models import Membership, User
from regie.audit.models import AuditEvent
from regie.meetings import services
from regie.meetings.models import FeedToken, Meeting, MeetingSeries
from regie.meetings.services import Owner, SubActionInput
from tests.english import english_login_as  # noqa: F401  (fixture login_as)

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


def _without_ids(content: bytes) -> str:
    return re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|[A-Za-z0-9+/=_-]{16,}", "", content.decode())


def _feed(secret: str) -> str:
    return reverse("meetings:feed", args=[secret])


def _events(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def timed(meeting: Meeting, secretary: User) -> Meeting:
    services.update_meeting(
        meeting, actor=secretary, start_time=dt.time(13, 30), end_time=dt.time(15, 0)
    )
    return meeting


@pytest.fixture
def calendar_data(
    series: MeetingSeries, secretary: User, timed: Meeting, personas: dict[str, User], teams: Any
) -> dict[str, Any]:
    all_day = services.create_meeting(series, actor=secretary, date=dt.date(2021, 7, 13))
    intervisie = services.add_term_item(
        series,
        actor=secretary,
        subject="Intervisiebijeenkomsten",
        kind="intervisie",
        when_text="16/2, 15/4 en 22/6",
        audience_teams=[teams["regisseurspool"]],
        reference=dt.date(2021, 1, 1),
    )
    programme_only = services.add_term_item(
        series,
        actor=secretary,
        subject="Heidag programmateam",
        dates=[dt.date(2021, 9, 1)],
        audience_teams=[teams["programmateam"]],
    )
    to_plan = services.add_term_item(series, actor=secretary, subject="Teamuitje", to_plan=True)
    action = services.add_action(
        series,
        actor=secretary,
        subject="Familiebijeenkomst",
        meeting=timed,
        subactions=[
            SubActionInput(
                description="Casussen nagaan",
                owners=[Owner(user=personas["regisseur_a"])],
                due_text="27 mei 2031",
            ),
            SubActionInput(
                description="Zonder periode",
                owners=[Owner(user=personas["regisseur_a"])],
                due_text="als het uitkomt",
            ),
        ],
    )
    return {
        "all_day": all_day,
        "intervisie": intervisie,
        "programme_only": programme_only,
        "to_plan": to_plan,
        "action": action,
    }


def test_series_feed_events(
    login_as: Login, series: MeetingSeries, timed: Meeting, calendar_data: dict[str, Any]
) -> None:
    user = User.objects.get(username="regisseur_a")
    secret = services.issue_feed_token(series, actor=user)
    events = _events(Client().get(_feed(secret)))
    meeting_event = events[f"meeting-{timed.pk}@regie"]
    start = meeting_event.decoded("DTSTART")
    assert isinstance(start, dt.datetime)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert start.replace(tzinfo=None) == dt.datetime(2021, 6, 15, 13, 30)
    assert meeting_event.decoded("DTEND").replace(tzinfo=None) == dt.datetime(2021, 6, 15, 15)
    assert str(meeting_event["LOCATION"]) == "Stadhuis"
    assert str(meeting_event["URL"]).endswith(reverse("meetings:meeting", args=[timed.pk]))
    all_day = events[f"meeting-{calendar_data['all_day'].pk}@regie"]
    assert type(all_day.decoded("DTSTART")) is dt.date
    assert all_day.decoded("DTEND") == dt.date(2021, 7, 14)
    # The series feed has every dated termijnagenda entry; the to-plan item is no event.
    term = [e for uid, e in events.items() if uid.startswith("termdate-")]
    assert sorted(e.decoded("DTSTART") for e in term) == [
        dt.date(2021, 2, 16),
        dt.date(2021, 4, 15),
        dt.date(2021, 6, 22),
        dt.date(2021, 9, 1),
    ]
    assert "Teamuitje" not in Client().get(_feed(secret)).content.decode()
    # Actions are personal: not in the series feed.
    assert not any(uid.startswith("subaction-") for uid in events)
    # The timezone the events refer to is in the calendar (RFC 5545 3.2.19).
    calendar = Calendar.from_ical(Client().get(_feed(secret)).content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_uids_are_stable(series: MeetingSeries, calendar_data: dict[str, Any]) -> None:
    user = User.objects.get(username="regisseur_a")
    secret = services.issue_feed_token(series, actor=user)
    first = set(_events(Client().get(_feed(secret))))
    second = set(_events(Client().get(_feed(secret))))
    assert first == second
    assert len(first) == 6


def test_personal_feed(
    series: MeetingSeries, timed: Meeting, calendar_data: dict[str, Any]
) -> None:
    user = User.objects.get(username="regisseur_a")
    events = _events(Client().get(_feed(services.issue_feed_token(actor=user))))
    assert f"meeting-{timed.pk}@regie" in events
    subjects = {str(e["SUMMARY"]) for e in events.values()}
    # For the pool: the intervision dates, not the programme team's day.
    assert "Intervisiebijeenkomsten" in subjects
    assert "Heidag programmateam" not in subjects
    # Own open action with a due date: an all-day event; the one without a period is not.
    sub = calendar_data["action"].subactions.get(description="Casussen nagaan")
    action_event = events[f"subaction-{sub.pk}@regie"]
    # Feeds speak the product's language, whatever the calendar app asks for.
    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext("Action: %(subject)s") % {"subject": "Familiebijeenkomst"}
    assert str(action_event["SUMMARY"]) == expected
    assert action_event.decoded("DTSTART") == dt.date(2031, 5, 27)
    assert sum(uid.startswith("subaction-") for uid in events) == 1
    # Done actions leave the feed.
    services.complete_subaction(sub, actor=user)
    events = _events(Client().get(_feed(services.issue_feed_token(actor=user))))
    assert not any(uid.startswith("subaction-") for uid in events)


def test_guest_personal_feed_has_only_adopted_attended_meetings(
    timed: Meeting, calendar_data: dict[str, Any]
) -> None:
    guest = User.objects.get(username="partner_stadsdeel")
    secret = services.issue_feed_token(actor=guest)
    assert _events(Client().get(_feed(secret))) == {}
    Meeting.objects.filter(pk=timed.pk).update(status=Meeting.Status.ADOPTED)
    events = _events(Client().get(_feed(secret)))
    assert set(events) == {f"meeting-{timed.pk}@regie"}


@pytest.mark.parametrize("name", ["partner_other", "auditor", "outsider"])
def test_outsiders_personal_feed_is_empty(name: str, calendar_data: dict[str, Any]) -> None:
    user = User.objects.get(username=name)
    assert _events(Client().get(_feed(services.issue_feed_token(actor=user)))) == {}


def test_outsider_cannot_get_a_series_feed(series: MeetingSeries) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.issue_feed_token(series, actor=User.objects.get(username="outsider"))


def test_unknown_revoked_and_renewed_tokens_are_404(
    series: MeetingSeries, calendar_data: dict[str, Any]
) -> None:
    user = User.objects.get(username="regisseur_a")
    client = Client()
    assert client.get(_feed(FeedToken.new_secret())).status_code == 404
    first = services.issue_feed_token(series, actor=user)
    assert client.get(_feed(first)).status_code == 200
    second = services.issue_feed_token(series, actor=user)  # renewing revokes the old link
    assert client.get(_feed(first)).status_code == 404
    assert client.get(_feed(second)).status_code == 200
    services.revoke_feed_token(series, actor=user)
    revoked = client.get(_feed(second))
    unknown = client.get(_feed(FeedToken.new_secret()))
    assert revoked.status_code == unknown.status_code == 404
    # The same page, apart from the per-request id and nonce.
    assert _without_ids(revoked.content) == _without_ids(unknown.content)
    # The personal feed is a separate link, untouched by the series feed.
    assert client.get(_feed(services.issue_feed_token(actor=user))).status_code == 200


def test_leaving_the_team_ends_the_series_feed(
    series: MeetingSeries, calendar_data: dict[str, Any]
) -> None:
    user = User.objects.get(username="regisseur_a")
    series_secret = services.issue_feed_token(series, actor=user)
    personal_secret = services.issue_feed_token(actor=user)
    Membership.objects.filter(user=user).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert Client().get(_feed(series_secret)).status_code == 404
    # The personal feed still works but shows only what the user may see now: their own action.
    events = _events(Client().get(_feed(personal_secret)))
    assert all(uid.startswith("subaction-") for uid in events)
    # A deactivated account: 404 for every link.
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert Client().get(_feed(personal_secret)).status_code == 404


def test_feed_read_is_audited_without_the_secret(
    series: MeetingSeries, calendar_data: dict[str, Any]
) -> None:
    user = User.objects.get(username="regisseur_a")
    secret = services.issue_feed_token(series, actor=user)
    Client().get(_feed(secret))
    event = AuditEvent.objects.filter(action="meetings.feed.read").get()
    assert event.actor_id == user.pk
    token = FeedToken.objects.get(user=user, revoked_at__isnull=True)
    assert event.object_id == str(token.pk)
    for row in AuditEvent.objects.all():
        assert secret not in str(row.__dict__)


def test_feed_needs_no_session_and_only_get(series: MeetingSeries) -> None:
    user = User.objects.get(username="regisseur_a")
    secret = services.issue_feed_token(series, actor=user)
    client = Client(enforce_csrf_checks=True)
    response = client.get(_feed(secret))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Client().post(_feed(secret)).status_code == 405


# --- The feeds page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "series_shown"),
    [
        ("teamleider", True),
        ("secretaris", True),
        ("regisseur_a", True),
        ("partner_stadsdeel", False),
        ("partner_other", False),
        ("auditor", False),
        ("outsider", False),
    ],
)
def test_feeds_page_matrix(
    name: str, series_shown: bool, login_as: Login, series: MeetingSeries
) -> None:
    client = login_as(name)
    page = client.get(reverse("meetings:feeds"))
    assert page.status_code == 200
    assert (series.name in page.content.decode()) == series_shown
    series_post = client.post(reverse("meetings:feeds"), {"do": "issue", "series": series.pk})
    assert series_post.status_code == (200 if series_shown else 404)


def test_feeds_page_shows_new_link_once_and_revokes(login_as: Login, series: MeetingSeries) -> None:
    client = login_as("regisseur_a")
    url = reverse("meetings:feeds")
    response = client.post(url, {"do": "issue"})
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    match = re.search(r'value="(http://testserver/overleggen/agenda/[^"]+\.ics)"', html)
    assert match is not None
    feed_url = match.group(1).removeprefix("http://testserver")
    assert Client().get(feed_url).status_code == 200
    # Shown once: the next visit of the page does not have it.
    assert feed_url not in client.get(url).content.decode()
    client.post(url, {"do": "revoke"})
    assert Client().get(feed_url).status_code == 404


# --- Review fixes ---------------------------------------------------------------------------------


def test_guest_feed_leaves_out_the_online_link(
    series: MeetingSeries, secretary: User, timed: Meeting
) -> None:
    services.update_meeting(timed, actor=secretary, online_url="https://teams.example/meet/123")
    Meeting.objects.filter(pk=timed.pk).update(status=Meeting.Status.ADOPTED)
    guest = User.objects.get(username="partner_stadsdeel")
    events = _events(Client().get(_feed(services.issue_feed_token(actor=guest))))
    event = events[f"meeting-{timed.pk}@regie"]
    assert "teams.example" not in str(event.get("DESCRIPTION", ""))
    assert (
        "teams.example"
        not in Client().get(_feed(services.issue_feed_token(actor=guest))).content.decode()
    )
    # Members still get it, in their personal and in the series feed.
    member = User.objects.get(username="regisseur_a")
    for secret in (
        services.issue_feed_token(actor=member),
        services.issue_feed_token(series, actor=member),
    ):
        event = _events(Client().get(_feed(secret)))[f"meeting-{timed.pk}@regie"]
        assert "teams.example/meet/123" in str(event["DESCRIPTION"])


def test_feed_survives_the_last_day_of_the_calendar(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    last = dt.date(9999, 12, 31)
    services.create_meeting(series, actor=secretary, date=last)
    services.create_meeting(
        series, actor=secretary, date=last - dt.timedelta(days=1), start_time=dt.time(23, 30)
    )
    services.add_term_item(series, actor=secretary, subject="Heidag", dates=[last])
    services.add_action(
        series,
        actor=secretary,
        subject="Ver weg",
        raised_on=dt.date(2021, 6, 15),
        subactions=[
            SubActionInput(
                description="Iets",
                owners=[Owner(user=personas["regisseur_a"])],
                due_text="31 december 9999",
            )
        ],
    )
    member = User.objects.get(username="regisseur_a")
    for secret in (
        services.issue_feed_token(actor=member),
        services.issue_feed_token(series, actor=member),
    ):
        events = _events(Client().get(_feed(secret)))
        assert any(e.decoded("DTSTART") == last for e in events.values())
