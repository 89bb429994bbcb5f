"""This app's audit actions as sentences (``regie.audit.sentences``)."""

from django.utils.translation import gettext_noop

from regie.accounts.vocabulary import Accounts
from regie.audit.sentences import DENIED_CHANGE, DENIED_VIEW

SENTENCES: dict[str, str] = {
    Accounts.USER_CREATE: gettext_noop("%(who)s created the account of %(case)s on %(when)s."),
    Accounts.USER_DEACTIVATE: gettext_noop(
        "%(who)s deactivated the account of %(case)s on %(when)s."
    ),
    Accounts.USER_REACTIVATE: gettext_noop(
        "%(who)s reactivated the account of %(case)s on %(when)s."
    ),
    Accounts.MEMBERSHIP_CREATE: gettext_noop("%(who)s gave %(case)s a role on %(when)s."),
    Accounts.MEMBERSHIP_CHANGE: gettext_noop("%(who)s changed a role of %(case)s on %(when)s."),
    Accounts.RESET_REQUEST: gettext_noop(
        "%(who)s asked for a reset of the account of %(case)s on %(when)s."
    ),
    Accounts.RESET_APPROVE: gettext_noop("%(who)s approved %(case)s on %(when)s."),
    Accounts.RESET_REJECT: gettext_noop("%(who)s rejected %(case)s on %(when)s."),
    Accounts.RESET_EXPIRE: gettext_noop("%(case)s expired unanswered on %(when)s."),
    Accounts.RESET_EFFECT: gettext_noop("%(case)s was carried out on %(when)s."),
    Accounts.RESET_PASSWORD_SET: gettext_noop(
        "%(who)s chose a new password after a reset on %(when)s."
    ),
}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    Accounts.HOME: DENIED_VIEW,
    Accounts.MFA: DENIED_VIEW,
    Accounts.RESETS: DENIED_VIEW,
    Accounts.MEMBERSHIP_GRANT: DENIED_CHANGE,
    Accounts.RESET_DECIDE: DENIED_CHANGE,
}
