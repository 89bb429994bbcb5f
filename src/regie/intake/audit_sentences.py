"""This app's audit actions as sentences (``regie.audit.sentences``). ``%(case)s`` names the
signal (its reference), or the case when a decision opened or linked one."""

from django.utils.translation import gettext_noop

from regie.audit.sentences import DENIED_CHANGE, DENIED_VIEW
from regie.intake.vocabulary import Intake

SENTENCES: dict[str, str] = {
    Intake.SIGNAL_SUBMIT: gettext_noop("%(who)s submitted the signal %(case)s on %(when)s."),
    Intake.SIGNAL_PICK_UP: gettext_noop("%(who)s picked up the signal %(case)s on %(when)s."),
    Intake.SIGNAL_ASK: gettext_noop(
        "%(who)s asked the submitter of the signal %(case)s a question on %(when)s."
    ),
    Intake.SIGNAL_ANSWER: gettext_noop(
        "%(who)s answered a question about the signal %(case)s on %(when)s."
    ),
    Intake.SIGNAL_ADVISE: gettext_noop("%(who)s gave advice on the signal %(case)s on %(when)s."),
    Intake.SIGNAL_CLOSE: gettext_noop("%(who)s closed the signal %(case)s on %(when)s."),
    Intake.SIGNAL_FORWARD: gettext_noop(
        "%(who)s forwarded the signal %(case)s to the Weegploeg on %(when)s."
    ),
    Intake.SESSION_CREATE: gettext_noop("%(who)s planned a triage session on %(when)s."),
    Intake.SESSION_ADD: gettext_noop(
        "%(who)s put the signal %(case)s on a triage session on %(when)s."
    ),
    Intake.SESSION_REMOVE: gettext_noop(
        "%(who)s took the signal %(case)s off a triage session on %(when)s."
    ),
    Intake.SIGNAL_DECIDE: gettext_noop(
        "%(who)s recorded the Weegploeg's decision on %(case)s on %(when)s."
    ),
    Intake.INSIGHTS_EXPORT_CONFIDENTIAL: gettext_noop(
        "%(who)s took out the confidential informatiebeeld (trends) on %(when)s."
    ),
    Intake.FACTSHEET_EXPORT: gettext_noop(
        "%(who)s downloaded the shareable factsheet of the signals on %(when)s."
    ),
}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    # Asked for a row outside the reader's scope (``<app>.<model>.view``): a 404 for them.
    "intake.signalmessage.view": DENIED_VIEW,
    "intake.triagesession.view": DENIED_VIEW,
    Intake.SIGNAL_VIEW: DENIED_VIEW,
    Intake.QUEUE: DENIED_VIEW,
    Intake.TRIAGE: DENIED_VIEW,
    Intake.OWN_SIGNALS: DENIED_VIEW,
    Intake.CONFIGURE: DENIED_CHANGE,
    Intake.INSIGHTS_VIEW: DENIED_VIEW,
    Intake.FACTSHEET: DENIED_VIEW,
    **dict.fromkeys(SENTENCES, DENIED_CHANGE),
    # A refused download changed nothing: it was a refused look.
    Intake.INSIGHTS_EXPORT_CONFIDENTIAL: DENIED_VIEW,
    Intake.FACTSHEET_EXPORT: DENIED_VIEW,
}
