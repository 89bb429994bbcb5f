"""Writes for series and meetings: creating a series, a meeting (from the standing agenda)
and changing a meeting's details."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core import policy
from regie.core.locking import bump
from regie.meetings.minutes import selectors
from regie.meetings.minutes.services.guards import (
    check_minutes_editable,
)
from regie.meetings.models import (
    AgendaItem,
    Attendee,
    Meeting,
    MeetingSeries,
    MinutesAdoption,
)
from regie.meetings.recording import hold_meetings, record, required
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def create_series(*, actor: User, name: str, team: Any, **fields: Any) -> MeetingSeries:
    policy.check(actor, Meetings.MANAGE)
    if team.pk not in {m.team_id for m in actor.active_memberships}:
        raise ValidationError(_("You can only start a series for a team of your own."), "team")
    name = required(name, _("Give the series a name."), "name")
    if MeetingSeries.objects.filter(name__iexact=name).exists():
        raise ValidationError(_("A series with this name exists already."), code="name")
    series = MeetingSeries.objects.create(name=name, team=team, **fields)
    record(Meetings.SERIES_CREATE, actor, series)
    return series


@transaction.atomic
def create_meeting(
    series: MeetingSeries,
    *,
    actor: User,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    online_url: str = "",
    chair: Any = None,
    minute_taker: Any = None,
) -> Meeting:
    """A new meeting starts from the series' standing agenda, with the items deferred at the
    previous meeting (marked as deferred) placed before the closing item, and every member of
    the series' teams invited."""
    policy.check(actor, Meetings.MANAGE, series)
    _check_members(series, chair=chair, minute_taker=minute_taker)
    meeting = Meeting.objects.create(
        series=series,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location or series.default_location,
        online_url=online_url,
        chair=chair,
        minute_taker=minute_taker,
        created_by=actor,
    )
    previous = selectors.previous_meeting(meeting)
    if previous is not None:
        # Waits for a deferral being written at the previous meeting, so its item is read here
        # (or, the other way round, the deferral then finds this meeting and adds it itself).
        hold_meetings(previous)
    position = 0
    standing = series.standing_items()
    closing = [s for s in standing if s.get("key") == "closing"]
    for entry in [s for s in standing if s.get("key") != "closing"]:
        position += 1
        _standing_item(meeting, entry, position)
    for deferred in selectors.deferred_items_for(meeting):
        position += 1
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=deferred.title,
            presenter=deferred.presenter,
            duration_minutes=deferred.duration_minutes,
            kind=AgendaItem.Kind.DEFERRED,
            confidential=deferred.confidential,
            deferred_from=deferred,
        )
    for entry in closing:
        position += 1
        _standing_item(meeting, entry, position)
    for index, user in enumerate(selectors.series_members(series), start=1):
        Attendee.objects.create(
            meeting=meeting, user=user, kind=Attendee.Kind.MEMBER, position=index
        )
    record(Meetings.MEETING_CREATE, actor, meeting, date=str(date))
    return meeting


def _check_members(series: MeetingSeries, **people: Any) -> None:
    """The chair and minute-taker come from the series' members (they get to manage the
    meeting, so a user from elsewhere would gain access through it)."""
    chosen = {role: user for role, user in people.items() if user is not None}
    if not chosen:
        return
    members = set(
        selectors.series_members(series)
        .filter(pk__in=[u.pk for u in chosen.values()])
        .values_list("pk", flat=True)
    )
    for role, user in chosen.items():
        if user.pk not in members:
            message = (
                _("Choose a chair from the members of the series.")
                if role == "chair"
                else _("Choose a minute-taker from the members of the series.")
            )
            raise ValidationError(message, code=role)


def _standing_item(meeting: Meeting, entry: dict[str, object], position: int) -> AgendaItem:
    minutes = entry.get("minutes")
    return AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=str(entry.get("title", "")),
        standing=str(entry.get("key", "")),
        duration_minutes=int(minutes) if isinstance(minutes, int) else None,
    )


MEETING_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "location",
    "online_url",
    "chair",
    "minute_taker",
)


@transaction.atomic
def update_meeting(
    meeting: Meeting, *, actor: User, expected_version: int | None = None, **fields: Any
) -> Meeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not meeting fields: {sorted(unknown)}")
    policy.check(actor, Meetings.MANAGE, meeting)
    hold_meetings(meeting)
    if "date" in fields and fields["date"] != meeting.date and not meeting.minutes_locked:
        _check_date_movable(meeting)  # says why the date in particular stays
    check_minutes_editable(meeting, actor=actor)
    # Only a new choice is checked: a chair who has left the team since stays on the record.
    _check_members(
        meeting.series,
        **{
            role: fields[role]
            for role in ("chair", "minute_taker")
            if role in fields and _pk(fields[role]) != getattr(meeting, f"{role}_id")
        },
    )
    bump(meeting, meeting.version if expected_version is None else expected_version)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*fields, "version"])
    record(Meetings.MEETING_UPDATE, actor, meeting, fields=sorted(fields))
    return meeting


def _pk(user: User | None) -> int | None:
    return None if user is None else int(user.pk)


def _check_date_movable(meeting: Meeting) -> None:
    """Adoption runs in date order (minutes are adopted at a later meeting), so a date that
    adoption records rest on stays: once the meeting's own minutes are submitted, or once it
    adopted or deferred earlier minutes (or had its own deferred)."""
    if meeting.status != Meeting.Status.CONCEPT:
        raise ValidationError(
            _(
                "The date cannot change once the minutes are submitted for adoption; withdraw "
                "them first."
            ),
            code="date_fixed",
        )
    if (
        MinutesAdoption.objects.filter(at_meeting=meeting).exists()
        or MinutesAdoption.objects.filter(minutes_of=meeting).exists()
    ):
        raise ValidationError(
            _(
                "The date cannot change: minutes have been adopted or deferred at this meeting, "
                "and adoption happens at a later meeting."
            ),
            code="date_fixed",
        )
