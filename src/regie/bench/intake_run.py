"""``regie bench intake``: the duplicate check against every registered person, and the intake
pages (the Steunpunt's queue, the Weegploeg's list, the programme's trends page when it
exists), on the data of ``intake_data``.

The duplicate check is timed as a call of ``cases.duplicates.duplicate_candidates`` (what the
case form and the Weegploeg's instroom run before a person is registered) for fifty different
names as people type them: an exact registered name with its date of birth, a typo, first
name and surname swapped, a particle added, and a name nobody has. Its candidate query is
shown with ``EXPLAIN`` so the report says whether the indexes carry it.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from regie.accounts.models import User
from regie.bench.fiction import FIRST_NAMES, LAST_NAMES
from regie.bench.intake_data import PROGRAMMA, STEUNPUNT, WEEGPLOEG
from regie.bench.measure import (
    BenchError,
    Series,
    bench_host,
    count_queries,
    machine,
    percentile,
    timed_get,
    verified_client,
)
from regie.cases import duplicates
from regie.cases.models import Person
from regie.cases.services import PersonData
from regie.intake.models import Signal, Stage

PROBES = 50
PAGES = [
    ("steunpunt", "/steunpunt/", STEUNPUNT, "the Steunpunt's queue (new and in handling)"),
    ("weegploeg", "/weegploeg/", WEEGPLOEG, "the Weegploeg's list and recent sessions"),
    ("trends", "/informatiebeeld/", PROGRAMMA, "the programme's trends page (Informatiebeeld)"),
]


@dataclass
class IntakeReport:
    started_at: str
    seconds: float
    machine: dict[str, Any]
    dataset: dict[str, int]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    duplicate_check: dict[str, Any]
    explain: list[str]
    uses_indexes: bool
    pages: list[dict[str, Any]]
    skipped: list[str]


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text + "e"
    i = rng.randint(1, len(text) - 3)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def probes(rng: random.Random, count: int = PROBES) -> list[PersonData]:
    """``count`` different names to check, most of them close to a registered person."""
    low = Person.objects.order_by("pk").values_list("pk", flat=True).first()
    high = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
    if low is None or high is None:
        raise BenchError("no persons: run 'regie bench generate --persons N' first")
    ids = [rng.randint(low, high) for _ in range(count * 3)]
    rows = list(
        Person.objects.filter(pk__in=ids).values_list(
            "first_name", "last_name", "date_of_birth", "area_id"
        )[: count * 2]
    )
    found: list[PersonData] = []
    seen: set[tuple[str, str, Any]] = set()
    for i, (first, last, born, area) in enumerate(rows):
        kind = i % 5
        if kind == 1:
            last = _typo(last, rng)
        elif kind == 2:
            first, last, born = last, first, None
        elif kind == 3:
            last = f"van {last}" if not last.startswith(("van ", "de ")) else last.split(" ")[-1]
        elif kind == 4:
            first, last = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)}-Nieuw"
            born = born + timedelta(days=1) if born else None
        if (first, last, born) in seen:
            continue
        seen.add((first, last, born))
        found.append(PersonData(first, last, born, "", area))
        if len(found) == count:
            break
    return found


def _explain(user: User, data: PersonData) -> tuple[list[str], bool]:
    """The plans of the check's candidate queries (the likely rows, then the namesakes), and
    whether the first runs on the indexes. The second has a ``LIMIT`` and no order: behind a
    common surname the planner may rightly read the table until it has enough rows."""
    with CaptureQueriesContext(connection) as captured:
        duplicates.duplicate_candidates(user, data)
    statements = [q["sql"] for q in captured.captured_queries if "surname_key" in q["sql"]]
    if not statements:
        return ["(the candidate query was not found)"], False
    plan: list[str] = []
    indexed = False
    with connection.cursor() as cursor:
        for n, statement in enumerate(statements):
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}")
            lines = [row[0] for row in cursor.fetchall()]
            text = "\n".join(lines)
            if n == 0:
                indexed = "Index" in text and "Seq Scan on cases_person" not in text
            plan.extend([*lines, ""])
    return plan, indexed


def _resolves(url: str) -> bool:
    try:
        resolve(url)
    except Resolver404:
        return False
    return True


def run(
    *, iterations: int = 50, warmup: int = 5, seed: int = 1, progress: Callable[[str], None]
) -> IntakeReport:
    if connection.vendor != "postgresql":
        raise BenchError("the benchmark measures PostgreSQL; set DATABASE_URL to a postgres:// URL")
    users = {u.username: u for u in User.objects.filter(username__in=[p[2] for p in PAGES])}
    if len(users) < 3 or not Signal.objects.exists():
        raise BenchError("no intake data: run 'regie bench generate --signals N' first")
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    load_before = os.getloadavg()
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    weegploeg = users[WEEGPLOEG]

    names = probes(rng)
    for data in names[:warmup]:
        duplicates.duplicate_candidates(weegploeg, data)
    check_ms: list[float] = []
    candidates: list[int] = []
    # Every fifth name is a registered person's exact name and date of birth: it must be found.
    exact = found_exact = 0
    for i, data in enumerate(names):
        t0 = time.perf_counter()
        found = duplicates.duplicate_candidates(weegploeg, data)
        check_ms.append((time.perf_counter() - t0) * 1000)
        candidates.append(len(found))
        if i % 5 == 0:
            exact += 1
            wanted = (f"{data.first_name} {data.last_name}", data.date_of_birth)
            found_exact += any((c.name, c.date_of_birth) == wanted for c in found)
    plan, indexed = _explain(weegploeg, names[0])
    progress(f"  duplicate check: {len(names)} names, p50 {percentile(check_ms, 50):.1f} ms")

    host = bench_host()
    pages: list[dict[str, Any]] = []
    skipped: list[str] = []
    for key, url, username, description in PAGES:
        if not _resolves(url):
            skipped.append(f"{url}: this URL does not resolve in this build; not measured")
            progress(f"  skipped {url}: the URL does not resolve in this build")
            continue
        client = verified_client(users[username], host)
        series = Series(key, f"{url} as {username}: {description}", "")
        series.queries.append(count_queries(client, url))
        for _ in range(warmup):
            timed_get(client, url)
        for _ in range(iterations):
            wall, cpu = timed_get(client, url)
            series.page_ms.append(wall)
            series.cpu_ms.append(cpu)
        series.queries.append(count_queries(client, url))
        pages.append(series.summary())
        progress(f"  {url}: p50 {percentile(series.page_ms, 50):.1f} ms")

    return IntakeReport(
        started_at=started_at,
        seconds=round(time.perf_counter() - started, 1),
        machine=machine(),
        dataset=_dataset(),
        load_before=load_before,
        load_after=os.getloadavg(),
        duplicate_check={
            "names": len(names),
            "p50_ms": round(percentile(check_ms, 50), 2),
            "p95_ms": round(percentile(check_ms, 95), 2),
            "max_ms": round(max(check_ms), 2),
            "samples_ms": [round(v, 2) for v in check_ms],
            "candidates_shown": candidates,
            "exact_names": exact,
            "exact_names_found": found_exact,
        },
        explain=plan,
        uses_indexes=indexed,
        pages=pages,
        skipped=skipped,
    )


def _dataset() -> dict[str, int]:
    return {
        "persons": Person.objects.count(),
        "signals": Signal.objects.count(),
        "open at the Steunpunt": Signal.objects.filter(stage=Stage.STEUNPUNT).count(),
        "open at the Weegploeg": Signal.objects.filter(stage=Stage.WEEGPLOEG).count(),
    }


def table(report: IntakeReport) -> str:
    check = report.duplicate_check
    lines = [
        f"duplicate check ({check['names']} names, {report.dataset['persons']:,} persons): "
        f"p50 {check['p50_ms']:.1f} ms, p95 {check['p95_ms']:.1f} ms, max {check['max_ms']:.1f} ms"
        f"; exact names found {check['exact_names_found']} of {check['exact_names']}"
        f"; likely-candidates query on indexes: {'yes' if report.uses_indexes else 'NO'}",
        f"{'page':<12}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'cpu p50':>9}",
    ]
    for r in report.pages:
        low, high = min(r["queries"]), max(r["queries"])
        queries = str(low) if low == high else f"{low}–{high}"
        lines.append(
            f"{r['page']:<12}{r['page_p50_ms']:>9.1f}{r['page_p95_ms']:>9.1f}{queries:>9}"
            f"{r['django_cpu_p50_ms']:>9.1f}"
        )
    lines.extend(report.skipped)
    return "\n".join(lines)


def save(report: IntakeReport, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = report.started_at.replace(":", "").replace("-", "")
    path = directory / f"intake-{stamp}.json"
    payload = json.dumps(asdict(report), indent=2, ensure_ascii=False, default=str)
    path.write_text(payload + "\n", encoding="utf-8")
    (directory / "intake-latest.json").write_text(payload + "\n", encoding="utf-8")
    return path
