"""``regie audit verify [--archive FILE …]`` and ``regie audit prune [--dry-run] [--archive-dir
DIR]``: check the hash chain (from the newest checkpoint) and archive files; archive and delete
the events past retention. One summary line on stdout; errors are one line and exit 1."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regie.audit import archive, pruning
from regie.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Audit log tools. 'verify' walks the hash chain from the newest checkpoint (and checks "
        "archive files given with --archive) and exits 1 if anything is broken. 'prune' "
        "archives and deletes the events past retention."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("subcommand", choices=["verify", "prune"])
        parser.add_argument(
            "--archive",
            action="append",
            default=[],
            type=Path,
            metavar="FILE",
            help="verify: also check this archive file (repeatable).",
        )
        parser.add_argument(
            "--archive-dir",
            type=Path,
            metavar="DIR",
            help="prune: where archives go (default: REGIE_AUDIT_ARCHIVE_DIR).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="prune: say what is due; archive and delete nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=pruning.DEFAULT_BATCH,
            metavar="N",
            help=f"prune: events per archive and transaction (default {pruning.DEFAULT_BATCH}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "prune":
            self._prune(options)
        else:
            self._verify(options["archive"])

    def _verify(self, archives: list[Path]) -> None:
        result = verify_chain()
        failures: list[str] = []
        if not result.intact:
            failures.append(
                f"audit chain BROKEN at event #{result.broken_id} "
                f"(event {result.count} in order): {result.reason}"
            )
        else:
            start = result.checkpoint
            since = (
                ""
                if start is None
                else f" after checkpoint #{start.id} (#{start.first_id}–#{start.last_id} "
                f"archived in {start.archive})"
            )
            self.stdout.write(
                f"audit chain intact: {result.count} events{since}, head {result.head}"
            )
        for check in archive.verify_archives(archives):
            if check.intact:
                self.stdout.write(
                    f"audit archive intact: {check.path.name}, {check.count} events "
                    f"(#{check.first_id}–#{check.last_id}), head {check.head}, "
                    f"matches checkpoint #{check.checkpoint_id}"
                )
            else:
                at = f" at event #{check.broken_id}" if check.broken_id is not None else ""
                failures.append(f"audit archive {check.path} BROKEN{at}: {check.reason}")
        if failures:
            for line in failures[:-1]:
                self.stderr.write(line)
            raise CommandError(failures[-1], returncode=1)

    def _prune(self, options: dict[str, Any]) -> None:
        if options["batch_size"] < 1:
            raise CommandError("audit prune: --batch-size must be at least 1", returncode=1)
        try:
            report = pruning.prune(
                archive_dir=options["archive_dir"],
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
            )
        except pruning.PruneError as exc:
            done = exc.report
            before = (
                "nothing was pruned"
                if not done.count
                else f"{done.count} events were archived and deleted before this "
                f"({', '.join(done.archives)})"
            )
            raise CommandError(f"audit prune: {exc}; {before}", returncode=1) from None
        for name in report.archives:
            self.stdout.write(name)
        self.stdout.write(report.summary())
