"""``regie bench oracle``: can a signed-in user tell a hidden case from a missing one by time?

Both answer the same 404 page (docs/permissions.md). If the server does more work for a case
that exists outside the user's scope than for a number that does not exist, the difference in
response time tells the user which numbers exist: a timing oracle (issue 10, point 2).

The measurement: one regisseur asks, in interleaved pairs, for a case of another regisseur
(hidden) and for a case number that does not exist (missing), both in the same format and year.
The order within each pair alternates, so drift on a shared machine (another process, the
database's caches, the audit log growing) falls on both sides alike. Reported: the median of
the per-pair differences (hidden − missing), the difference of the two medians, and the verdict
against the target (|median paired difference| < 1 ms).
"""

from __future__ import annotations

import json
import logging
import os
import random
import statistics
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client

from regie.accounts.models import User
from regie.bench.measure import (
    BenchError,
    bench_host,
    dataset,
    machine,
    percentile,
    verified_client,
)
from regie.bench.world import USER_PREFIX
from regie.cases.models import Case

TARGET_MS = 1.0


@dataclass
class OracleReport:
    started_at: str
    seconds: float
    pairs: int
    machine: dict[str, Any]
    dataset: dict[str, int]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    hidden_p50_ms: float
    missing_p50_ms: float
    hidden_p95_ms: float
    missing_p95_ms: float
    median_paired_difference_ms: float
    difference_of_medians_ms: float
    target_ms: float
    hidden_samples_ms: list[float]
    missing_samples_ms: list[float]

    @property
    def passed(self) -> bool:
        return abs(self.median_paired_difference_ms) < self.target_ms


def _timed_404(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url, secure=True)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 404:
        raise BenchError(f"GET {url} answered {response.status_code}, not 404")
    return elapsed


def _subjects(rng: random.Random, pairs: int) -> tuple[User, list[str], list[str]]:
    """A regisseur, numbers of cases directed by others, and numbers that do not exist."""
    regisseur = (
        User.objects.filter(
            username__startswith=f"{USER_PREFIX}regisseur", directed_cases__isnull=False
        )
        .order_by("username")
        .first()
    )
    if regisseur is None:
        raise BenchError("no bench data: run 'regie bench generate --cases N' first")
    others = list(
        Case.objects.exclude(regisseur=regisseur)
        .filter(regisseur__isnull=False)
        .order_by("?")
        .values_list("number", flat=True)[:pairs]
    )
    if not others:
        raise BenchError("no case of another regisseur in the bench data")
    hidden = [others[i % len(others)] for i in range(pairs)]
    existing = set(Case.objects.values_list("number", flat=True))
    # Same prefix and year as a real number, a sequence beyond every case of that year.
    missing: list[str] = []
    for number in hidden:
        head, _, seq = number.rpartition("-")
        candidate = f"{head}-{int(seq) + 500_000:0{len(seq)}d}"
        while candidate in existing:
            candidate = f"{head}-{int(candidate.rpartition('-')[2]) + 1:0{len(seq)}d}"
        missing.append(candidate)
    rng.shuffle(missing)
    return regisseur, hidden, missing


def run(*, pairs: int = 250, warmup: int = 10, seed: int = 1) -> OracleReport:
    if connection.vendor != "postgresql":
        raise BenchError("the benchmark measures PostgreSQL; set DATABASE_URL to a postgres:// URL")
    if pairs < 1:
        raise BenchError("--pairs must be at least 1")
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    load_before = os.getloadavg()
    regisseur, hidden, missing = _subjects(rng, pairs + warmup)
    client = verified_client(regisseur, bench_host())
    # Django logs a warning for every 404; hundreds of them would bury the figures.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    for i in range(warmup):
        _timed_404(client, f"/casussen/{hidden[i]}/")
        _timed_404(client, f"/casussen/{missing[i]}/")
    hidden_ms: list[float] = []
    missing_ms: list[float] = []
    for i in range(warmup, warmup + pairs):
        # Alternate which goes first, so neither side always pays for a cold start.
        if i % 2:
            hidden_ms.append(_timed_404(client, f"/casussen/{hidden[i]}/"))
            missing_ms.append(_timed_404(client, f"/casussen/{missing[i]}/"))
        else:
            missing_ms.append(_timed_404(client, f"/casussen/{missing[i]}/"))
            hidden_ms.append(_timed_404(client, f"/casussen/{hidden[i]}/"))
    paired = [h - m for h, m in zip(hidden_ms, missing_ms, strict=True)]
    return OracleReport(
        started_at=started_at,
        seconds=round(time.perf_counter() - started, 1),
        pairs=pairs,
        machine=machine(),
        dataset=dataset(),
        load_before=load_before,
        load_after=os.getloadavg(),
        hidden_p50_ms=round(statistics.median(hidden_ms), 3),
        missing_p50_ms=round(statistics.median(missing_ms), 3),
        hidden_p95_ms=round(percentile(hidden_ms, 95), 3),
        missing_p95_ms=round(percentile(missing_ms, 95), 3),
        median_paired_difference_ms=round(statistics.median(paired), 3),
        difference_of_medians_ms=round(
            statistics.median(hidden_ms) - statistics.median(missing_ms), 3
        ),
        target_ms=TARGET_MS,
        hidden_samples_ms=[round(v, 3) for v in hidden_ms],
        missing_samples_ms=[round(v, 3) for v in missing_ms],
    )


def table(report: OracleReport) -> str:
    verdict = "pass" if report.passed else "MISS"
    return "\n".join(
        [
            f"hidden vs missing case page (404), {report.pairs} interleaved pairs:",
            f"  hidden   p50 {report.hidden_p50_ms:7.2f} ms   p95 {report.hidden_p95_ms:7.2f} ms",
            f"  missing  p50 {report.missing_p50_ms:7.2f} ms   p95 {report.missing_p95_ms:7.2f} ms",
            f"  median of paired differences (hidden − missing): "
            f"{report.median_paired_difference_ms:+.3f} ms",
            f"  difference of the medians: {report.difference_of_medians_ms:+.3f} ms",
            f"  target |median paired difference| < {report.target_ms:g} ms: {verdict}",
        ]
    )


def save(report: OracleReport, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = report.started_at.replace(":", "").replace("-", "")
    path = directory / f"oracle-{stamp}.json"
    payload = json.dumps(asdict(report), indent=2, ensure_ascii=False)
    path.write_text(payload + "\n", encoding="utf-8")
    (directory / "oracle-latest.json").write_text(payload + "\n", encoding="utf-8")
    return path
