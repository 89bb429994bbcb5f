"""``regie partners expire``: mark registrations past their end date as expired."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from regie.partners import services


class Command(BaseCommand):
    help = "Partner registrations. 'expire' marks registrations past their end date as expired."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["expire"])

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.expire_due(today=timezone.localdate())
        self.stdout.write(f"partners: {count} registrations expired")
