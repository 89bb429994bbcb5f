"""Reads of the actielijst: a series' actions, Mijn acties, reminders due, the besluitenlijst."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, Q, QuerySet

from regie.core.policy import visible
from regie.meetings.minutes.selectors import subactions_prefetch
from regie.meetings.models import Action, ActionOwner, Decision, MeetingSeries, SubAction

if TYPE_CHECKING:
    from regie.accounts.models import User


def all_actions(series: MeetingSeries, *, status: str = "") -> list[Action]:
    rows = Action.objects.filter(series=series)
    if status in SubAction.Status.values:
        rows = rows.filter(subactions__status=status).distinct()
    return list(rows.prefetch_related(subactions_prefetch()).order_by("raised_on", "id"))


def my_subactions(user: User, *, include_done: bool = False) -> QuerySet[SubAction]:
    rows = (
        visible(user, SubAction)
        .filter(owners__user=user)
        .select_related("action", "action__series", "action__raised_at")
        .prefetch_related(Prefetch("owners", queryset=ActionOwner.objects.select_related("user")))
    )
    if not include_done:
        rows = rows.filter(status=SubAction.Status.OPEN)
    return rows.distinct().order_by("due_end", "action__raised_on", "id")


def subactions_due_for_reminder(today: dt.date) -> list[SubAction]:
    """Open sub-actions whose period ends within their series' reminder window, not yet
    reminded for this due date."""
    candidates = (
        SubAction.objects.filter(
            status=SubAction.Status.OPEN,
            due_end__isnull=False,
            due_end__gte=today,
            action__series__is_active=True,
        )
        .exclude(reminded_for=F("due_end"))
        .select_related("action__series")
        .prefetch_related(Prefetch("owners", queryset=ActionOwner.objects.select_related("user")))
    )
    return [
        sub
        for sub in candidates
        if sub.due_end is not None and (sub.due_end - today).days <= sub.action.series.reminder_days
    ]


def decisions_of(user: User, series: MeetingSeries, query: str = "") -> QuerySet[Decision]:
    rows = (
        visible(user, Decision)
        .filter(meeting__series=series)
        .select_related("meeting", "item")
        .order_by("-meeting__date", "position", "id")
    )
    for word in query.split():
        rows = rows.filter(Q(text__icontains=word) | Q(item__title__icontains=word))
    return rows
