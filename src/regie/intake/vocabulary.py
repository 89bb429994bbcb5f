"""The intake app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action


class Intake(Action):
    CONFIGURE = "intake.configure"
    INSIGHTS_EXPORT_CONFIDENTIAL = "intake.insights.export_confidential"
    INSIGHTS_VIEW = "intake.insights.view"
    FACTSHEET = "intake.insights.factsheet"
    FACTSHEET_EXPORT = "intake.insights.factsheet.export"
    OWN_SIGNALS = "intake.own"
    QUEUE = "intake.queue"
    TRIAGE = "intake.triage"
    SESSION_ADD = "intake.session.add"
    SESSION_CREATE = "intake.session.create"
    SESSION_REMOVE = "intake.session.remove"
    SIGNAL_ADVISE = "intake.signal.advise"
    SIGNAL_ANSWER = "intake.signal.answer"
    SIGNAL_ASK = "intake.signal.ask"
    SIGNAL_CLOSE = "intake.signal.close"
    SIGNAL_DECIDE = "intake.signal.decide"
    SIGNAL_FORWARD = "intake.signal.forward"
    SIGNAL_PICK_UP = "intake.signal.pick_up"
    SIGNAL_SUBMIT = "intake.signal.submit"
    SIGNAL_VIEW = "intake.signal.view"
