"""The meetings app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action, rename


class Meetings(Action):
    ACTION_ADD = "meetings.action.add"
    ACTIONS = "meetings.actions"
    ATTENDEE_ADD = "meetings.attendee.add"
    ATTENDEE_PRESENCE = "meetings.attendee.presence"
    ATTENDEE_REMOVE = "meetings.attendee.remove"
    DECISION_ADD = "meetings.decision.add"
    DECISION_REMOVE = "meetings.decision.remove"
    EDIT_MINUTES = "meetings.edit_minutes"
    FEED_ISSUE = "meetings.feed.issue"
    FEED_READ = "meetings.feed.read"
    FEED_REVOKE = "meetings.feed.revoke"
    IMPORT = "meetings.import"
    ITEM_ADD = "meetings.item.add"
    ITEM_COPY = "meetings.item.copy"
    ITEM_DEFER = "meetings.item.defer"
    ITEM_MOVE = "meetings.item.move"
    ITEM_REMOVE = "meetings.item.remove"
    ITEM_REORDER = "meetings.item.reorder"
    ITEM_UPDATE = "meetings.item.update"
    MANAGE = "meetings.manage"
    MEETING_CREATE = "meetings.meeting.create"
    MEETING_UPDATE = "meetings.meeting.update"
    MINUTES_ADOPTION = "meetings.minutes.adoption"
    MINUTES_ERRATUM = "meetings.minutes.erratum"
    MINUTES_EXPORT = "meetings.minutes.export"
    MINUTES_SUBMIT = "meetings.minutes.submit"
    MINUTES_WITHDRAW = "meetings.minutes.withdraw"
    POINT_ADD = "meetings.point.add"
    POINT_REMOVE = "meetings.point.remove"
    POINT_UPDATE = "meetings.point.update"
    SERIES_CREATE = "meetings.series.create"
    SUBACTION_ADD = "meetings.subaction.add"
    SUBACTION_COMPLETE = "meetings.subaction.complete"
    SUBACTION_RECUR = "meetings.subaction.recur"
    SUBACTION_REMIND = "meetings.subaction.remind"
    SUBACTION_REOPEN = "meetings.subaction.reopen"
    SUBACTION_UPDATE = "meetings.subaction.update"
    TERM_ADD = "meetings.term.add"
    TERM_PLAN = "meetings.term.plan"
    VIEW = "meetings.view"


# The policy's names until the policy and the audit log shared one vocabulary (issue 12.2):
# refusals and reads written before still carry them.
rename("meetings.erratum", Meetings.MINUTES_ERRATUM)
rename("meetings.update_subaction", Meetings.SUBACTION_UPDATE)
