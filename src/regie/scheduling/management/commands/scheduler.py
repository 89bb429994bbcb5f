"""``regie scheduler``: enqueue the periodic tasks (docs/operations.md#the-scheduler).

Runs on every node beside ``regie db_worker``; each task is enqueued once per period however
many schedulers run (``scheduling.services.enqueue_due``).
"""

from __future__ import annotations

import logging
import signal
import threading
from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from regie.scheduling.services import enqueue_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue each periodic task once per period (several schedulers may run)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument(
            "--interval", type=int, default=30, help="seconds between passes (default 30)"
        )
        parser.add_argument(
            "--now", help="run as if it were this moment (ISO 8601 with offset; with --once)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._now(options["now"])
        if options["interval"] < 1:
            raise CommandError("--interval must be at least 1 second", returncode=2)
        if options["once"]:
            self._pass(now or timezone.now())
            return
        if now is not None:
            raise CommandError("--now only with --once", returncode=2)
        stop = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stop.set())
        self.stdout.write(f"scheduler: running, a pass every {options['interval']} s")
        while not stop.is_set():
            close_old_connections()  # a restarted database is reconnected on the next pass
            try:
                self._pass(timezone.now())
            except Exception:  # the next pass tries again; the error is in the log
                logger.exception("scheduler: pass failed; the next pass tries again")
            stop.wait(options["interval"])
        self.stdout.write("scheduler: stopped")

    def _pass(self, now: datetime) -> None:
        for run in enqueue_due(now):
            self.stdout.write(f"scheduler: enqueued {run.name} for {run.period}")

    @staticmethod
    def _now(value: str | None) -> datetime | None:
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--now must be ISO 8601, got {value!r}", returncode=2) from None
        if parsed.tzinfo is None:
            raise CommandError("--now needs an offset, e.g. 2026-12-03T03:30+01:00", returncode=2)
        return parsed
