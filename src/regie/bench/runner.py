"""``regie bench run``: server time of the case pages against their SQL floor.

Every page is requested in-process through Django's test ``Client`` with a session that has
passed the second factor, so the whole stack runs: middleware, policy, selectors, templates,
the audit log of the read. The wall time of ``client.get`` is the page time.

Beside each page the "floor" is timed: hand-written SQL, run on a plain cursor, that fetches the
rows the page shows (same user, same case, same search term, run right after the request so
the caches are the same). The ratio page/floor is what the framework, the policy, the audit
and the rendering add on top of the data itself.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from regie.accounts.models import User
from regie.bench import ladder
from regie.bench.fiction import normalise
from regie.bench.floors import (
    FLOOR_CASE,
    FLOOR_CASELOAD,
    FLOOR_MEETING,
    FLOOR_OVERVIEW,
    floor_search,
    like,
)
from regie.bench.measure import (
    TARGET_FIXED_RATIO,
    TARGET_RATIO,
    TARGETS_MS,
    BenchError,
    Series,
    bench_host,
    count_queries,
    dataset,
    machine,
    timed_floor,
    timed_get,
    verified_client,
    wait_for_quiet,
)
from regie.bench.meeting import bench_meeting
from regie.bench.world import TEAMLEIDER, USER_PREFIX
from regie.cases.models import Case, Person

OPEN = ("aanmelding", "instroom", "regie", "nazorg")


@dataclass
class Subjects:
    teamleider: User
    regisseurs: list[User]
    # (case id, case number, regisseur id) of every case that has a regisseur.
    cases: list[tuple[int, str, int]]
    # The same for open cases only: queries are counted on those (a closed case shows no forms).
    open_cases: list[tuple[int, str, int]]
    terms: list[str]


def search_terms(rng: random.Random, count: int) -> list[str]:
    """Partial names as people type them: a piece of a surname, a first name and the start of a
    surname, or a surname typed without its accents."""
    ids = list(Person.objects.order_by("?").values_list("first_name", "last_name")[: count * 2])
    terms: list[str] = []
    for i, (first, last) in enumerate(ids):
        surname = last.split(" ")[-1]
        if i % 3 == 0:
            terms.append(surname[: rng.randint(4, 5)].lower())
        elif i % 3 == 1:
            terms.append(f"{first[: rng.randint(3, len(first))]} {surname[:4]}")
        else:
            terms.append(normalise(surname)[1:6])
        if len(terms) == count:
            break
    return [t for t in terms if len(t.strip()) >= 2]


def subjects(rng: random.Random, iterations: int) -> Subjects:
    try:
        teamleider = User.objects.get(username=TEAMLEIDER)
    except User.DoesNotExist:
        raise BenchError("no bench data: run 'regie bench generate --cases N' first") from None
    regisseurs = list(
        User.objects.filter(username__startswith=f"{USER_PREFIX}regisseur").order_by("username")
    )
    rows = Case.objects.filter(regisseur__isnull=False).values_list(
        "pk", "number", "regisseur_id", "phase"
    )
    cases = [(pk, number, regisseur) for pk, number, regisseur, _phase in rows]
    open_cases = [(pk, number, r) for pk, number, r, phase in rows if phase in OPEN]
    if not regisseurs or not open_cases:
        raise BenchError("no bench data: run 'regie bench generate --cases N' first")
    terms = search_terms(rng, iterations + 10)
    return Subjects(teamleider, regisseurs, cases, open_cases, terms)


@dataclass
class Report:
    started_at: str
    seconds: float
    iterations: int
    machine: dict[str, Any]
    dataset: dict[str, int]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    results: list[dict[str, Any]]
    # The cost ladder's steps (``results`` rows of l0–l3) and the fixed-cost ratio l3 / l0.
    ladder: list[dict[str, Any]]
    fixed_ratio_p50: float
    fixed_ratio_p95: float

    @property
    def passes_fixed(self) -> bool:
        return max(self.fixed_ratio_p50, self.fixed_ratio_p95) <= TARGET_FIXED_RATIO

    @property
    def passed(self) -> bool:
        pages = all(r["passes_time"] and r["passes_ratio"] for r in self.results)
        return pages and self.passes_fixed


def run(
    *,
    iterations: int = 100,
    warmup: int = 5,
    seed: int = 1,
    max_load: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    if connection.vendor != "postgresql":
        raise BenchError("the benchmark measures PostgreSQL; set DATABASE_URL to a postgres:// URL")
    if max_load is not None:
        wait_for_quiet(max_load, 600, progress)
    # The ladder's views exist only in the benchmark's URL configuration.
    with override_settings(ROOT_URLCONF=ladder.URLCONF):
        return _run(iterations, warmup, seed, progress)


def _run(iterations: int, warmup: int, seed: int, progress: Callable[[str], None] | None) -> Report:
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    load_before = os.getloadavg()
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    subject = subjects(rng, iterations + warmup)
    host = bench_host()
    leader = verified_client(subject.teamleider, host)
    clients = {u.pk: verified_client(u, host) for u in subject.regisseurs}

    series = {
        "caseload": Series(
            "caseload",
            "/casussen/caseload/ as a regisseur (first page, default sort)",
            "the 25(+1) rows shown, with person, district and flags",
            target_p95_ms=TARGETS_MS["caseload"],
        ),
        "overview": Series(
            "overview",
            "/casussen/overzicht/ as the teamleider",
            "one GROUP BY regisseur × district × phase, and the 25(+1) unassigned rows",
        ),
        "case": Series(
            "case",
            "/casussen/<number>/ as the case's regisseur (random case)",
            "the case row with joins and flags, timeline, journal, tasks, ZRM with scores",
            target_p95_ms=TARGETS_MS["case"],
        ),
        "search": Series(
            "search",
            "/casussen/zoeken/ posting q=<partial name> as the teamleider",
            "the LIKE (trigram index) search: 50 rows with person, district, regisseur, flags",
            target_p95_ms=TARGETS_MS["search"],
        ),
    }
    series["meeting"] = Series(
        "meeting",
        "/overleggen/vergadering/<id>/ as its secretary (the benchmark's meeting)",
        "the meeting with its series, attendees, items with points and speakers, decisions, "
        "the action list, previous and next meeting",
    )
    series["meeting_edit"] = Series(
        "meeting_edit",
        "an edit on the meeting page (htmx) as its secretary, on a meeting shaped like the "
        "demo's largest: in turn a point changed, everyone's attendance saved, an item changed",
        "",
        target_p95_ms=TARGETS_MS["meeting_edit"],
    )
    # Not a target: the fixed cost of any signed-in page (session, user, second factor,
    # memberships, base template), to read the ratios against.
    series["home"] = Series("home", "/ (home) as a regisseur: fixed cost of a signed-in page", "")
    steps_of_ladder = {
        "l0": "a public view answering ok, with a verified session",
        "l1": "l0 behind @requires: the policy, so the user's memberships",
        "l2": "l1 with personal_data=True: the audited read",
        "l3": "l2 rendering base.html: header, navigation, language switch, logout",
    }
    for step, text in steps_of_ladder.items():
        series[step] = Series(step, f"cost ladder {step}: {text} (as a regisseur)", "")
    series["caseload"].floor_statements = len(FLOOR_CASELOAD)
    series["overview"].floor_statements = len(FLOOR_OVERVIEW)
    series["case"].floor_statements = len(FLOOR_CASE)
    series["search"].floor_statements = 1
    series["meeting"].floor_statements = len(FLOOR_MEETING)

    Step = tuple[str, Client, str, dict[str, str] | None, list[str], dict[str, Any]]
    editing = bench_meeting(subject.teamleider)
    editor = verified_client(subject.teamleider, host, {"HX-Request": "true"})
    meeting_url = reverse("meetings:meeting", args=[editing.meeting.pk])

    def steps(i: int, cases: list[tuple[int, str, int]]) -> list[Step]:
        regisseur = subject.regisseurs[i % len(subject.regisseurs)]
        case_id, number, owner = rng.choice(cases)
        term = subject.terms[i % len(subject.terms)]
        parts = normalise(" ".join(term.split())).split(" ")
        return [
            (
                "caseload",
                clients[regisseur.pk],
                "/casussen/caseload/",
                None,
                FLOOR_CASELOAD,
                {"user": regisseur.pk},
            ),
            ("overview", leader, "/casussen/overzicht/", None, FLOOR_OVERVIEW, {}),
            (
                "case",
                clients[owner],
                f"/casussen/{number}/",
                None,
                FLOOR_CASE,
                {"case": case_id, "number": number},
            ),
            (
                "search",
                leader,
                "/casussen/zoeken/",
                {"q": term},
                floor_search(len(parts)),
                {f"like{k}": like(part) for k, part in enumerate(parts)},
            ),
            ("home", clients[regisseur.pk], "/", None, [], {}),
            *(
                (step, clients[regisseur.pk], ladder.url(step), None, [], {})
                for step in ladder.STEPS
            ),
            (
                "meeting",
                leader,
                meeting_url,
                None,
                FLOOR_MEETING,
                {"meeting": editing.meeting.pk, "series": editing.meeting.series_id},
            ),
            ("meeting_edit", editor, *editing.edit(i), [], {}),
        ]

    def count_all(i: int) -> None:
        for name, client, url, data, _floor, _params in steps(i, subject.open_cases):
            series[name].queries.append(count_queries(client, url, data))

    count_all(0)
    for i in range(warmup):
        for _name, client, url, data, floor, params in steps(i, subject.cases):
            timed_get(client, url, data)
            if floor:
                timed_floor(floor, params)
    for i in range(iterations):
        for name, client, url, data, floor, params in steps(warmup + i, subject.cases):
            wall, cpu = timed_get(client, url, data)
            series[name].page_ms.append(wall)
            series[name].cpu_ms.append(cpu)
            if floor:
                series[name].floor_ms.append(timed_floor(floor, params))
        if progress is not None and (i + 1) % max(1, iterations // 10) == 0:
            progress(f"  {i + 1}/{iterations} iterations")
    # Query counts again on other subjects: they must not depend on the data.
    count_all(warmup + iterations)
    rungs = [series.pop(step).summary() for step in ladder.STEPS]
    l0, l3 = rungs[0], rungs[-1]
    fixed = (l3["page_p50_ms"], l3["page_p95_ms"])
    return Report(
        started_at=started_at,
        seconds=round(time.perf_counter() - started, 1),
        iterations=iterations,
        machine=machine(),
        dataset=dataset(),
        load_before=load_before,
        load_after=os.getloadavg(),
        results=[s.summary(fixed) for s in series.values()],
        ladder=rungs,
        fixed_ratio_p50=round(l3["page_p50_ms"] / l0["page_p50_ms"], 2),
        fixed_ratio_p95=round(l3["page_p95_ms"] / l0["page_p95_ms"], 2),
    )


def _ms(value: float | None, width: int) -> str:
    return f"{value:>{width}.1f}" if value is not None else f"{'—':>{width}}"


def table(report: Report) -> str:
    head = (
        f"{'page':<13}{'p50 ms':>9}{'p95 ms':>9}{'floor p50':>11}{'floor p95':>11}"
        f"{'work p50':>10}{'work p95':>10}{'queries':>9}{'cpu p50':>9}{'target p95':>12}"
        "  verdict"
    )
    lines = [head, "-" * len(head)]
    for r in report.results:
        target = f"≤ {r['target_p95_ms']:.0f}" if r["target_p95_ms"] else "—"
        misses = []
        if not r["passes_time"]:
            misses.append("time")
        if not r["passes_ratio"]:
            misses.append("work")
        verdict = "pass" if not misses else "MISS (" + ", ".join(misses) + ")"
        if r["target_p95_ms"] is None and r["target_ratio"] is None:
            verdict = "(reference)"
        lines.append(
            f"{r['page']:<13}{r['page_p50_ms']:>9.1f}{r['page_p95_ms']:>9.1f}"
            f"{_ms(r['floor_p50_ms'], 11)}{_ms(r['floor_p95_ms'], 11)}"
            f"{_ms(r['work_ratio_p50'], 10)}{_ms(r['work_ratio_p95'], 10)}"
            f"{_queries(r):>9}{r['django_cpu_p50_ms']:>9.1f}{target:>12}  {verdict}"
        )
    lines.append(
        f"(work = (page - l3) / floor, target ≤ {TARGET_RATIO:g} at p50 and p95; queries = SQL "
        "statements per request; cpu = CPU time of the Django process per request, without "
        "the database)"
    )
    lines.append("")
    lines.append("cost ladder: what every signed-in page pays before its own work")
    for r in report.ladder:
        lines.append(
            f"{r['page']:<13}{r['page_p50_ms']:>9.1f}{r['page_p95_ms']:>9.1f}"
            f"{_queries(r):>9}{r['django_cpu_p50_ms']:>9.1f}  {r['description']}"
        )
    verdict = "pass" if report.passes_fixed else "MISS"
    lines.append(
        f"fixed cost l3 / l0: {report.fixed_ratio_p50:.2f} at p50, {report.fixed_ratio_p95:.2f} "
        f"at p95 (target ≤ {TARGET_FIXED_RATIO:g})  {verdict}"
    )
    return "\n".join(lines)


def _queries(r: dict[str, Any]) -> str:
    low, high = min(r["queries"]), max(r["queries"])
    return str(low) if low == high else f"{low}–{high}"


def save(report: Report, directory: Path, label: str = "") -> Path:
    """``bench-<stamp>[-label].json`` and ``latest[-label].json`` (a label names a second data
    set, e.g. the 10,000-case database the scale comparison reads)."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = report.started_at.replace(":", "").replace("-", "")
    suffix = f"-{label}" if label else ""
    path = directory / f"bench-{stamp}{suffix}.json"
    payload = json.dumps(asdict(report), indent=2, ensure_ascii=False)
    path.write_text(payload + "\n", encoding="utf-8")
    (directory / f"latest{suffix}.json").write_text(payload + "\n", encoding="utf-8")
    return path
