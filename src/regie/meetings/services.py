"""Writes for meetings. Every function checks the policy, validates, writes the audit log in the
same transaction and leaves nothing half-written. Free text (minutes, decisions) stays out of the
audit log: it records who changed what, not what was said."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit, policy
from regie.core.dates import long_date, short_date, short_datetime
from regie.meetings import selectors
from regie.meetings.models import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendee,
    Decision,
    Erratum,
    FeedToken,
    Meeting,
    MeetingSeries,
    MinutePoint,
    MinutesAdoption,
    SubAction,
    TermDate,
    TermItem,
    hash_token,
)
from regie.meetings.periods import Period, parse_period


class Conflict(Exception):
    """Someone else saved the meeting first."""


def _record(
    action: str, actor: Any, obj: Any, *, record_of: Meeting | None = None, **changes: Any
) -> None:
    """``record_of`` is the meeting whose record the write belongs to (default: ``obj`` when it
    is a meeting); its chair is named as the one on whose behalf the actor wrote."""
    meeting = record_of if record_of is not None else obj if isinstance(obj, Meeting) else None
    audit.record(
        action=action,
        actor=actor,
        obj=obj,
        changes=changes or None,
        on_behalf_of="" if meeting is None else _on_behalf_of(actor, meeting),
    )


def _on_behalf_of(actor: Any, meeting: Meeting) -> str:
    """The chair answers for a meeting's record (NEN 7513's responsible user): anyone else who
    writes it, the secretary or the minute-taker, writes it on the chair's behalf."""
    if meeting.chair_id is None or meeting.chair_id == getattr(actor, "pk", None):
        return ""
    return str(meeting.chair.get_username()) if meeting.chair else ""


def _required(value: str, message: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code=code)
    return value


# --- Series and meetings ------------------------------------------------------------------------


@transaction.atomic
def create_series(actor: Any, *, name: str, team: Any, **fields: Any) -> MeetingSeries:
    policy.check(actor, "meetings.manage")
    if team.pk not in {m.team_id for m in actor.active_memberships}:
        raise ValidationError(_("You can only start a series for a team of your own."), "team")
    name = _required(name, _("Give the series a name."), "name")
    if MeetingSeries.objects.filter(name__iexact=name).exists():
        raise ValidationError(_("A series with this name exists already."), code="name")
    series = MeetingSeries.objects.create(name=name, team=team, **fields)
    _record("meetings.series.create", actor, series)
    return series


def _next_position(meeting: Meeting) -> int:
    top = meeting.items.aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


@transaction.atomic
def create_meeting(
    actor: Any,
    series: MeetingSeries,
    *,
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
    policy.check(actor, "meetings.manage", series)
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
        _lock(previous)
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
    _record("meetings.meeting.create", actor, meeting, date=str(date))
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
    actor: Any, meeting: Meeting, *, expected_version: int | None = None, **fields: Any
) -> Meeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not meeting fields: {sorted(unknown)}")
    policy.check(actor, "meetings.manage", meeting)
    _lock(meeting)
    if "date" in fields and fields["date"] != meeting.date and not meeting.minutes_locked:
        _check_date_movable(meeting)  # says why the date in particular stays
    _check_minutes_editable(actor, meeting)
    # Only a new choice is checked: a chair who has left the team since stays on the record.
    _check_members(
        meeting.series,
        **{
            role: fields[role]
            for role in ("chair", "minute_taker")
            if role in fields and _pk(fields[role]) != getattr(meeting, f"{role}_id")
        },
    )
    _bump(meeting, expected_version)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*fields, "version"])
    _record("meetings.meeting.update", actor, meeting, fields=sorted(fields))
    return meeting


def _pk(user: Any) -> int | None:
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


def _bump(meeting: Meeting, expected_version: int | None) -> None:
    """Optimistic locking: the second of two concurrent saves gets ``Conflict``."""
    version = meeting.version if expected_version is None else expected_version
    updated = Meeting.objects.filter(pk=meeting.pk, version=version).update(version=version + 1)
    if updated != 1:
        raise Conflict()
    meeting.version = version + 1


# --- Attendance ---------------------------------------------------------------------------------


def _check_minutes_editable(actor: Any, meeting: Meeting) -> None:
    """Who may not manage the meeting is refused (403); a manager of minutes out for adoption
    or adopted is told why (a form error): the first go back to draft first, the second change
    only by an erratum."""
    policy.check(actor, "meetings.manage", meeting)
    _lock(meeting)
    _check_not_read_only(meeting)


def _check_not_read_only(meeting: Meeting) -> None:
    if meeting.minutes_locked:
        raise ValidationError(
            _("These minutes are adopted; record a correction as an erratum."), code="locked"
        )
    if meeting.minutes_read_only:
        raise ValidationError(
            _(
                "These minutes are out for adoption and cannot change; take them back to draft "
                "first (the attendees are told by e-mail)."
            ),
            code="submitted",
        )


