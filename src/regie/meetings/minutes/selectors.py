"""Reads of the minutes component: series and their members, meetings, and a whole meeting as
its page and its documents show it (with the actielijst and termijnagenda as they stood at the
meeting: what the minutes record, read from the models, not through the other components)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Membership
from regie.core.dates import long_date
from regie.core.policy import visible
from regie.meetings import rules
from regie.meetings.models import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    MeetingSeries,
    MinutePoint,
    MinutesAdoption,
    SubAction,
    TermItem,
)

if TYPE_CHECKING:
    from regie.accounts.models import User


def series_members(series: MeetingSeries) -> QuerySet[Any]:
    """Active users with an active membership in one of the series' teams."""
    teams = [series.team_id, *series.other_teams.values_list("pk", flat=True)]
    current = Membership.objects.current().filter(team_id__in=teams)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=current.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


def series_for(user: User) -> QuerySet[MeetingSeries]:
    return (
        visible(user, MeetingSeries)
        .select_related("team")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("name")
    )


def meetings_of(user: User, series: MeetingSeries) -> QuerySet[Meeting]:
    return (
        visible(user, Meeting)
        .filter(series=series)
        .select_related("chair", "minute_taker")
        .order_by("-date", "-id")
    )


def next_meetings(user: User, series: list[MeetingSeries]) -> dict[int, Meeting]:
    """The next meeting the user can see of each of ``series``, by series id (one query)."""
    upcoming: dict[int, Meeting] = {}
    for meeting in (
        visible(user, Meeting)
        .filter(series__in=[s.pk for s in series], date__gte=timezone.localdate())
        .order_by("date", "id")
    ):
        upcoming.setdefault(meeting.series_id, meeting)
    return upcoming


def guest_meetings_outside(user: User, series: list[MeetingSeries]) -> list[Meeting]:
    """The meetings the user attends as a guest, of series other than ``series``."""
    return list(
        rules.guest_meetings(user)
        .exclude(series__in=[s.pk for s in series])
        .select_related("series")
        .order_by("-date", "-id")
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(series_id=meeting.series_id)
        .filter(Q(date__lt=meeting.date) | Q(date=meeting.date, pk__lt=meeting.pk))
        .order_by("-date", "-id")
        .first()
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(series_id=meeting.series_id)
        .filter(Q(date__gt=meeting.date) | Q(date=meeting.date, pk__gt=meeting.pk))
        .order_by("date", "id")
        .first()
    )


def deferred_items_for(meeting: Meeting) -> list[AgendaItem]:
    """Items deferred at the previous meeting that are not on a later agenda yet."""
    previous = previous_meeting(meeting)
    if previous is None:
        return []
    return list(
        previous.items.filter(deferred=True)
        .exclude(deferred_to__isnull=False)
        .order_by("position", "id")
    )


def pending_minutes(meeting: Meeting) -> list[Meeting]:
    """Earlier minutes of the series that this meeting can adopt (submitted, not adopted)."""
    return list(
        Meeting.objects.filter(
            series_id=meeting.series_id,
            date__lt=meeting.date,
            status=Meeting.Status.SUBMITTED,
        ).order_by("date", "id")
    )


def attendee_emails(meeting: Meeting) -> list[str]:
    rows = meeting.attendees.filter(
        user__isnull=False,
        user__is_active=True,
        presence__in=[Attendee.Presence.PRESENT, Attendee.Presence.ALSO_PRESENT],
    ).exclude(user__email="")
    return sorted(set(rows.values_list("user__email", flat=True)))


def subactions_prefetch(queryset: QuerySet[SubAction] | None = None) -> Prefetch[Any]:
    rows = (queryset if queryset is not None else SubAction.objects.all()).prefetch_related(
        Prefetch("owners", queryset=ActionOwner.objects.select_related("user"))
    )
    return Prefetch("subactions", queryset=rows.order_by("position", "id"))


def actielijst(meeting: Meeting) -> list[Action]:
    """The actielijst as it stood at a meeting: every action raised up to that meeting with a
    sub-action still open then, or done since the previous meeting (so the list shows what
    was completed, as "Afgerond", once). Open actions roll on from meeting to meeting."""
    previous = previous_meeting(meeting)
    since = previous.date if previous else dt.date.min
    relevant = SubAction.objects.filter(
        Q(status=SubAction.Status.OPEN)
        | Q(completed_on__gt=since)
        | Q(completed_on__isnull=True, status=SubAction.Status.DONE)
    ).filter(Q(completed_on__isnull=True) | Q(completed_on__gt=since))
    actions = (
        Action.objects.filter(series_id=meeting.series_id, raised_on__lte=meeting.date)
        .filter(subactions__in=relevant)
        .distinct()
        .prefetch_related(subactions_prefetch())
        .order_by("raised_on", "id")
    )
    return list(actions)


TERM_LOOKBACK = dt.timedelta(days=92)


def _days_before(day: dt.date, span: dt.timedelta) -> dt.date:
    """``day - span``, or the first day there is when the calendar runs out first."""
    return day - span if day - dt.date.min > span else dt.date.min


def term_agenda_at(meeting: Meeting) -> list[TermItem]:
    """The termijnagenda as shown in a meeting's minutes: items from three months before the
    meeting on, plus everything still to plan."""
    since = _days_before(meeting.date, TERM_LOOKBACK)
    rows = meeting.series.term_items.filter(
        Q(period_end__gte=since) | Q(period_end__isnull=True) | Q(to_plan=True)
    ).prefetch_related("dates", "audience_teams")
    return list(rows.order_by("period_start", "id"))


