"""Writes for the minutes proper: minute points and decisions under an agenda item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from regie.meetings.minutes.services.guards import (
    check_minutes_editable,
)
from regie.meetings.models import (
    AgendaItem,
    Attendee,
    Decision,
    MinutePoint,
)
from regie.meetings.recording import record, required
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def add_point(
    item: AgendaItem, *, actor: User, text: str, speaker: Attendee | None = None, heading: str = ""
) -> MinutePoint:
    check_minutes_editable(item.meeting, actor=actor)
    text = required(text, _("Write the point."), "text")
    if speaker is not None and speaker.meeting_id != item.meeting_id:
        raise ValidationError(_("Choose a speaker from this meeting."), code="speaker")
    top = item.points.aggregate(top=Max("position"))["top"] or 0
    point = MinutePoint.objects.create(
        item=item, position=top + 1, speaker=speaker, text=text, heading=heading.strip()
    )
    record(Meetings.POINT_ADD, actor, item.meeting, item=item.pk)
    return point


@transaction.atomic
def update_point(
    point: MinutePoint, *, actor: User, text: str, speaker: Attendee | None = None
) -> MinutePoint:
    check_minutes_editable(point.item.meeting, actor=actor)
    point.text = required(text, _("Write the point."), "text")
    if speaker is not None and speaker.meeting_id != point.item.meeting_id:
        raise ValidationError(_("Choose a speaker from this meeting."), code="speaker")
    point.speaker = speaker
    point.save(update_fields=["text", "speaker"])
    record(Meetings.POINT_UPDATE, actor, point.item.meeting, point=point.pk)
    return point


@transaction.atomic
def remove_point(point: MinutePoint, *, actor: User) -> None:
    meeting = point.item.meeting
    check_minutes_editable(meeting, actor=actor)
    pk = point.pk
    point.delete()
    record(Meetings.POINT_REMOVE, actor, meeting, point=pk)


@transaction.atomic
def add_decision(item: AgendaItem, *, actor: User, text: str) -> Decision:
    check_minutes_editable(item.meeting, actor=actor)
    text = required(text, _("Write the decision."), "text")
    top = item.decisions.aggregate(top=Max("position"))["top"] or 0
    decision = Decision.objects.create(item=item, meeting=item.meeting, position=top + 1, text=text)
    record(Meetings.DECISION_ADD, actor, item.meeting, decision=decision.pk)
    return decision


@transaction.atomic
def remove_decision(decision: Decision, *, actor: User) -> None:
    meeting = decision.meeting
    check_minutes_editable(meeting, actor=actor)
    pk = decision.pk
    decision.delete()
    record(Meetings.DECISION_REMOVE, actor, meeting, decision=pk)