def _lock(*meetings: Meeting) -> None:
    """Take the meetings' rows for the rest of the transaction (in id order, so two writers
    never wait on each other crosswise) and read their status fresh. Agenda positions are read
    and then rewritten, and adoption must not slip in between a check and a write: writers of
    one meeting go one after another."""
    by_pk = {m.pk: m for m in meetings}
    rows = Meeting.objects.select_for_update().filter(pk__in=sorted(by_pk)).order_by("pk")
    for pk, status in rows.values_list("pk", "status"):
        by_pk[pk].status = status


@transaction.atomic
def invite(
    actor: Any,
    meeting: Meeting,
    *,
    user: Any = None,
    name: str = "",
    organisation_name: str = "",
    role_title: str = "",
    kind: str = Attendee.Kind.GUEST,
) -> Attendee:
    _check_minutes_editable(actor, meeting)
    if user is None and not name.strip():
        raise ValidationError(_("Choose a user or give a name."), code="name")
    if user is not None and meeting.attendees.filter(user=user).exists():
        raise ValidationError(_("This person is invited already."), code="user")
    top = meeting.attendees.aggregate(top=Max("position"))["top"] or 0
    attendee = Attendee.objects.create(
        meeting=meeting,
        user=user,
        name="" if user is not None else name.strip(),
        organisation_name=organisation_name.strip(),
        role_title=role_title.strip(),
        kind=kind,
        position=top + 1,
    )
    _record("meetings.attendee.add", actor, meeting, attendee=attendee.pk, kind=kind)
    return attendee


@transaction.atomic
def remove_attendee(actor: Any, attendee: Attendee) -> None:
    """Take someone off the attendance list (invited by mistake, or never came). Refused once
    the minutes are adopted, and for someone the minutes quote as a speaker: their points would
    lose the name."""
    meeting = attendee.meeting
    _check_minutes_editable(actor, meeting)
    spoken = attendee.points.count()
    if spoken:
        raise ValidationError(
            _(
                "%(name)s is the speaker of %(count)s point(s) in the minutes; give them another "
                "speaker or remove them first."
            )
            % {"name": attendee.display_name, "count": spoken},
            code="speaker",
        )
    pk, kind, presence = attendee.pk, attendee.kind, attendee.presence
    attendee.delete()
    _record("meetings.attendee.remove", actor, meeting, attendee=pk, kind=kind, presence=presence)


@transaction.atomic
def set_presence(
    actor: Any, attendee: Attendee, presence: str, *, absence_reason: str = ""
) -> Attendee:
    _check_minutes_editable(actor, attendee.meeting)
    if presence not in Attendee.Presence.values:
        raise ValidationError(_("Choose present, absent or also present."), code="presence")
    attendee.presence = presence
    attendee.absence_reason = absence_reason.strip() if presence == Attendee.Presence.ABSENT else ""
    attendee.save(update_fields=["presence", "absence_reason"])
    _record(
        "meetings.attendee.presence", actor, attendee.meeting, attendee=attendee.pk, to=presence
    )
    return attendee


@transaction.atomic
def set_attendance(
    actor: Any, meeting: Meeting, rows: Mapping[int, tuple[str, str]]
) -> list[Attendee]:
    """The attendance of everyone at once (one save on the meeting page): ``rows`` maps an
    attendee's id to its presence and absence reason. All or nothing; returns the attendees
    whose presence or reason changed, audited as one event."""
    _check_minutes_editable(actor, meeting)
    attendees = {a.pk: a for a in meeting.attendees.filter(pk__in=list(rows))}
    if len(attendees) != len(rows):
        raise ValidationError(_("Choose attendees of this meeting."), code="attendee")
    changed: list[Attendee] = []
    for pk, (presence, reason) in rows.items():
        if presence not in Attendee.Presence.values:
            raise ValidationError(_("Choose present, absent or also present."), code="presence")
        attendee = attendees[pk]
        reason = reason.strip() if presence == Attendee.Presence.ABSENT else ""
        if (attendee.presence, attendee.absence_reason) != (presence, reason):
            attendee.presence, attendee.absence_reason = presence, reason
            changed.append(attendee)
    Attendee.objects.bulk_update(changed, ["presence", "absence_reason"])
    if changed:
        _record(
            "meetings.attendee.presence",
            actor,
            meeting,
            attendees={str(a.pk): a.presence for a in changed},
        )
    return changed


# --- Agenda -------------------------------------------------------------------------------------


