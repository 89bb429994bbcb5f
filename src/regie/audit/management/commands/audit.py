"""``regie audit verify``: walk the hash chain and report the first broken event."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. 'verify' walks the hash chain and exits 1 if it is broken."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.intact:
            raise CommandError(
                f"audit chain BROKEN at event #{result.broken_id} "
                f"(event {result.count} in order): {result.reason}",
                returncode=1,
            )
        self.stdout.write(f"audit chain intact: {result.count} events, head {result.head}")
