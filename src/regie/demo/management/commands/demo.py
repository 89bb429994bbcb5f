"""``regie demo``: load the fictional iPGA-R configuration and print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.demo import data, services


class Command(BaseCommand):
    help = "Load fictional demo data (development only) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            services.load()
        except services.DemoRefused as exc:
            raise CommandError(f"regie demo {exc}", returncode=1) from exc
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