@transaction.atomic
def add_item(
    actor: Any,
    meeting: Meeting,
    *,
    title: str,
    presenter: str = "",
    duration_minutes: int | None = None,
    kind: str = AgendaItem.Kind.STANDARD,
    confidential: bool = False,
) -> AgendaItem:
    _check_minutes_editable(actor, meeting)
    title = _required(title, _("Give the item a title."), "title")
    if kind not in AgendaItem.Kind.values:
        raise ValidationError(_("Choose an item type."), code="kind")
    # New items go before the closing item, which stays last.
    closing = meeting.items.filter(standing="closing").order_by("-position").first()
    if closing is not None:
        position = closing.position
        meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = _next_position(meeting)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title,
        presenter=presenter.strip(),
        duration_minutes=duration_minutes,
        kind=kind,
        confidential=confidential,
    )
    _record("meetings.item.add", actor, meeting, item=item.pk)
    return item


ITEM_FIELDS = ("title", "presenter", "duration_minutes", "kind", "confidential", "notes")


@transaction.atomic
def update_item(actor: Any, item: AgendaItem, **fields: Any) -> AgendaItem:
    _check_minutes_editable(actor, item.meeting)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not item fields: {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = _required(fields["title"], _("Give the item a title."), "title")
    if "kind" in fields and fields["kind"] not in AgendaItem.Kind.values:
        raise ValidationError(_("Choose an item type."), code="kind")
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    _record("meetings.item.update", actor, item.meeting, item=item.pk, fields=sorted(fields))
    return item


def _renumber(meeting: Meeting, ordered: Sequence[int]) -> None:
    for position, pk in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=pk, meeting=meeting).update(position=position)


@transaction.atomic
def reorder_items(actor: Any, meeting: Meeting, ordered_ids: Sequence[int]) -> None:
    """Renumber the agenda in the given order; the list must name every item exactly once."""
    _check_minutes_editable(actor, meeting)
    current = set(meeting.items.values_list("pk", flat=True))
    if len(ordered_ids) != len(current) or set(ordered_ids) != current:
        raise ValidationError(_("The new order must name every item once."), code="order")
    _renumber(meeting, ordered_ids)
    _record("meetings.item.reorder", actor, meeting)


