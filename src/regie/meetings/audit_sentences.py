"""This app's audit actions as sentences (``regie.audit.sentences``). ``%(case)s`` names the
object: the meeting, its agenda item, the action."""

from django.utils.translation import gettext_noop

from regie.audit.sentences import DENIED_CHANGE, DENIED_VIEW
from regie.meetings.vocabulary import Meetings

SENTENCES: dict[str, str] = {
    Meetings.SERIES_CREATE: gettext_noop(
        "%(who)s created the meeting series %(case)s on %(when)s."
    ),
    Meetings.MEETING_CREATE: gettext_noop("%(who)s planned %(case)s on %(when)s."),
    Meetings.MEETING_UPDATE: gettext_noop("%(who)s changed the details of %(case)s on %(when)s."),
    Meetings.ATTENDEE_ADD: gettext_noop("%(who)s added an attendee to %(case)s on %(when)s."),
    Meetings.ATTENDEE_REMOVE: gettext_noop(
        "%(who)s removed an attendee from %(case)s on %(when)s."
    ),
    Meetings.ATTENDEE_PRESENCE: gettext_noop(
        "%(who)s recorded attendance for %(case)s on %(when)s."
    ),
    Meetings.ITEM_ADD: gettext_noop("%(who)s added an agenda item to %(case)s on %(when)s."),
    Meetings.ITEM_COPY: gettext_noop("%(who)s copied an agenda item to %(case)s on %(when)s."),
    Meetings.ITEM_DEFER: gettext_noop("%(who)s deferred %(case)s to a later meeting on %(when)s."),
    Meetings.ITEM_MOVE: gettext_noop("%(who)s moved %(case)s to another meeting on %(when)s."),
    Meetings.ITEM_REMOVE: gettext_noop("%(who)s removed %(case)s from the agenda on %(when)s."),
    Meetings.ITEM_REORDER: gettext_noop(
        "%(who)s changed the order of the agenda of %(case)s on %(when)s."
    ),
    Meetings.ITEM_UPDATE: gettext_noop("%(who)s changed %(case)s on %(when)s."),
    Meetings.POINT_ADD: gettext_noop(
        "%(who)s added a point to the minutes of %(case)s on %(when)s."
    ),
    Meetings.POINT_UPDATE: gettext_noop(
        "%(who)s changed a point in the minutes of %(case)s on %(when)s."
    ),
    Meetings.POINT_REMOVE: gettext_noop(
        "%(who)s removed a point from the minutes of %(case)s on %(when)s."
    ),
    Meetings.DECISION_ADD: gettext_noop("%(who)s recorded a decision in %(case)s on %(when)s."),
    Meetings.DECISION_REMOVE: gettext_noop("%(who)s removed a decision from %(case)s on %(when)s."),
    Meetings.ACTION_ADD: gettext_noop("%(who)s added an action to %(case)s on %(when)s."),
    Meetings.SUBACTION_ADD: gettext_noop("%(who)s added a step to %(case)s on %(when)s."),
    Meetings.SUBACTION_UPDATE: gettext_noop("%(who)s changed %(case)s on %(when)s."),
    Meetings.SUBACTION_COMPLETE: gettext_noop("%(who)s marked %(case)s as done on %(when)s."),
    Meetings.SUBACTION_REOPEN: gettext_noop("%(who)s reopened %(case)s on %(when)s."),
    Meetings.SUBACTION_RECUR: gettext_noop(
        "%(who)s planned the next occurrence of %(case)s on %(when)s."
    ),
    Meetings.SUBACTION_REMIND: gettext_noop("Regie sent a reminder about %(case)s on %(when)s."),
    Meetings.MINUTES_SUBMIT: gettext_noop(
        "%(who)s sent the minutes of %(case)s for adoption on %(when)s."
    ),
    Meetings.MINUTES_WITHDRAW: gettext_noop(
        "%(who)s took the minutes of %(case)s back to draft on %(when)s."
    ),
    Meetings.MINUTES_ADOPTION: gettext_noop(
        "%(who)s recorded the adoption of the minutes of %(case)s on %(when)s."
    ),
    Meetings.MINUTES_ERRATUM: gettext_noop(
        "%(who)s added a correction to the minutes of %(case)s on %(when)s."
    ),
    Meetings.MINUTES_EXPORT: gettext_noop(
        "%(who)s downloaded the minutes of %(case)s on %(when)s."
    ),
    Meetings.IMPORT: gettext_noop("%(who)s imported minutes into %(case)s on %(when)s."),
    Meetings.TERM_ADD: gettext_noop("%(who)s added %(case)s to the term agenda on %(when)s."),
    Meetings.TERM_PLAN: gettext_noop("%(who)s planned %(case)s on a meeting on %(when)s."),
    Meetings.FEED_ISSUE: gettext_noop("%(who)s made a calendar link on %(when)s."),
    Meetings.FEED_REVOKE: gettext_noop("%(who)s withdrew a calendar link on %(when)s."),
    Meetings.FEED_READ: gettext_noop("A calendar app fetched the meetings of %(who)s on %(when)s."),
}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    Meetings.ACTIONS: DENIED_VIEW,
    Meetings.EDIT_MINUTES: DENIED_CHANGE,
    Meetings.MANAGE: DENIED_CHANGE,
}
