"""``regie meetings remind [--date YYYY-MM-DD]``: e-mail owners of actions that are nearly due."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.meetings import services


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Team meetings. 'remind' e-mails the owners of open actions whose period ends within "
        "their series' reminder window, once per due date."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["remind"])
        parser.add_argument(
            "--date",
            type=_date,
            default=None,
            help="Run as if it were this day (default: today in REGIE_TIME_ZONE).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        count = services.send_due_reminders(today)
        self.stdout.write(f"meetings: {count} reminders sent")