@dataclass
class MeetingView:
    """Everything a meeting page or export shows, read in a fixed number of queries."""

    meeting: Meeting
    guest: bool
    attendees: list[Attendee]
    items: list[AgendaItem]
    actions: list[Action]
    term_items: list[TermItem]
    pending_minutes: list[Meeting]
    previous: Meeting | None
    following: Meeting | None

    def by_presence(self, presence: str) -> list[Attendee]:
        return [a for a in self.attendees if a.presence == presence]

    @property
    def present(self) -> list[Attendee]:
        return self.by_presence(Attendee.Presence.PRESENT)

    @property
    def absent(self) -> list[Attendee]:
        return self.by_presence(Attendee.Presence.ABSENT)

    @property
    def also_present(self) -> list[Attendee]:
        return self.by_presence(Attendee.Presence.ALSO_PRESENT)

    @property
    def invited(self) -> list[Attendee]:
        return self.by_presence(Attendee.Presence.INVITED)

    @property
    def speakers(self) -> list[Attendee]:
        return [a for a in self.attendees if a.attended]


def meeting_view(user: User, meeting: Meeting) -> MeetingView:
    guest = rules.is_guest_view(user, meeting)
    items = visible(user, AgendaItem).filter(meeting=meeting)
    items = items.select_related("deferred_from__meeting").prefetch_related(
        Prefetch(
            "points",
            queryset=MinutePoint.objects.select_related("speaker__user").order_by("position", "id"),
        ),
        Prefetch("decisions", queryset=Decision.objects.order_by("position", "id")),
    )
    return MeetingView(
        meeting=meeting,
        guest=guest,
        attendees=list(meeting.attendees.select_related("user").order_by("position", "id")),
        items=list(items.order_by("position", "id")),
        actions=[] if guest else actielijst(meeting),
        term_items=[] if guest else term_agenda_at(meeting),
        pending_minutes=[] if guest else pending_minutes(meeting),
        previous=previous_meeting(meeting),
        following=next_meeting(meeting),
    )


@dataclass(frozen=True)
class AdoptionRow:
    """What a reader is told about one adoption of a meeting's minutes."""

    outcome: str
    date: dt.date
    at_meeting_id: int | None  # None: the reader may not open the adopting meeting (no link)
    changes: str


def adoptions_of(user: User, meeting: Meeting, *, guest: bool) -> list[AdoptionRow]:
    """The adoptions of ``meeting``'s minutes; a guest reads the notes only of adoptions that
    ``rules.guest_adoption_readable`` allows, and is linked to no meeting he cannot open."""
    readable = rules.guest_adoption_readable(user) if guest else set()
    openable = set(rules.guest_meetings(user).values_list("pk", flat=True)) if guest else set()
    rows = []
    for adoption in meeting.adoptions.select_related("at_meeting").order_by("recorded_at", "id"):
        open_both = not guest or (meeting.pk in readable and adoption.at_meeting_id in openable)
        rows.append(
            AdoptionRow(
                outcome=str(adoption.get_outcome_display()),
                date=adoption.at_meeting.date,
                at_meeting_id=adoption.at_meeting_id
                if not guest or adoption.at_meeting_id in openable
                else None,
                changes=adoption.changes if open_both else "",
            )
        )
    return rows


def upcoming_meetings(user: User, limit: int = 3) -> list[Meeting]:
    """The next meetings of the series the user takes part in (the home card)."""
    today = timezone.localdate()
    return list(
        visible(user, Meeting)
        .filter(series__in=visible(user, MeetingSeries), date__gte=today)
        .select_related("series")
        .order_by("date", "start_time", "id")[:limit]
    )


def audit_meeting_names(reader: User, ids: list[str]) -> dict[str, str]:
    """The access-log viewer's names for meetings the reader may see (one query)."""
    rows = visible(reader, Meeting).filter(pk__in=ids).select_related("series")
    return {
        str(m.pk): _("the meeting %(series)s of %(date)s")
        % {"series": m.series.name, "date": long_date(m.date)}
        for m in rows
    }


@dataclass(frozen=True)
class AdoptedMinutes:
    """Adopted minutes as kept (ADR 0012): the snapshot stored at adoption, and the date of the
    meeting that adopted them (None for minutes imported as adopted outside Regie)."""

    meeting: Meeting
    snapshot: dict[str, Any]
    adopted_on: dt.date | None


def adopted_minutes(meeting: Meeting) -> AdoptedMinutes | None:
    """The stored adopted version of the minutes (what a Woo publication is made from), or None
    while they are not adopted or have no stored snapshot. Reads no policy: the caller has
    checked that the reader may use the meeting."""
    if not meeting.is_adopted or not meeting.adopted_document:
        return None
    adoption = (
        MinutesAdoption.objects.filter(minutes_of=meeting)
        .exclude(outcome=MinutesAdoption.Outcome.DEFERRED)
        .select_related("at_meeting")
        .order_by("-recorded_at")
        .first()
    )
    return AdoptedMinutes(
        meeting=meeting,
        snapshot=meeting.adopted_document,
        adopted_on=adoption.at_meeting.date if adoption is not None else None,
    )