@transaction.atomic
def move_item(actor: Any, item: AgendaItem, *, up: bool) -> None:
    """Swap an item with its neighbour: the keyboard-friendly form of reordering."""
    meeting = item.meeting
    _check_minutes_editable(actor, meeting)  # the order is read under the meeting's row lock
    ids = list(meeting.items.order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    reorder_items(actor, meeting, ids)


def _copy_item(item: AgendaItem, target: Meeting, **overrides: Any) -> AgendaItem:
    closing = target.items.filter(standing="closing").order_by("-position").first()
    if closing is not None:
        position = closing.position
        target.items.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = _next_position(target)
    values = {
        "title": item.title,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "kind": item.kind if item.kind != AgendaItem.Kind.DEFERRED else AgendaItem.Kind.STANDARD,
        "confidential": item.confidential,
        **overrides,
    }
    return AgendaItem.objects.create(meeting=target, position=position, **values)


def _check_same_series(item: AgendaItem, target: Meeting) -> None:
    if target.series_id != item.meeting.series_id:
        raise ValidationError(_("Choose a meeting of the same series."), code="target")
    if target.pk == item.meeting_id:
        raise ValidationError(_("Choose another meeting."), code="target")


@transaction.atomic
def copy_item(actor: Any, item: AgendaItem, target: Meeting) -> AgendaItem:
    policy.check(actor, "meetings.manage", item.meeting)
    _check_same_series(item, target)
    _check_minutes_editable(actor, target)  # takes the target's row
    copy = _copy_item(item, target)
    _record("meetings.item.copy", actor, target, item=copy.pk, source=item.pk)
    return copy


@transaction.atomic
def move_item_to(actor: Any, item: AgendaItem, target: Meeting) -> AgendaItem:
    """Move an item (with nothing recorded under it yet) to another meeting. A deferred item
    stays linked to the item it was deferred from."""
    _check_same_series(item, target)
    _lock(item.meeting, target)
    _check_minutes_editable(actor, item.meeting)
    _check_minutes_editable(actor, target)
    if item.standing:
        raise ValidationError(_("A standing item stays where it is."), code="standing")
    if item.points.exists() or item.decisions.exists() or item.notes.strip():
        raise ValidationError(
            _("This item has minutes already; copy it instead."), code="has_minutes"
        )
    if (
        item.deferred_from_id is not None
        and target.items.filter(deferred_from_id=item.deferred_from_id).exists()
    ):
        raise ValidationError(
            _("That meeting has this deferred item on its agenda already."),
            code="deferred_twice",
        )
    source = item.meeting
    deferred_from = item.deferred_from_id
    # Delete first: the copy takes over the link to the deferred item.
    item.delete()
    copy = _copy_item(item, target, kind=item.kind, deferred_from_id=deferred_from)
    _renumber(source, list(source.items.order_by("position", "id").values_list("pk", flat=True)))
    _record("meetings.item.move", actor, target, item=copy.pk, source_meeting=source.pk)
    return copy


@transaction.atomic
def remove_item(actor: Any, item: AgendaItem) -> None:
    meeting = item.meeting
    _check_minutes_editable(actor, meeting)
    if item.standing:
        raise ValidationError(_("A standing item stays on the agenda."), code="standing")
    pk, source = item.pk, item.deferred_from_id
    points, decisions = item.points.count(), item.decisions.count()
    item.delete()
    _renumber(meeting, list(meeting.items.order_by("position", "id").values_list("pk", flat=True)))
    changes: dict[str, Any] = {"item": pk, "points": points, "decisions": decisions}
    if source is not None:
        changes["deferred_from"] = source
        changes["deferral_ended"] = _end_deferral(source)
    _record("meetings.item.remove", actor, meeting, **changes)


def _end_deferral(source_pk: int) -> bool:
    """Taking a deferred copy off an agenda ends the deferral, so no meeting made later picks
    the item up again. Adopted minutes keep the flag as adopted: it is what was decided then."""
    return bool(
        AgendaItem.objects.filter(pk=source_pk, deferred=True)
        .exclude(meeting__status=Meeting.Status.ADOPTED)
        .exclude(deferred_to__isnull=False)
        .update(deferred=False)
    )


@transaction.atomic
def defer_item(actor: Any, item: AgendaItem, *, deferred: bool = True) -> AgendaItem:
    """Doorschuiven: the item appears on the next meeting's agenda, marked as deferred. When the
    next meeting exists already it is added there now, otherwise when that meeting is made."""
    _check_minutes_editable(actor, item.meeting)
    item.deferred = deferred
    item.save(update_fields=["deferred"])
    if deferred:
        following = selectors.next_meeting(item.meeting)
        if following is not None:
            # Checked and added under the next meeting's row lock: one copy per meeting.
            _lock(following)
        if (
            following is not None
            and not following.minutes_read_only
            and not AgendaItem.objects.filter(meeting=following, deferred_from=item).exists()
        ):
            _copy_item(item, following, kind=AgendaItem.Kind.DEFERRED, deferred_from=item)
    else:
        AgendaItem.objects.filter(
            deferred_from=item, meeting__status=Meeting.Status.CONCEPT
        ).filter(points__isnull=True, decisions__isnull=True).delete()
    _record("meetings.item.defer", actor, item.meeting, item=item.pk, deferred=deferred)
    return item


# --- Minutes ------------------------------------------------------------------------------------


@transaction.atomic
def add_point(
    actor: Any, item: AgendaItem, *, text: str, speaker: Attendee | None = None, heading: str = ""
) -> MinutePoint:
    _check_minutes_editable(actor, item.meeting)
    text = _required(text, _("Write the point."), "text")
    if speaker is not None and speaker.meeting_id != item.meeting_id:
        raise ValidationError(_("Choose a speaker from this meeting."), code="speaker")
    top = item.points.aggregate(top=Max("position"))["top"] or 0
    point = MinutePoint.objects.create(
        item=item, position=top + 1, speaker=speaker, text=text, heading=heading.strip()
    )
    _record("meetings.point.add", actor, item.meeting, item=item.pk)
    return point


@transaction.atomic
def update_point(
    actor: Any, point: MinutePoint, *, text: str, speaker: Attendee | None = None
) -> MinutePoint:
    _check_minutes_editable(actor, point.item.meeting)
    point.text = _required(text, _("Write the point."), "text")
    if speaker is not None and speaker.meeting_id != point.item.meeting_id:
        raise ValidationError(_("Choose a speaker from this meeting."), code="speaker")
    point.speaker = speaker
    point.save(update_fields=["text", "speaker"])
    _record("meetings.point.update", actor, point.item.meeting, point=point.pk)
    return point


@transaction.atomic
def remove_point(actor: Any, point: MinutePoint) -> None:
    meeting = point.item.meeting
    _check_minutes_editable(actor, meeting)
    pk = point.pk
    point.delete()
    _record("meetings.point.remove", actor, meeting, point=pk)


@transaction.atomic
def add_decision(actor: Any, item: AgendaItem, *, text: str) -> Decision:
    _check_minutes_editable(actor, item.meeting)
    text = _required(text, _("Write the decision."), "text")
    top = item.decisions.aggregate(top=Max("position"))["top"] or 0
    decision = Decision.objects.create(item=item, meeting=item.meeting, position=top + 1, text=text)
    _record("meetings.decision.add", actor, item.meeting, decision=decision.pk)
    return decision


@transaction.atomic
def remove_decision(actor: Any, decision: Decision) -> None:
    meeting = decision.meeting
    _check_minutes_editable(actor, meeting)
    pk = decision.pk
    decision.delete()
    _record("meetings.decision.remove", actor, meeting, decision=pk)


# --- Minutes lifecycle --------------------------------------------------------------------------

# concept → ter vaststelling → vastgesteld; "back to concept" lets the minute-taker correct
# submitted minutes before a meeting adopts them. Adoption itself happens only through
# ``record_adoption`` at a later meeting.
LIFECYCLE: dict[tuple[str, str], str] = {
    (Meeting.Status.CONCEPT, Meeting.Status.SUBMITTED): "submit",
    (Meeting.Status.SUBMITTED, Meeting.Status.CONCEPT): "withdraw",
    (Meeting.Status.SUBMITTED, Meeting.Status.ADOPTED): "adopt",
}


def can_move(meeting: Meeting, to: str) -> bool:
    return (meeting.status, to) in LIFECYCLE


@transaction.atomic
def submit_minutes(actor: Any, meeting: Meeting) -> Meeting:
    """Send the concept minutes to the attendees for adoption at the next meeting."""
    policy.check(actor, "meetings.manage", meeting)
    _lock(meeting)
    if not can_move(meeting, Meeting.Status.SUBMITTED):
        raise ValidationError(_("Only draft minutes can be submitted."), code="status")
    if not meeting.has_started():
        raise ValidationError(
            _(
                "The meeting has not started yet: its minutes can be sent for adoption from "
                "%(moment)s."
            )
            % {"moment": starts_at_text(meeting)},
            code="not_started",
        )
    meeting.status = Meeting.Status.SUBMITTED
    meeting.submitted_at = timezone.now()
    meeting.save(update_fields=["status", "submitted_at"])
    subject = _("Minutes for adoption: %(meeting)s") % {"meeting": meeting}
    body = _(
        "The draft minutes of %(meeting)s are ready. They will be adopted at the next "
        "meeting; sign in to Regie to read them."
    ) % {"meeting": meeting}
    recipients = _mail_attendees(meeting, subject, body)
    _record("meetings.minutes.submit", actor, meeting, recipients=recipients)
    return meeting


def starts_at_text(meeting: Meeting) -> str:
    """When the meeting starts, as forms write it: 15-06-2021 10:00 (or the day alone)."""
    moment = timezone.localtime(meeting.starts_at)
    if meeting.start_time is None:
        return short_date(moment)
    return short_datetime(moment)


def _mail_attendees(meeting: Meeting, subject: str, body: str) -> int:
    """One e-mail to the attendees with an address, sent once the transaction commits."""
    recipients = selectors.attendee_emails(meeting)
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        )
    return len(recipients)


