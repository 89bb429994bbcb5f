"""Reads for meetings: the app's public read API, a façade over the components' selectors
(``minutes``, ``actions``, ``forward``, ``calendar``). Other apps, the documents, the importer
and the tests read through it; inside a component, code imports that component's selectors."""

from __future__ import annotations

from regie.meetings.actions.selectors import (
    all_actions,
    decisions_of,
    my_subactions,
    subactions_due_for_reminder,
)
from regie.meetings.calendar.selectors import active_feeds
from regie.meetings.forward.selectors import term_agenda, term_item_overdue
from regie.meetings.minutes.selectors import (
    TERM_LOOKBACK,
    AdoptedMinutes,
    AdoptionRow,
    MeetingView,
    actielijst,
    adopted_minutes,
    adoptions_of,
    attendee_emails,
    audit_meeting_names,
    deferred_items_for,
    guest_meetings_outside,
    meeting_view,
    meetings_of,
    next_meeting,
    next_meetings,
    pending_minutes,
    previous_meeting,
    series_for,
    series_members,
    term_agenda_at,
    upcoming_meetings,
)

__all__ = [
    "TERM_LOOKBACK",
    "AdoptedMinutes",
    "AdoptionRow",
    "MeetingView",
    "actielijst",
    "active_feeds",
    "adopted_minutes",
    "adoptions_of",
    "all_actions",
    "attendee_emails",
    "audit_meeting_names",
    "decisions_of",
    "deferred_items_for",
    "guest_meetings_outside",
    "meeting_view",
    "meetings_of",
    "my_subactions",
    "next_meeting",
    "next_meetings",
    "pending_minutes",
    "previous_meeting",
    "series_for",
    "series_members",
    "subactions_due_for_reminder",
    "term_agenda",
    "term_agenda_at",
    "term_item_overdue",
    "upcoming_meetings",
]
