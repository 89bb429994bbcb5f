"""Writes for attendance: invitations, presence and the attendance list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from regie.meetings.minutes.services.guards import (
    check_minutes_editable,
)
from regie.meetings.models import (
    Attendee,
    Meeting,
)
from regie.meetings.recording import record
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def invite(
    meeting: Meeting,
    *,
    actor: User,
    user: User | None = None,
    name: str = "",
    organisation_name: str = "",
    role_title: str = "",
    kind: str = Attendee.Kind.GUEST,
) -> Attendee:
    check_minutes_editable(meeting, actor=actor)
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
    record(Meetings.ATTENDEE_ADD, actor, meeting, attendee=attendee.pk, kind=kind)
    return attendee


@transaction.atomic
def remove_attendee(attendee: Attendee, *, actor: User) -> None:
    """Take someone off the attendance list (invited by mistake, or never came). Refused once
    the minutes are adopted, and for someone the minutes quote as a speaker: their points would
    lose the name."""
    meeting = attendee.meeting
    check_minutes_editable(meeting, actor=actor)
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
    record(Meetings.ATTENDEE_REMOVE, actor, meeting, attendee=pk, kind=kind, presence=presence)


@transaction.atomic
def set_presence(
    attendee: Attendee, presence: str, *, actor: User, absence_reason: str = ""
) -> Attendee:
    check_minutes_editable(attendee.meeting, actor=actor)
    if presence not in Attendee.Presence.values:
        raise ValidationError(_("Choose present, absent or also present."), code="presence")
    attendee.presence = presence
    attendee.absence_reason = absence_reason.strip() if presence == Attendee.Presence.ABSENT else ""
    attendee.save(update_fields=["presence", "absence_reason"])
    record(Meetings.ATTENDEE_PRESENCE, actor, attendee.meeting, attendee=attendee.pk, to=presence)
    return attendee


@transaction.atomic
def set_attendance(
    meeting: Meeting, rows: Mapping[int, tuple[str, str]], *, actor: User
) -> list[Attendee]:
    """The attendance of everyone at once (one save on the meeting page): ``rows`` maps an
    attendee's id to its presence and absence reason. All or nothing; returns the attendees
    whose presence or reason changed, audited as one event."""
    check_minutes_editable(meeting, actor=actor)
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
        record(
            Meetings.ATTENDEE_PRESENCE,
            actor,
            meeting,
            attendees={str(a.pk): a.presence for a in changed},
        )
    return changed