@transaction.atomic
def withdraw_minutes(actor: Any, meeting: Meeting) -> Meeting:
    """Back to draft for a correction. The attendees had the minutes sent to them, so they are
    told these are no longer the version to adopt."""
    policy.check(actor, "meetings.manage", meeting)
    _lock(meeting)
    if not can_move(meeting, Meeting.Status.CONCEPT):
        raise ValidationError(_("Only submitted minutes can go back to draft."), code="status")
    meeting.status = Meeting.Status.CONCEPT
    meeting.submitted_at = None
    meeting.save(update_fields=["status", "submitted_at"])
    subject = _("Minutes back to draft: %(meeting)s") % {"meeting": meeting}
    body = _(
        "The minutes of %(meeting)s that were sent to you for adoption have been taken back to "
        "draft for a correction. You will receive them again when they are sent for adoption."
    ) % {"meeting": meeting}
    recipients = _mail_attendees(meeting, subject, body)
    _record("meetings.minutes.withdraw", actor, meeting, recipients=recipients)
    return meeting


@transaction.atomic
def record_adoption(
    actor: Any, minutes_of: Meeting, at_meeting: Meeting, outcome: str, *, changes: str = ""
) -> MinutesAdoption:
    """Under the later meeting's "Vaststellen verslag" item: adopted (with or without changes)
    locks the minutes; deferred leaves them for the meeting after."""
    policy.check(actor, "meetings.manage", at_meeting)
    if outcome not in MinutesAdoption.Outcome.values:
        raise ValidationError(_("Choose adopted, adopted with changes or deferred."), "outcome")
    if minutes_of.series_id != at_meeting.series_id or minutes_of.date >= at_meeting.date:
        raise ValidationError(
            _("Minutes are adopted at a later meeting of the same series."), code="at_meeting"
        )
    # Recorded under that meeting's "Vaststellen verslag" item: part of its own minutes.
    _lock(at_meeting)
    _check_not_read_only(at_meeting)
    minutes_of = Meeting.objects.select_for_update().get(pk=minutes_of.pk)
    if minutes_of.status != Meeting.Status.SUBMITTED:
        raise ValidationError(
            _("Only minutes submitted for adoption can be adopted or deferred."), code="status"
        )
    changes = changes.strip()
    if outcome == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES and not changes:
        raise ValidationError(_("Say which changes were made."), code="changes")
    adoption = MinutesAdoption.objects.create(
        minutes_of=minutes_of,
        at_meeting=at_meeting,
        outcome=outcome,
        changes=changes,
        recorded_by=actor,
    )
    if outcome != MinutesAdoption.Outcome.DEFERRED:
        minutes_of.status = Meeting.Status.ADOPTED
        minutes_of.adopted_at = timezone.now()
        minutes_of.adopted_document = adopted_document(minutes_of)
        minutes_of.save(update_fields=["status", "adopted_at", "adopted_document"])
    # Adopted under the later meeting's item, so part of that meeting's record and its chair's.
    _record(
        "meetings.minutes.adoption",
        actor,
        minutes_of,
        record_of=at_meeting,
        outcome=outcome,
        at=at_meeting.pk,
    )
    return adoption


