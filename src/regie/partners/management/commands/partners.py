"""``regie partners expire``: the covenant's daily bookkeeping."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.partners import services


class Command(BaseCommand):
    help = (
        "Partner registrations. 'expire' marks registrations past their end date and requests "
        "left undecided as expired, ends registrations still open on a closed case or of an "
        "organisation without a covenant, and removes partners' old requests to join a case."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["expire"])

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        count = services.expire_due(today=today)
        ended = services.end_left_open()
        removed = services.remove_old_join_requests(today=today)
        self.stdout.write(
            f"partners: {count} registrations expired, {ended} ended (case closed or covenant "
            f"withdrawn), {removed} join requests removed"
        )
