"""This app's audit actions as sentences (``regie.audit.sentences``). ``%(case)s`` names the
object: the meeting, its agenda item, the action."""

from django.utils.translation import gettext_noop

SENTENCES = {
    "meetings.series.create": gettext_noop(
        "%(who)s created the meeting series %(case)s on %(when)s."
    ),
    "meetings.meeting.create": gettext_noop("%(who)s planned %(case)s on %(when)s."),
    "meetings.meeting.update": gettext_noop("%(who)s changed the details of %(case)s on %(when)s."),
    "meetings.attendee.add": gettext_noop("%(who)s added an attendee to %(case)s on %(when)s."),
    "meetings.attendee.remove": gettext_noop(
        "%(who)s removed an attendee from %(case)s on %(when)s."
    ),
    "meetings.attendee.presence": gettext_noop(
        "%(who)s recorded attendance for %(case)s on %(when)s."
    ),
    "meetings.item.add": gettext_noop("%(who)s added an agenda item to %(case)s on %(when)s."),
    "meetings.item.copy": gettext_noop("%(who)s copied an agenda item to %(case)s on %(when)s."),
    "meetings.item.defer": gettext_noop(
        "%(who)s deferred %(case)s to a later meeting on %(when)s."
    ),
    "meetings.item.move": gettext_noop("%(who)s moved %(case)s to another meeting on %(when)s."),
    "meetings.item.remove": gettext_noop("%(who)s removed %(case)s from the agenda on %(when)s."),
    "meetings.item.reorder": gettext_noop(
        "%(who)s changed the order of the agenda of %(case)s on %(when)s."
    ),
    "meetings.item.update": gettext_noop("%(who)s changed %(case)s on %(when)s."),
    "meetings.point.add": gettext_noop(
        "%(who)s added a point to the minutes of %(case)s on %(when)s."
    ),
    "meetings.point.update": gettext_noop(
        "%(who)s changed a point in the minutes of %(case)s on %(when)s."
    ),
    "meetings.point.remove": gettext_noop(
        "%(who)s removed a point from the minutes of %(case)s on %(when)s."
    ),
    "meetings.decision.add": gettext_noop("%(who)s recorded a decision in %(case)s on %(when)s."),
    "meetings.decision.remove": gettext_noop(
        "%(who)s removed a decision from %(case)s on %(when)s."
    ),
    "meetings.action.add": gettext_noop("%(who)s added an action to %(case)s on %(when)s."),
    "meetings.subaction.add": gettext_noop("%(who)s added a step to %(case)s on %(when)s."),
    "meetings.subaction.update": gettext_noop("%(who)s changed %(case)s on %(when)s."),
    "meetings.subaction.complete": gettext_noop("%(who)s marked %(case)s as done on %(when)s."),
    "meetings.subaction.reopen": gettext_noop("%(who)s reopened %(case)s on %(when)s."),
    "meetings.subaction.recur": gettext_noop(
        "%(who)s planned the next occurrence of %(case)s on %(when)s."
    ),
    "meetings.subaction.remind": gettext_noop("Regie sent a reminder about %(case)s on %(when)s."),
    "meetings.minutes.submit": gettext_noop(
        "%(who)s sent the minutes of %(case)s for adoption on %(when)s."
    ),
    "meetings.minutes.withdraw": gettext_noop(
        "%(who)s took the minutes of %(case)s back to draft on %(when)s."
    ),
    "meetings.minutes.adoption": gettext_noop(
        "%(who)s recorded the adoption of the minutes of %(case)s on %(when)s."
    ),
    "meetings.minutes.erratum": gettext_noop(
        "%(who)s added a correction to the minutes of %(case)s on %(when)s."
    ),
    "meetings.minutes.export": gettext_noop(
        "%(who)s downloaded the minutes of %(case)s on %(when)s."
    ),
    "meetings.import": gettext_noop("%(who)s imported minutes into %(case)s on %(when)s."),
    "meetings.term.add": gettext_noop("%(who)s added %(case)s to the term agenda on %(when)s."),
    "meetings.term.plan": gettext_noop("%(who)s planned %(case)s on a meeting on %(when)s."),
    "meetings.feed.issue": gettext_noop("%(who)s made a calendar link on %(when)s."),
    "meetings.feed.revoke": gettext_noop("%(who)s withdrew a calendar link on %(when)s."),
    "meetings.feed.read": gettext_noop(
        "A calendar app fetched the meetings of %(who)s on %(when)s."
    ),
}