def adopted_document(meeting: Meeting) -> dict[str, Any]:
    """The minutes as adopted, kept on the meeting: the actielijst and termijnagenda read live
    would change under adopted minutes, so exports read this from then on. Taken after the
    status change, so the document reads as adopted."""
    # Imported here: documents pulls in the PDF and Word machinery, which writes do not need.
    from regie.meetings import documents

    return documents.snapshot(meeting)


@transaction.atomic
def add_erratum(actor: Any, meeting: Meeting, *, text: str) -> Erratum:
    policy.check(actor, "meetings.erratum", meeting)
    text = _required(text, _("Describe the correction."), "text")
    erratum = Erratum.objects.create(meeting=meeting, text=text, recorded_by=actor)
    _record("meetings.minutes.erratum", actor, meeting, erratum=erratum.pk)
    return erratum


# --- Actielijst ---------------------------------------------------------------------------------


@dataclass
class Owner:
    user: Any = None
    name: str = ""


@dataclass
class SubActionInput:
    description: str
    owners: list[Owner] = field(default_factory=list)
    due_text: str = ""
    done_on: dt.date | None = None


def _apply_period(sub: SubAction, period: Period) -> None:
    sub.due_text = period.text
    sub.due_start = period.start
    sub.due_end = period.end
    sub.due_kind = str(period.kind) if period.text else ""
    sub.recurring = period.recurring


def _set_owners(sub: SubAction, owners: Iterable[Owner]) -> None:
    sub.owners.all().delete()
    for owner in owners:
        if owner.user is None and not owner.name.strip():
            continue
        ActionOwner.objects.create(
            subaction=sub, user=owner.user, name="" if owner.user else owner.name.strip()
        )


def _create_subaction(
    action: Action, data: SubActionInput, position: int, reference: dt.date
) -> SubAction:
    description = _required(data.description, _("Describe the action."), "description")
    sub = SubAction(action=action, position=position, description=description)
    _apply_period(sub, parse_period(data.due_text, reference=reference))
    if data.done_on is not None:
        sub.status = SubAction.Status.DONE
        sub.completed_on = data.done_on
    sub.save()
    _set_owners(sub, data.owners)
    return sub


@transaction.atomic
def add_action(
    actor: Any,
    series: MeetingSeries,
    *,
    subject: str,
    subactions: Sequence[SubActionInput],
    raised_on: dt.date | None = None,
    meeting: Meeting | None = None,
    item: AgendaItem | None = None,
) -> Action:
    """A new actielijst row. The due moment is parsed but never rejected: text that is not
    understood is kept as written, with no period."""
    policy.check(actor, "meetings.manage", series)
    subject = _required(subject, _("Give the action a subject."), "subject")
    if not subactions:
        raise ValidationError(_("An action needs at least one sub-action."), code="subactions")
    if meeting is not None and meeting.series_id != series.pk:
        raise ValidationError(_("Choose a meeting of this series."), code="meeting")
    if item is not None and (
        item.meeting.series_id != series.pk
        or (meeting is not None and item.meeting_id != meeting.pk)
    ):
        raise ValidationError(_("Choose an agenda item of this meeting."), code="item")
    raised = raised_on or (meeting.date if meeting else timezone.localdate())
    action = Action.objects.create(
        series=series, raised_on=raised, raised_at=meeting, item=item, subject=subject
    )
    for position, data in enumerate(subactions, start=1):
        _create_subaction(action, data, position, raised)
    _record("meetings.action.add", actor, action, subactions=len(subactions))
    return action


@transaction.atomic
def add_subaction(actor: Any, action: Action, data: SubActionInput) -> SubAction:
    policy.check(actor, "meetings.manage", action.series)
    top = action.subactions.aggregate(top=Max("position"))["top"] or 0
    sub = _create_subaction(action, data, top + 1, action.raised_on)
    _record("meetings.subaction.add", actor, action, subaction=sub.pk)
    return sub


