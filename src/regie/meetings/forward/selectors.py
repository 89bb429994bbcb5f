"""Reads of the termijnagenda of a series."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from regie.meetings.models import MeetingSeries, TermItem


def term_agenda(series: MeetingSeries, *, include_past: bool = False) -> list[TermItem]:
    rows = series.term_items.prefetch_related("dates", "audience_teams").select_related("meeting")
    items = list(rows.order_by("period_start", "id"))
    if include_past:
        return items
    today = timezone.localdate()
    return [i for i in items if i.period_end is None or i.period_end >= today or i.to_plan]


def term_item_overdue(item: TermItem, today: dt.date) -> bool:
    """A period that passed without a date being fixed."""
    return (
        item.period_end is not None
        and item.period_end < today
        and not item.dates.all()
        and (item.to_plan or item.period_start != item.period_end)
    )
