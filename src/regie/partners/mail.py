"""E-mail to a partner whose registration ended because the case closed or the covenant was
withdrawn. Sent only once the transaction commits, so a rolled-back close sends nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _


def announce_end(registration: Any, reason: str, recipients: list[str]) -> None:
    """The case number and the organisation only: e-mail is no channel for the person's data,
    and the partner knows the case by its number."""
    params = {
        "number": registration.case.number,
        "organisation": registration.organisation.name,
        "reason": reason,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Registration as intervention partner ended: %(number)s") % params
        body = (
            _(
                "The registration of %(organisation)s as intervention partner on case %(number)s "
                "has ended (%(reason)s). From now on your organisation no longer sees this case "
                "in Regie.\n\nThis message was sent automatically by Regie."
            )
            % params
        )

    def send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)

    # robust: a mail server that is down must not turn a committed close into an error page;
    # Django logs the failure.
    transaction.on_commit(send, robust=True)