@transaction.atomic
def update_subaction(
    actor: Any,
    sub: SubAction,
    *,
    description: str | None = None,
    due_text: str | None = None,
    owners: Sequence[Owner] | None = None,
    expected_version: int | None = None,
) -> SubAction:
    policy.check(actor, "meetings.manage", sub.action.series)
    _bump_subaction(sub, expected_version)
    if description is not None:
        sub.description = _required(description, _("Describe the action."), "description")
    # The edit form always sends the due text. Read it again only when it changed: re-reading
    # an unchanged text would move a follow-up's period back and send its reminder again.
    if due_text is not None and " ".join(due_text.split()) != " ".join(sub.due_text.split()):
        _apply_period(sub, parse_period(due_text, reference=_due_reference(sub)))
        sub.reminded_for = None
    sub.save()
    if owners is not None:
        _set_owners(sub, owners)
    _record("meetings.subaction.update", actor, sub.action, subaction=sub.pk)
    return sub


def _due_reference(sub: SubAction) -> dt.date:
    """The day a due text is read against: when the action was raised, except for a yearly
    follow-up, whose year is that of its own period (or this year)."""
    if sub.follows_id is not None:
        return sub.due_start or timezone.localdate()
    return sub.action.raised_on


def _bump_subaction(sub: SubAction, expected_version: int | None) -> None:
    version = sub.version if expected_version is None else expected_version
    if SubAction.objects.filter(pk=sub.pk, version=version).update(version=version + 1) != 1:
        raise Conflict()
    sub.version = version + 1


@transaction.atomic
def complete_subaction(
    actor: Any, sub: SubAction, *, on: dt.date | None = None, expected_version: int | None = None
) -> SubAction | None:
    """Mark done. A yearly action is done for this year and re-opens for the next: a new open
    sub-action with the period one year on (returned), so the history stays readable."""
    policy.check(actor, "meetings.update_subaction", sub)
    if not sub.is_open:
        raise ValidationError(_("This action is done already."), code="status")
    _bump_subaction(sub, expected_version)
    sub.status = SubAction.Status.DONE
    sub.completed_on = on or timezone.localdate()
    sub.save(update_fields=["status", "completed_on"])
    _record("meetings.subaction.complete", actor, sub.action, subaction=sub.pk)
    if not sub.recurring:
        return None
    existing = SubAction.objects.filter(follows=sub).first()
    if existing is not None:
        # Next year's sub-action is there already: done twice is still one follow-up.
        return existing
    period = parse_period(sub.due_text, reference=sub.action.raised_on)
    if sub.due_end is not None:
        period = Period(
            text=sub.due_text,
            start=sub.due_start,
            end=sub.due_end,
            kind=period.kind,
            recurring=True,
        )
    try:
        following = period.next_occurrence()
    except (ValueError, OverflowError):  # no next year in the calendar (9999)
        following = None
    if following is None or not following.understood:
        # Nothing to carry over to: done for good, rather than an open row without a period.
        return None
    top = sub.action.subactions.aggregate(top=Max("position"))["top"] or 0
    again = SubAction(action=sub.action, position=top + 1, description=sub.description, follows=sub)
    _apply_period(again, following)
    again.save()
    _set_owners(again, [Owner(user=o.user, name=o.name) for o in sub.owners.all()])
    _record("meetings.subaction.recur", actor, sub.action, subaction=again.pk)
    return again


@transaction.atomic
def reopen_subaction(
    actor: Any, sub: SubAction, *, expected_version: int | None = None
) -> SubAction:
    """Undo "done". For a yearly action the follow-up that completing it made is taken back
    while nobody has touched it; once it was changed (or done) reopening is refused, since two
    open rows for the same year would be one too many."""
    policy.check(actor, "meetings.update_subaction", sub)
    if sub.is_open:
        raise ValidationError(_("This action is open already."), code="status")
    follow_up = SubAction.objects.select_for_update().filter(follows=sub).first()
    if follow_up is not None and not _untouched(follow_up):
        raise ValidationError(
            _(
                "This yearly action has been carried over to next year and that follow-up was "
                "changed since; change the follow-up instead."
            ),
            code="follow_up_changed",
        )
    _bump_subaction(sub, expected_version)
    removed = None
    if follow_up is not None:
        removed = follow_up.pk
        follow_up.delete()
    sub.status = SubAction.Status.OPEN
    sub.completed_on = None
    sub.save(update_fields=["status", "completed_on"])
    _record(
        "meetings.subaction.reopen", actor, sub.action, subaction=sub.pk, follow_up_removed=removed
    )
    return sub


def _untouched(follow_up: SubAction) -> bool:
    """As completing made it: still open and never saved since (every edit bumps the version)."""
    return follow_up.is_open and follow_up.version == 1


