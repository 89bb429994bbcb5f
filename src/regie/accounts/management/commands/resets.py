"""``regie resets expire``: mark account reset requests older than 24 hours as expired."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from regie.accounts import services_resets


class Command(BaseCommand):
    help = (
        "Account reset requests (four eyes). 'expire' marks requests that were not approved "
        "within 24 hours as expired."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["expire"])

    def handle(self, *args: Any, **options: Any) -> None:
        count = services_resets.expire_resets()
        self.stdout.write(f"resets: {count} requests expired")
