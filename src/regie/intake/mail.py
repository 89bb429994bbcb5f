"""E-mail about signals. A notification says only that there is something to read in Regie
and the signal's reference: e-mail is no channel for what was observed or about whom. Sent
once the transaction commits, so a rolled-back act sends nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _


def _send(subject: str, body: str, recipients: Iterable[str]) -> None:
    to = sorted({address for address in recipients if address})
    if not to:
        return

    def send() -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)

    # robust: a mail server that is down must not turn a committed act into an error page.
    transaction.on_commit(send, robust=True)


def new_message(reference: str, recipients: Iterable[str]) -> None:
    """A question, answer or advice was added to the thread of signal ``reference``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New message about signal %(reference)s") % {"reference": reference}
        body = _(
            "There is a new message about signal %(reference)s. Sign in to Regie to read it."
            "\n\nThis message was sent automatically by Regie."
        ) % {"reference": reference}
    _send(subject, body, recipients)


def new_intake(number: str, recipients: Iterable[str]) -> None:
    """The Weegploeg took a person into the approach: case ``number`` waits for the teamleider."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New intake: case %(number)s") % {"number": number}
        body = _(
            "The Weegploeg decided on an intake into the approach. Case %(number)s is waiting "
            "in phase aanmelding. Sign in to Regie to assign it.\n\nThis message was sent "
            "automatically by Regie."
        ) % {"number": number}
    _send(subject, body, recipients)
