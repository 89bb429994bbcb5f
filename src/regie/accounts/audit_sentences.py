"""This app's audit actions as sentences (``regie.audit.sentences``)."""

from django.utils.translation import gettext_noop

SENTENCES = {
    "accounts.user.create": gettext_noop("%(who)s created the account of %(case)s on %(when)s."),
    "accounts.user.deactivate": gettext_noop(
        "%(who)s deactivated the account of %(case)s on %(when)s."
    ),
    "accounts.user.reactivate": gettext_noop(
        "%(who)s reactivated the account of %(case)s on %(when)s."
    ),
    "accounts.membership.create": gettext_noop("%(who)s gave %(case)s a role on %(when)s."),
    "accounts.reset.request": gettext_noop(
        "%(who)s asked for a reset of the account of %(case)s on %(when)s."
    ),
    "accounts.reset.approve": gettext_noop("%(who)s approved %(case)s on %(when)s."),
    "accounts.reset.reject": gettext_noop("%(who)s rejected %(case)s on %(when)s."),
    "accounts.reset.expire": gettext_noop("%(case)s expired unanswered on %(when)s."),
    "accounts.reset.effect": gettext_noop("%(case)s was carried out on %(when)s."),
    "accounts.reset.password_set": gettext_noop(
        "%(who)s chose a new password after a reset on %(when)s."
    ),
}