def send_due_reminders(today: dt.date | None = None) -> int:
    """E-mail the owners (with an active account) of open sub-actions whose period ends within
    the series' reminder window; once per due date. Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    for sub in selectors.subactions_due_for_reminder(today):
        # Deactivated accounts (people who left) get no mail; names without an account cannot.
        recipients = sorted(
            {
                o.user.email
                for o in sub.owners.all()
                if o.user is not None and o.user.is_active and o.user.email
            }
        )
        with transaction.atomic():
            claimed = SubAction.objects.filter(pk=sub.pk).exclude(reminded_for=sub.due_end)
            if claimed.update(reminded_for=sub.due_end) != 1:
                continue
            audit.record(
                action="meetings.subaction.remind",
                actor_name="system",
                obj=sub.action,
                changes={"subaction": sub.pk, "recipients": len(recipients)},
            )
            if recipients:
                assert sub.due_end is not None
                subject = _("Action due %(due)s: %(subject)s") % {
                    "due": sub.due_text or long_date(sub.due_end),
                    "subject": sub.action.subject,
                }
                body = _(
                    "An action of %(series)s is due by %(end)s:\n\n%(action)s\n\n"
                    "Sign in to Regie to mark it done."
                ) % {
                    "series": sub.action.series.name,
                    "end": long_date(sub.due_end),
                    "action": sub.description,
                }
                # Last in the transaction: a failed send rolls the claim back, so the next run
                # tries again, and nothing after it can fail once the mail has gone out.
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                sent += 1
    return sent


# --- Termijnagenda ------------------------------------------------------------------------------


@transaction.atomic
def add_term_item(
    actor: Any,
    series: MeetingSeries,
    *,
    subject: str,
    kind: str = TermItem.Kind.OTHER,
    when_text: str = "",
    dates: Sequence[dt.date] = (),
    to_plan: bool = False,
    audience_teams: Sequence[Any] = (),
    audience_roles: Sequence[str] = (),
    meeting: Meeting | None = None,
    reference: dt.date | None = None,
) -> TermItem:
    """A forward agenda entry: explicit dates, a (fuzzy) period, or "nog plannen"."""
    from regie.meetings.periods import parse_dates

    policy.check(actor, "meetings.manage", series)
    subject = _required(subject, _("Give the item a subject."), "subject")
    if kind not in TermItem.Kind.values:
        raise ValidationError(_("Choose a kind."), code="kind")
    if meeting is not None and meeting.series_id != series.pk:
        raise ValidationError(_("Choose a meeting of this series."), code="meeting")
    reference = reference or timezone.localdate()
    when_text = when_text.strip()
    found = list(dates) or (parse_dates(when_text, reference=reference) if when_text else [])
    period = parse_period(when_text, reference=reference) if when_text and not found else None
    item = TermItem.objects.create(
        series=series,
        subject=subject,
        kind=kind,
        audience_roles=list(audience_roles),
        period_text=when_text,
        period_start=min(found) if found else (period.start if period else None),
        period_end=max(found) if found else (period.end if period else None),
        to_plan=to_plan or not (found or (period and period.understood)),
        meeting=meeting,
    )
    item.audience_teams.set(audience_teams)
    for day in sorted(set(found)):
        TermDate.objects.create(item=item, date=day)
    _record("meetings.term.add", actor, item, dates=len(found))
    return item


@transaction.atomic
def plan_term_item(actor: Any, item: TermItem, dates: Sequence[dt.date]) -> TermItem:
    policy.check(actor, "meetings.manage", item.series)
    if not dates:
        raise ValidationError(_("Give at least one date."), code="dates")
    item.dates.all().delete()
    for day in sorted(set(dates)):
        TermDate.objects.create(item=item, date=day)
    item.period_start, item.period_end = min(dates), max(dates)
    item.to_plan = False
    item.save(update_fields=["period_start", "period_end", "to_plan"])
    _record("meetings.term.plan", actor, item, dates=len(dates))
    return item


# --- Calendar feeds -----------------------------------------------------------------------------


@transaction.atomic
def issue_feed_token(actor: Any, series: MeetingSeries | None = None) -> str:
    """A new secret feed URL; an earlier one for the same feed is revoked. The secret is shown
    once and only its hash is kept."""
    if series is not None:
        policy.check(actor, "meetings.view", series)
    revoke_feed_token(actor, series)
    secret = FeedToken.new_secret()
    token = FeedToken.objects.create(user=actor, series=series, token_hash=hash_token(secret))
    _record("meetings.feed.issue", actor, token)
    return secret


@transaction.atomic
def revoke_feed_token(actor: Any, series: MeetingSeries | None = None) -> int:
    revoked = FeedToken.objects.filter(user=actor, series=series, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit.record(
            action="meetings.feed.revoke",
            actor=actor,
            object_type="meetings.feedtoken",
            changes={"series": series.pk if series else None},
        )
    return revoked
