"""E-mails to an account's owner about their own account (resets, recovery codes, address).

Written in the product's language (Dutch), whatever language the acting administrator reads:
the owner never chose the English interface for these.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from regie.accounts.models import ResetRequest, User
from regie.core.dates import long_datetime

logger = logging.getLogger(__name__)

Message = tuple[str, str]


class MailFailed(Exception):
    """The owner could not be e-mailed; the caller's transaction must not commit."""


def _when(moment: datetime) -> str:
    return long_datetime(moment)


def _compose(compose: Callable[[], Message]) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        return compose()


def send_now(address: str, compose: Callable[[], Message]) -> None:
    """Send at once, inside the caller's transaction; a failure raises ``MailFailed`` so the
    change it announces rolls back with it (the owner must hear of every reset)."""
    subject, body = _compose(compose)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except (smtplib.SMTPException, OSError) as exc:
        raise MailFailed(str(exc)) from exc


def send_best_effort(address: str, compose: Callable[[], Message]) -> bool:
    """Send at once; a failure is logged and reported to the caller, never raised (a login
    with a recovery code must not depend on the mail server)."""
    if not address:
        return False
    try:
        send_now(address, compose)
    except MailFailed:
        logger.exception("could not e-mail the account owner")
        return False
    return True


def _kind(reset: ResetRequest) -> str:
    if reset.kind == ResetRequest.Kind.PASSWORD:
        return _("password")
    return _("second factor")


def reset_requested(reset: ResetRequest) -> Callable[[], Message]:
    def compose() -> Message:
        subject = _("Regie: a reset of your %(what)s was requested") % {"what": _kind(reset)}
        body = _(
            "Hello %(name)s,\n\n"
            "On %(when)s %(requester)s asked to reset the %(what)s of your Regie account "
            "(%(username)s). Reason given: %(reason)s\n\n"
            "Nothing has changed yet: a second person has to approve the request within "
            "24 hours. You will get another e-mail if it is carried out.\n\n"
            "Did you not expect this? Tell your team leader or the functional administrator "
            "straight away."
        ) % {
            "name": reset.target.get_full_name() or reset.target.username,
            "when": _when(reset.requested_at),
            "requester": reset.requested_by.get_full_name() or reset.requested_by.username,
            "what": _kind(reset),
            "username": reset.target.username,
            "reason": reset.reason,
        }
        return subject, body

    return compose


def reset_carried_out(reset: ResetRequest, link: str) -> Callable[[], Message]:
    def compose() -> Message:
        subject = _("Regie: your %(what)s has been reset") % {"what": _kind(reset)}
        values = {
            "name": reset.target.get_full_name() or reset.target.username,
            "username": reset.target.username,
            "requester": reset.requested_by.get_full_name() or reset.requested_by.username,
            "approver": _approver(reset),
            "link": link,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        if reset.kind == ResetRequest.Kind.PASSWORD:
            body = _(
                "Hello %(name)s,\n\n"
                "The password of your Regie account (%(username)s) has been reset, requested "
                "by %(requester)s and approved by %(approver)s. Your old password no longer "
                "works and you have been logged out everywhere.\n\n"
                "Choose a new password with this link; it works once, for %(hours)s hours:\n"
                "%(link)s\n\n"
                "Did you not expect this? Tell your team leader or the functional administrator "
                "straight away."
            )
        else:
            body = _(
                "Hello %(name)s,\n\n"
                "The second factor of your Regie account (%(username)s) has been reset, "
                "requested by %(requester)s and approved by %(approver)s. Your authenticator "
                "app and your recovery codes no longer work and you have been logged out "
                "everywhere.\n\n"
                "At your next login, after your password, you set up your authenticator app "
                "again and receive new recovery codes: %(link)s\n\n"
                "Did you not expect this? Tell your team leader or the functional administrator "
                "straight away."
            )
        return subject, body % values

    return compose


def _approver(reset: ResetRequest) -> str:
    approver = reset.decided_by
    if approver is None:
        return ""
    return approver.get_full_name() or approver.username


def recovery_code_used(user: User, remaining: int, when: datetime) -> Callable[[], Message]:
    def compose() -> Message:
        subject = _("Regie: a recovery code was used to log in")
        body = _(
            "Hello %(name)s,\n\n"
            "On %(when)s someone logged in to your Regie account (%(username)s) with your "
            "password and one of your recovery codes. That code no longer works; "
            "%(remaining)s of your recovery codes are left.\n\n"
            "Was this not you? Tell the functional administrator straight away: your password "
            "and recovery codes are known to someone else."
        ) % {
            "name": user.get_full_name() or user.username,
            "when": _when(when),
            "username": user.username,
            "remaining": remaining,
        }
        return subject, body

    return compose


def email_changed(user: User, new_address: str, *, actor: User) -> Callable[[], Message]:
    def compose() -> Message:
        subject = _("Regie: the e-mail address of your account was changed")
        body = _(
            "Hello %(name)s,\n\n"
            "%(actor)s changed the e-mail address of your Regie account (%(username)s) to "
            "%(address)s. Messages about your account, such as password resets, now go there."
            "\n\nDid you not expect this? Tell your team leader or the functional administrator "
            "straight away."
        ) % {
            "name": user.get_full_name() or user.username,
            "actor": actor.get_full_name() or actor.username,
            "username": user.username,
            "address": new_address or "-",
        }
        return subject, body

    return compose
