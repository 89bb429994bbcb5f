"""Checks the minutes services share: may the minutes still change, and the next agenda position."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from regie.core import policy
from regie.meetings.models import (
    Meeting,
)
from regie.meetings.recording import hold_meetings
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


def next_position(meeting: Meeting) -> int:
    top = meeting.items.aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def check_minutes_editable(meeting: Meeting, *, actor: User) -> None:
    """Who may not manage the meeting is refused (403); a manager of minutes out for adoption
    or adopted is told why (a form error): the first go back to draft first, the second change
    only by an erratum."""
    policy.check(actor, Meetings.MANAGE, meeting)
    hold_meetings(meeting)
    check_not_read_only(meeting)


def check_not_read_only(meeting: Meeting) -> None:
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
