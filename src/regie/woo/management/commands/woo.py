"""``regie woo redact FILE``, ``regie woo evaluate`` and ``regie woo prepare`` (docs/woo.md).

``redact`` prints a text file with every suggested span replaced by ``[<ground>]``: with the
installation's known names, term lists and organisations from the database, or, with
``--known-names NAMESFILE``, only the names in that file (one per line). ``evaluate`` scores
the pipeline on the labelled set; ``prepare`` builds deduce's cache (``make install`` runs it).
Unreadable input is one line on stderr and exit status 1.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from regie.woo import evaluation
from regie.woo.suggest import Lexicon, deduced, redact, suggest_text

DEFAULT_SET = Path(settings.PROJECT_DIR) / "tests" / "data" / "woo"


def read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{what} {path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{what} {path}: is a directory, not a text file") from None
    except UnicodeDecodeError:
        raise CommandError(f"{what} {path}: not UTF-8 text") from None
    except OSError as error:
        raise CommandError(f"{what} {path}: cannot read ({error.strerror})") from None


class Command(BaseCommand):
    help = "Woo redaction suggestions: redact a text file, evaluate the pipeline, prepare deduce."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        redact_parser = commands.add_parser(
            "redact", help="Print FILE with every suggested span replaced by [<ground>]."
        )
        redact_parser.add_argument("file", type=Path, metavar="FILE")
        redact_parser.add_argument(
            "--known-names",
            type=Path,
            metavar="NAMESFILE",
            help="Known persons, one per line, instead of the installation's.",
        )
        redact_parser.add_argument("--format", choices=["text"], default="text")
        evaluate_parser = commands.add_parser(
            "evaluate", help="Precision and recall on the labelled evaluation set."
        )
        evaluate_parser.add_argument(
            "--data", type=Path, default=DEFAULT_SET, metavar="DIR", help="The labelled set."
        )
        evaluate_parser.add_argument(
            "--throughput", action="store_true", help="Only measure pages per second per core."
        )
        evaluate_parser.add_argument(
            "--verbose", action="store_true", help="List the missed names and wrong suggestions."
        )
        commands.add_parser("prepare", help="Build deduce's lookup cache unless it exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        cache_dir: Path = settings.REGIE_WOO_CACHE_DIR
        if options["subcommand"] == "prepare":
            self._prepare(cache_dir)
        elif options["subcommand"] == "redact":
            self._redact(options["file"], options["known_names"], cache_dir)
        elif options["throughput"]:
            pages = evaluation.throughput(options["data"], cache_dir)
            self.stdout.write(f"Woo suggestions: {pages:.1f} pages/s per core (3,000 characters)")
        else:
            self._evaluate(options["data"], cache_dir, verbose=options["verbose"])

    def _prepare(self, cache_dir: Path) -> None:
        started = time.monotonic()
        built = deduced.prepare(cache_dir)
        where = deduced.cache_path(cache_dir)
        if built:
            self.stdout.write(f"deduce cache built in {time.monotonic() - started:.0f}s: {where}")
        else:
            self.stdout.write(f"deduce cache present: {where}")

    def _redact(self, path: Path, names_file: Path | None, cache_dir: Path) -> None:
        text = read_text(path, "Input")
        if names_file is not None:
            names = read_text(names_file, "Known names")
            known = tuple(line.strip() for line in names.splitlines() if line.strip())
            lexicon = Lexicon(known_names=known, cache_dir=cache_dir)
        else:
            lexicon = self._installation(cache_dir)
        self.stdout.write(redact(text, suggest_text(text, lexicon)), ending="")

    def _installation(self, cache_dir: Path) -> Lexicon:
        from regie.woo import selectors

        try:
            return selectors.lexicon()
        except DatabaseError as error:
            self.stderr.write(f"No known names (database not readable: {error}); deduce only.")
            return Lexicon(cache_dir=cache_dir)

    def _evaluate(self, data: Path, cache_dir: Path, *, verbose: bool) -> None:
        if not data.is_dir():
            raise CommandError(f"Evaluation set {data}: no such directory")
        report = evaluation.evaluate(data, cache_dir)
        self.stdout.write(f"{'run':<28}{'precision':>10}{'recall':>8}{'protected hit':>15}")
        rows = (
            ("pipeline, known names", report.with_known),
            ("pipeline, no known names", report.without_known),
            ("deduce alone (baseline)", report.baseline),
        )
        for label, score in rows:
            self.stdout.write(
                f"{label:<28}{score.precision:>10.3f}{score.recall:>8.3f}"
                f"{score.over_redacted:>8} of {score.protected}"
            )
            if verbose:
                for missed in score.missed:
                    self.stdout.write(f"    missed: {missed}")
                for wrong in score.wrong:
                    self.stdout.write(f"    wrong:  {wrong}")
        names = report.with_known.names
        self.stdout.write(f"({names} labelled names in {len(evaluation.load(data))} documents)")
