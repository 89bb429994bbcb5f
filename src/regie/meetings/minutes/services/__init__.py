"""The minutes component's writes, one module per part: series and meetings, attendance,
the agenda, minute points and decisions, and the lifecycle (submit, withdraw, adoption,
errata)."""

from regie.meetings.minutes.services.agenda import (
    ITEM_FIELDS,
    add_item,
    copy_item,
    defer_item,
    move_item,
    move_item_to,
    remove_item,
    reorder_items,
    update_item,
)
from regie.meetings.minutes.services.attendance import (
    invite,
    remove_attendee,
    set_attendance,
    set_presence,
)
from regie.meetings.minutes.services.lifecycle import (
    LIFECYCLE,
    add_erratum,
    adopted_document,
    can_move,
    record_adoption,
    starts_at_text,
    submit_minutes,
    withdraw_minutes,
)
from regie.meetings.minutes.services.meetings import (
    MEETING_FIELDS,
    create_meeting,
    create_series,
    update_meeting,
)
from regie.meetings.minutes.services.points import (
    add_decision,
    add_point,
    remove_decision,
    remove_point,
    update_point,
)

__all__ = [
    "ITEM_FIELDS",
    "LIFECYCLE",
    "MEETING_FIELDS",
    "add_decision",
    "add_erratum",
    "add_item",
    "add_point",
    "adopted_document",
    "can_move",
    "copy_item",
    "create_meeting",
    "create_series",
    "defer_item",
    "invite",
    "move_item",
    "move_item_to",
    "record_adoption",
    "remove_attendee",
    "remove_decision",
    "remove_item",
    "remove_point",
    "reorder_items",
    "set_attendance",
    "set_presence",
    "starts_at_text",
    "submit_minutes",
    "update_item",
    "update_meeting",
    "update_point",
    "withdraw_minutes",
]
