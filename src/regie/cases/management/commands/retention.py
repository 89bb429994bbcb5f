"""``regie retention run [--today YYYY-MM-DD] [--dry-run]``: delete cases past retention.

Run it daily (cron or a systemd timer), or enqueue ``regie.cases.tasks.retention_task``.
Prints one summary line and exits 0; exits 1 when a case could not be deleted (the failed
case numbers go to stderr, the details to the log) or when ``--today`` is not a date.
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from regie.cases import retention


def _parse_day(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise CommandError(
            f"invalid --today {value!r}: expected a date as YYYY-MM-DD", returncode=1
        ) from None


class Command(BaseCommand):
    help = (
        "Retention. 'run' deletes closed cases whose retention period has ended, keeping a "
        "tombstone without personal data."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["run"])
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="Run as if it were this day (default: today in the configured time zone).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the case numbers that are due; delete nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        given = options["today"]
        today = _parse_day(given) if given is not None else timezone.localdate()
        report = retention.run(today=today, dry_run=options["dry_run"])
        if report.dry_run:
            for number in report.due:
                self.stdout.write(number)
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                f"retention failed for {len(report.failed)} cases: {', '.join(report.failed)}",
                returncode=1,
            )
