"""``regie bench generate --cases N [--persons N --signals N]``, ``regie bench run``,
``regie bench oracle`` and ``regie bench intake``: see docs/performance.md."""

from __future__ import annotations

import random
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regie.bench import generator, intake_data, intake_run, measure, oracle, runner, scale, world

RESULTS = Path(settings.PROJECT_DIR) / "benchmarks" / "results"


class Command(BaseCommand):
    help = (
        "Performance benchmark: generate fictional cases in bulk, measure the case pages, or "
        "measure whether a hidden case can be told from a missing one by response time."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        gen = sub.add_parser("generate", help="Bulk-generate fictional cases (empty database).")
        gen.add_argument("--cases", type=int, required=True)
        gen.add_argument("--seed", type=int, default=2026)
        gen.add_argument("--chunk", type=int, default=1000, help="cases per transaction")
        gen.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when the database already holds at least N cases",
        )
        gen.add_argument("--i-know-this-is-not-production", action="store_true")
        gen.add_argument(
            "--signals", type=int, default=0, help="signals over two years (skipped when there)"
        )
        gen.add_argument(
            "--persons",
            type=int,
            default=0,
            help="persons in total, the cases' own included: plain persons are added up to N",
        )
        intake = sub.add_parser(
            "intake", help="Measure the duplicate check and the intake pages (signals)."
        )
        intake.add_argument("--iterations", type=int, default=50)
        intake.add_argument("--warmup", type=int, default=5)
        intake.add_argument("--seed", type=int, default=1)
        intake.add_argument(
            "--output",
            type=Path,
            default=RESULTS,
            help="directory for the JSON results (default: benchmarks/results/)",
        )
        run = sub.add_parser("run", help="Measure the case pages against their SQL floor.")
        run.add_argument("--iterations", type=int, default=100)
        run.add_argument("--warmup", type=int, default=5)
        run.add_argument("--seed", type=int, default=1)
        run.add_argument(
            "--output",
            type=Path,
            default=RESULTS,
            help="directory for the JSON results (default: benchmarks/results/)",
        )
        run.add_argument(
            "--max-load",
            type=float,
            default=None,
            help="first wait (up to 10 minutes) until the 1-minute load average is below this",
        )
        run.add_argument(
            "--check",
            action="store_true",
            help="exit 1 when a target is missed",
        )
        run.add_argument(
            "--label",
            default="",
            help="name the results latest-LABEL.json (a second data set, e.g. small)",
        )
        scaled = sub.add_parser(
            "scale", help="Compare the p50 of two 'bench run' results (10,000 against 100,000)."
        )
        scaled.add_argument("--small", type=Path, default=RESULTS / "latest-small.json")
        scaled.add_argument("--large", type=Path, default=RESULTS / "latest.json")
        scaled.add_argument("--check", action="store_true", help="exit 1 when a page misses")
        timing = sub.add_parser(
            "oracle", help="Response time of a hidden case against a missing one (404 both)."
        )
        timing.add_argument("--pairs", type=int, default=250, help="interleaved pairs (≥ 200)")
        timing.add_argument("--warmup", type=int, default=10)
        timing.add_argument("--seed", type=int, default=1)
        timing.add_argument(
            "--output",
            type=Path,
            default=RESULTS,
            help="directory for the JSON results (default: benchmarks/results/)",
        )
        timing.add_argument(
            "--check", action="store_true", help="exit 1 when the difference misses the target"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "generate":
            self._generate(options)
        elif options["subcommand"] == "oracle":
            self._oracle(options)
        elif options["subcommand"] == "intake":
            self._intake(options)
        elif options["subcommand"] == "scale":
            self._scale(options)
        else:
            self._run(options)

    def _oracle(self, options: dict[str, Any]) -> None:
        try:
            report = oracle.run(
                pairs=options["pairs"], warmup=options["warmup"], seed=options["seed"]
            )
        except measure.BenchError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        data = report.dataset
        self.stdout.write(
            f"\n{data['cases']:,} cases, {data['audit events']:,} audit events; "
            f"{report.pairs} pairs in {report.seconds:.0f} s; load average "
            f"{report.load_before[0]:.2f} → {report.load_after[0]:.2f} on "
            f"{report.machine.get('cpus')} CPUs\n"
        )
        self.stdout.write(oracle.table(report))
        path = oracle.save(report, options["output"])
        self.stdout.write(f"\nresults: {path}")
        if options["check"] and not report.passed:
            raise CommandError("hidden and missing differ by more than the target", returncode=1)

    def _scale(self, options: dict[str, Any]) -> None:
        try:
            comparison = scale.compare(scale.load(options["small"]), scale.load(options["large"]))
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(scale.table(comparison))
        if options["check"] and not comparison.passed:
            raise CommandError("a page slows down with the data", returncode=1)

    def _intake(self, options: dict[str, Any]) -> None:
        try:
            report = intake_run.run(
                iterations=options["iterations"],
                warmup=options["warmup"],
                seed=options["seed"],
                progress=self.stdout.write,
            )
        except measure.BenchError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        data = report.dataset
        self.stdout.write(
            f"\n{data['persons']:,} persons, {data['signals']:,} signals; {report.seconds:.0f} s; "
            f"load average {report.load_before[0]:.2f} → {report.load_after[0]:.2f} on "
            f"{report.machine.get('cpus')} CPUs\n"
        )
        self.stdout.write(intake_run.table(report))
        path = intake_run.save(report, options["output"])
        self.stdout.write(f"\nresults: {path}")

    def _generate_intake(self, options: dict[str, Any]) -> None:
        """Persons up to ``--persons`` and ``--signals`` signals, after the cases (both
        idempotent: a second run adds nothing)."""
        if not (options["persons"] or options["signals"]):
            return
        started = time.perf_counter()
        intake_data.ensure_staff()
        if options["persons"]:
            added = intake_data.add_persons(
                options["persons"], seed=options["seed"], progress=self.stdout.write
            )
            self.stdout.write(f"added {added:,} persons in {time.perf_counter() - started:.1f} s")
        if options["signals"]:
            started = time.perf_counter()
            written = intake_data.add_signals(
                options["signals"], seed=options["seed"], progress=self.stdout.write
            )
            self.stdout.write(
                f"generated {written:,} signals in {time.perf_counter() - started:.1f} s"
            )

    def _run(self, options: dict[str, Any]) -> None:
        if settings.DEBUG:
            self.stderr.write(
                "note: REGIE_DEBUG=1; production runs with it off (make bench does that)"
            )
        try:
            report = runner.run(
                iterations=options["iterations"],
                warmup=options["warmup"],
                seed=options["seed"],
                max_load=options["max_load"],
                progress=self.stdout.write,
            )
        except measure.BenchError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        data = report.dataset
        self.stdout.write(
            f"\n{data['cases']:,} cases, {data['journal entries']:,} journal entries, "
            f"{data['audit events']:,} audit events; {report.iterations} iterations in "
            f"{report.seconds:.0f} s; load average {report.load_before[0]:.2f} → "
            f"{report.load_after[0]:.2f} on {report.machine.get('cpus')} CPUs\n"
        )
        self.stdout.write(runner.table(report))
        path = runner.save(report, options["output"], options["label"])
        self.stdout.write(f"\nresults: {path}")
        if options["check"] and not report.passed:
            raise CommandError("a performance target was missed", returncode=1)

    def _generate(self, options: dict[str, Any]) -> None:
        existing = generator.existing_cases()
        if options["if_missing"] and existing >= options["cases"]:
            self.stdout.write(f"the database already holds {existing:,} cases; not generating")
            # The accounts, districts and teams are brought up to date all the same (idempotent):
            # a database generated by an earlier version keeps its cases.
            try:
                generator.ensure_allowed(not_production=options["i_know_this_is_not_production"])
            except generator.Refused as exc:
                raise CommandError(str(exc), returncode=1) from exc
            world.build_world(random.Random(options["seed"]))  # noqa: S311 - not security
            self._generate_intake(options)
            return
        try:
            generator.ensure_allowed(not_production=options["i_know_this_is_not_production"])
            stats = generator.generate(
                cases=options["cases"],
                seed=options["seed"],
                chunk=options["chunk"],
                progress=self.stdout.write,
            )
        except generator.Refused as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(f"generated {stats.cases:,} cases in {stats.seconds:.1f} s")
        for name, n in stats.rows.items():
            seconds = stats.write_seconds.get(name, 0.0)
            self.stdout.write(f"  {name:<16} {n:>12,} rows  written in {seconds:6.1f} s")
        self._generate_intake(options)
