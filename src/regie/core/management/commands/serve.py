"""``regie serve`` (``make serve``): gunicorn with production settings on the configured database.

Checks first what would otherwise fail later, each with one line: development mode, a database
that is not migrated, a missing ``gunicorn.conf.py``. Then collects the static files and replaces
itself with gunicorn, so a service manager's signals (TERM, HUP for a graceful reload) reach
gunicorn's master directly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(BaseCommand):
    help = "Serve Regie with gunicorn and production settings (docs/operations.md#production)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--config",
            default=str(Path(settings.PROJECT_DIR) / "gunicorn.conf.py"),
            help="gunicorn's configuration file (default: gunicorn.conf.py in the project)",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="skip collectstatic (the static files are part of the release already)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(
                "regie serve runs production settings: unset REGIE_DEBUG "
                "(make demo is the development server)",
                returncode=2,
            )
        config = Path(options["config"])
        if not config.is_file():
            raise CommandError(f"regie serve: no gunicorn configuration at {config}", returncode=2)
        if pending := pending_migrations():
            raise CommandError(
                f"regie serve: the database has {pending} migrations to apply: "
                "run `regie migrate` first (once, from one node)",
                returncode=1,
            )
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        sys.stdout.flush()
        # A fixed argument list, no shell: nothing from a user reaches it.
        os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "-c", str(config)])  # noqa: S606
