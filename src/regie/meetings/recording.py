"""Shared helpers of the meetings components: the audit record of a write (with the chair
as the one on whose behalf it is written), required text, and the meeting row lock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from regie.core import audit
from regie.core.locking import hold
from regie.meetings.models import (
    Meeting,
)
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


def record(
    action: Meetings, actor: User, obj: Any, *, record_of: Meeting | None = None, **changes: Any
) -> None:
    """``record_of`` is the meeting whose record the write belongs to (default: ``obj`` when it
    is a meeting); its chair is named as the one on whose behalf the actor wrote."""
    meeting = record_of if record_of is not None else obj if isinstance(obj, Meeting) else None
    audit.record(
        action=action,
        actor=actor,
        obj=obj,
        changes=changes or None,
        on_behalf_of="" if meeting is None else on_behalf_of(meeting, actor=actor),
    )


def on_behalf_of(meeting: Meeting, *, actor: User) -> str:
    """The chair answers for a meeting's record (NEN 7513's responsible user): anyone else who
    writes it, the secretary or the minute-taker, writes it on the chair's behalf."""
    if meeting.chair_id is None or meeting.chair_id == getattr(actor, "pk", None):
        return ""
    return str(meeting.chair.get_username()) if meeting.chair else ""


def required(value: str, message: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code=code)
    return value


def hold_meetings(*meetings: Meeting) -> None:
    """Take the meetings' rows for the rest of the transaction (``core.locking.hold``: in id
    order, so two writers never wait on each other crosswise) and read their status fresh.
    Agenda positions are read and then rewritten, and adoption must not slip in between a check
    and a write: writers of one meeting go one after another."""
    by_pk = {m.pk: m for m in meetings}
    hold(*meetings)
    for pk, status in Meeting.objects.filter(pk__in=by_pk).values_list("pk", "status"):
        by_pk[pk].status = status
