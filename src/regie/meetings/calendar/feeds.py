"""ICS calendar feeds (RFC 5545): a feed per series and a personal feed.

Both are built for the token's user through the policy's scopes, exactly as that user's pages
would show them: a calendar app has no session, so the token stands in for the login and the
access is re-derived from the user's current memberships on every read. Nothing confidential
goes into an event: meetings carry the series name, time, place and a link; the minutes stay
behind the login.

UIDs are derived from primary keys (``meeting-12@regie``), so a calendar app updates an event
in place when a meeting moves instead of showing it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from regie.core.policy import visible
from regie.meetings import rules
from regie.meetings.models import (
    Meeting,
    MeetingSeries,
    SubAction,
    TermDate,
    TermItem,
)

if TYPE_CHECKING:
    from regie.accounts.models import User

PRODID = "-//Gemeente Amsterdam//Regie//NL"
UID_DOMAIN = "regie"
# A meeting without an end time still needs a block in the calendar; an hour is the usual slot.
DEFAULT_DURATION = dt.timedelta(hours=1)

# Absolute URL of a path; the view passes request.build_absolute_uri.
UrlBuilder = Callable[[str], str]


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _all_day(event: Event, day: dt.date) -> None:
    event.add("dtstart", day)
    # Without DTEND an all-day event lasts the one day (RFC 5545 3.6.1): the way out on the
    # calendar's last day, which has no day after it.
    if day < dt.date.max:
        event.add("dtend", day + dt.timedelta(days=1))


def _timed_or_all_day(
    event: Event, day: dt.date, start: dt.time | None, end: dt.time | None
) -> None:
    """A time gives a start (and end) in the local zone; no time gives an all-day event."""
    if start is None:
        _all_day(event, day)
        return
    begins = dt.datetime.combine(day, start, tzinfo=_zone())
    ends = dt.datetime.combine(day, end, tzinfo=_zone()) if end is not None else None
    if ends is None or ends <= begins:
        try:
            ends = begins + DEFAULT_DURATION
        except OverflowError:  # an hour past the calendar's last minute
            ends = None
    event.add("dtstart", begins)
    if ends is not None:
        event.add("dtend", ends)


def _meeting_url(meeting: Meeting, absolute: UrlBuilder) -> str | None:
    try:
        return absolute(reverse("meetings:meeting", args=[meeting.pk]))
    except NoReverseMatch:  # the meeting pages are another part of the module
        return None


def _meeting_event(
    meeting: Meeting, absolute: UrlBuilder, stamp: dt.datetime, *, guest: bool
) -> Event:
    """``guest``: the user sees the meeting as a guest (it is not one of their series), so the
    online meeting link, meant for the members, stays out."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", meeting.series.name)
    _timed_or_all_day(event, meeting.date, meeting.start_time, meeting.end_time)
    if meeting.location:
        event.add("location", meeting.location)
    url = _meeting_url(meeting, absolute)
    description = []
    if meeting.online_url and not guest:
        description.append(_("Online: %(url)s") % {"url": meeting.online_url})
    if url:
        event.add("url", url)
        description.append(url)
    if description:
        event.add("description", "\n".join(description))
    return event


def _term_date_event(term_date: TermDate, item: TermItem, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"termdate-{term_date.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", item.subject)
    event.add("categories", [item.get_kind_display()])
    _timed_or_all_day(event, term_date.date, term_date.start_time, term_date.end_time)
    event.add("description", f"{item.series.name}: {item.get_kind_display()}")
    return event


def _action_event(sub: SubAction, stamp: dt.datetime) -> Event:
    """An open action on its due date, all-day. A VEVENT rather than a VTODO: the calendar apps
    people subscribe with (Outlook, Google) ignore to-dos in subscribed feeds."""
    assert sub.due_end is not None
    event = Event()
    event.add("uid", f"subaction-{sub.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", _("Action: %(subject)s") % {"subject": sub.action.subject})
    _all_day(event, sub.due_end)
    event.add("transp", "TRANSPARENT")
    event.add(
        "description",
        f"{sub.action.series.name}\n{sub.description}\n{_('Due')}: {sub.due_text}",
    )
    return event


def _term_items(rows: QuerySet[TermItem]) -> QuerySet[TermItem]:
    # Items still to plan have no dates and so produce no events.
    return rows.select_related("series").prefetch_related(
        Prefetch("dates", queryset=TermDate.objects.order_by("date", "start_time", "id"))
    )


def _meetings(rows: Any) -> list[Meeting]:
    return list(rows.select_related("series").order_by("date", "start_time", "id"))


def series_calendar(user: User, series: MeetingSeries, absolute: UrlBuilder) -> Calendar:
    """The series' meetings and its termijnagenda dates, as the user may see them."""
    stamp = timezone.now()
    cal = _calendar(series.name)
    guest = not rules.is_member(user, series)
    for meeting in _meetings(visible(user, Meeting).filter(series=series)):
        cal.add_component(_meeting_event(meeting, absolute, stamp, guest=guest))
    for item in _term_items(visible(user, TermItem).filter(series=series)):
        for term_date in item.dates.all():
            cal.add_component(_term_date_event(term_date, item, stamp))
    cal.add_missing_timezones()
    return cal


def _for_audience(user: User, items: Iterable[TermItem]) -> list[TermItem]:
    roles = {m.role for m in user.active_memberships}
    teams = rules.team_ids(user)
    chosen = []
    for item in items:
        item_teams = {t.pk for t in item.audience_teams.all()}
        item_roles = set(item.audience_roles or [])
        if (not item_teams and not item_roles) or item_teams & teams or item_roles & roles:
            chosen.append(item)
    return chosen


def personal_calendar(user: User, absolute: UrlBuilder) -> Calendar:
    """Every meeting the user can see, the termijnagenda dates meant for their teams or roles,
    and their own open actions with a due date."""
    stamp = timezone.now()
    cal = _calendar(_("Regie: my meetings and actions"))
    # rules.is_guest_view for every meeting at once: a guest is anyone outside the series.
    member_of = set(rules.member_series(user).values_list("pk", flat=True))
    for meeting in _meetings(visible(user, Meeting)):
        guest = meeting.series_id not in member_of
        cal.add_component(_meeting_event(meeting, absolute, stamp, guest=guest))
    items = _term_items(visible(user, TermItem)).prefetch_related("audience_teams")
    for item in _for_audience(user, items):
        for term_date in item.dates.all():
            cal.add_component(_term_date_event(term_date, item, stamp))
    mine = (
        visible(user, SubAction)
        .filter(owners__user=user, status=SubAction.Status.OPEN, due_end__isnull=False)
        .select_related("action__series")
        .order_by("due_end", "id")
    )
    for sub in mine:
        cal.add_component(_action_event(sub, stamp))
    cal.add_missing_timezones()
    return cal
