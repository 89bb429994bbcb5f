"""Bulk generator of fictional cases for the performance benchmark (``regie bench generate``).

Realistic shapes, written fast: no services and no per-row saves. Rows are built in memory per
chunk of cases and written with PostgreSQL ``COPY`` (``bulk_create`` on other databases), with
primary keys reserved from the tables' own sequences so children can point at their parents.

What a case gets (averages): ~20 journal entries, ~3 ZRM assessments with a score for every
life domain, ~3 tasks, a timeline event and an audit event for every change the services would
have recorded (registration, assignment, phase changes, journal, ZRM, tasks, flags) and a few
audited reads. The audit rows continue the hash chain: each chunk starts with one event written
through the kernel's audit façade (which takes the chain lock until the chunk commits), and the
chunk's events are chained onto it with ``compute_hash`` and inserted in that order, so
``regie audit verify`` holds afterwards. This bulk insert is the one place besides the façade
that writes audit rows; it only ever runs on a benchmark database.

Every name is invented by combining common first and last names; no real person is described.
BSNs come from the 999xxxxxx range, which is used for test data and passes the elfproef.

The parts: ``fiction`` (names, texts, phase mix), ``world`` (districts, bench accounts,
configuration), ``lifecycle`` (one case's rows), ``writing`` (COPY, reserved ids, the audit
chain per chunk); this module checks the database and drives the chunks.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import connection
from django.utils import timezone

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.bench.lifecycle import Generator
from regie.bench.world import USER_PREFIX, build_world
from regie.bench.writing import Batch, Stats, write_batch
from regie.cases.models import (
    Case,
    JournalEntry,
    Person,
    Task,
    TimelineEvent,
    ZrmAssessment,
    ZrmScore,
)


class Refused(Exception):
    """The database is not one the generator may fill."""


def ensure_allowed(*, not_production: bool) -> None:
    if not settings.DEBUG and not not_production:
        raise Refused(
            "refused: REGIE_DEBUG=0. This fills the database with fictional cases; run it "
            "with REGIE_DEBUG=1 or pass --i-know-this-is-not-production."
        )
    others = User.objects.exclude(username__startswith=USER_PREFIX)
    if others.exists():
        raise Refused(
            f"refused: the database holds {others.count()} account(s) that are not bench "
            f"accounts ({USER_PREFIX}*); use a separate database such as regie_bench."
        )


def existing_cases() -> int:
    return Case.objects.count()


def generate(
    *,
    cases: int,
    seed: int = 2026,
    chunk: int = 1000,
    progress: Callable[[str], None] | None = None,
) -> Stats:
    """Add ``cases`` fictional cases (with everything attached) to an empty case table.

    On PostgreSQL the next chunk is built while the previous one is written by a second
    thread (on its own connection), so Python and the database each keep a core busy.
    """
    existing = existing_cases()
    if existing:
        raise Refused(
            f"refused: the database already holds {existing:,} cases; generate into a fresh "
            "database (drop it, or pick another BENCH_DATABASE_URL)"
        )
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - fictional benchmark data, not security
    world = build_world(rng)
    gen = Generator(world, rng, timezone.localdate())
    stats = Stats()
    done = 0

    def report() -> None:
        if progress is not None:
            elapsed = time.perf_counter() - started
            rate = stats.cases / elapsed if elapsed else 0.0
            progress(f"{done:>8,} / {cases:,} cases  {elapsed:7.1f} s  ({rate:,.0f} cases/s)")

    if connection.vendor != "postgresql":
        while done < cases:
            n = min(chunk, cases - done)
            write_batch(gen.build(n, stats), stats)
            done += n
            report()
    else:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-writer") as writer:
            pending: Future[None] | None = None
            while done < cases:
                n = min(chunk, cases - done)
                batch = gen.build(n, stats)
                if pending is not None:
                    pending.result()
                    report()
                pending = writer.submit(_write_in_thread, batch, stats)
                done += n
            if pending is not None:
                pending.result()
            writer.submit(_close_connection).result()
        report()
    analyze()
    stats.seconds = time.perf_counter() - started
    return stats


def _write_in_thread(batch: Batch, stats: Stats) -> None:
    write_batch(batch, stats)


def _close_connection() -> None:
    connection.close()


def analyze() -> None:
    """Fresh planner statistics and visibility maps after a bulk load (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    tables = [
        m._meta.db_table
        for m in (
            Person,
            Case,
            Case.flags.through,
            JournalEntry,
            ZrmAssessment,
            ZrmScore,
            Task,
            TimelineEvent,
            AuditEvent,
        )
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
