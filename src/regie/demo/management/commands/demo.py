"""``regie demo``: load the fictional iPGA-R configuration and print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from regie.demo import data, services

# The demo's story sends e-mails (a registration to approve, minutes for adoption); kept in
# memory, so a newcomer's first command neither sends mail nor floods the terminal with it.
_KEEP_MAIL = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Load fictional demo data (development only) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        mail.outbox = []
        try:
            with override_settings(EMAIL_BACKEND=_KEEP_MAIL):
                services.load()
        except services.DemoRefused as exc:
            raise CommandError(f"regie demo {exc}", returncode=1) from exc
        self._report_mail(verbose=options["verbosity"] >= 2)
        width = max(len(a.username) for a in data.ACCOUNTS)
        self.stdout.write(f"Demo data loaded. Accounts (password for all: {data.PASSWORD}):")
        self.stdout.write(f"  {'username'.ljust(width)}  {'role'.ljust(22)}  TOTP secret (base32)")
        for account in data.ACCOUNTS:
            self.stdout.write(
                f"  {account.username.ljust(width)}  {str(account.role).ljust(22)}  "
                f"{account.totp_secret}"
            )
        self.stdout.write(
            "Add a secret to an authenticator app, or print the current code with: "
            "REGIE_DEBUG=1 .venv/bin/regie totp <username>"
        )

    def _report_mail(self, *, verbose: bool) -> None:
        messages = list(getattr(mail, "outbox", []))
        if not messages:
            return
        hint = "" if verbose else "; shown with -v 2"
        noun = "e-mail" if len(messages) == 1 else "e-mails"
        self.stdout.write(f"{len(messages)} {noun} (kept in memory, not sent{hint})")
        if verbose:
            for message in messages:
                self.stdout.write(message.message().as_string())
                self.stdout.write("-" * 79)
