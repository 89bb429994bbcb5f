"""``regie totp USERNAME``: print the current code of a demo account (development only)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from regie.demo import data


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (only with REGIE_DEBUG=1)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("regie totp is only available with REGIE_DEBUG=1", returncode=1)
        account = next((a for a in data.ACCOUNTS if a.username == options["username"]), None)
        if account is None:
            raise CommandError(f"no demo account named {options['username']!r}", returncode=1)
        from base64 import b32decode

        self.stdout.write(f"{TOTP(b32decode(account.totp_secret)).token():06d}")
