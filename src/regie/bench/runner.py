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
import math
import os
import platform
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import User
from regie.bench.generator import TEAMLEIDER, USER_PREFIX, normalise
from regie.bench.meeting import bench_meeting
from regie.cases.models import Case, JournalEntry, Person, TimelineEvent, ZrmScore

OPEN = ("aanmelding", "instroom", "regie", "nazorg")

# Targets from the quality bar (milliseconds, p95; ratio page/floor).
TARGETS_MS = {"caseload": 150.0, "case": 150.0, "search": 250.0, "meeting_edit": 300.0}
TARGET_RATIO = 5.0

# --- The floors --------------------------------------------------------------------------
# Plain SQL for the rows each page shows. The open phases are written as a literal list, as
# the ORM writes them.

FLOOR_CASELOAD = [
    """SELECT c.id, c.number, c.phase, c.phase_since, c.next_review_on,
              p.first_name, p.last_name, a.name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation a ON a.id = c.area_id
       WHERE c.regisseur_id = %(user)s
         AND c.phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')
       ORDER BY COALESCE(c.next_review_on, DATE '9999-12-31'), c.id
       LIMIT 26"""
]
FLOOR_OVERVIEW = [
    # Both count tables (per regisseur and per district) come out of one pass.
    """SELECT c.regisseur_id, c.area_id, c.phase, count(*) FROM cases_case c
       WHERE c.phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')
       GROUP BY c.regisseur_id, c.area_id, c.phase""",
    """SELECT c.id, c.number, c.phase, c.phase_since, c.next_review_on,
              p.first_name, p.last_name, a.name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation a ON a.id = c.area_id
       WHERE c.regisseur_id IS NULL
         AND c.phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')
       ORDER BY c.number, c.id
       LIMIT 26""",
]
FLOOR_CASE = [
    """SELECT c.*, p.first_name, p.last_name, p.date_of_birth, p.bsn, pa.name, t.name,
              a.name, u.first_name, u.last_name, r.name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation pa ON pa.id = p.area_id
       JOIN cases_theme t ON t.id = c.theme_id
       JOIN organisations_organisation a ON a.id = c.area_id
       LEFT JOIN accounts_user u ON u.id = c.regisseur_id
       LEFT JOIN cases_closingreason r ON r.id = c.closing_reason_id
       WHERE c.number = %(number)s""",
    """SELECT e.*, u.first_name, u.last_name FROM cases_timelineevent e
       LEFT JOIN accounts_user u ON u.id = e.actor_id
       WHERE e.case_id = %(case)s ORDER BY e.at DESC, e.id DESC LIMIT 26""",
    """SELECT j.*, u.first_name, u.last_name, k.name FROM cases_journalentry j
       JOIN accounts_user u ON u.id = j.author_id
       JOIN cases_journalcategory k ON k.id = j.category_id
       WHERE j.case_id = %(case)s ORDER BY j.occurred_on DESC, j.id DESC LIMIT 26""",
    """SELECT t.*, u.first_name, u.last_name FROM cases_task t
       JOIN accounts_user u ON u.id = t.assignee_id
       WHERE t.case_id = %(case)s ORDER BY t.done_on, t.due_on, t.id""",
    """SELECT z.id, z.assessed_on, z.note, u.first_name, u.last_name, d.name, s.score
       FROM cases_zrmassessment z
       JOIN accounts_user u ON u.id = z.assessor_id
       LEFT JOIN cases_zrmscore s ON s.assessment_id = z.id
       LEFT JOIN cases_lifedomain d ON d.id = s.domain_id
       WHERE z.case_id = %(case)s ORDER BY z.assessed_on, z.id, d."order" """,
]
_SEARCH = """SELECT c.id, c.number, c.phase, c.phase_since, c.next_review_on,
              p.first_name, p.last_name, a.name, ru.first_name, ru.last_name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation a ON a.id = c.area_id
       LEFT JOIN accounts_user ru ON ru.id = c.regisseur_id
       WHERE {where}
       ORDER BY p.last_name, p.first_name, c.id
       LIMIT 50"""


def floor_search(parts: int) -> list[str]:
    """One ``LIKE '%part%'`` per word, as the search does (served by the trigram index)."""
    where = " AND ".join(f"p.search_name LIKE %(like{i})s" for i in range(parts))
    return [_SEARCH.format(where=where)]


def like(part: str) -> str:
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --- Measuring ---------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Series:
    page: str
    description: str
    floor_description: str
    page_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    floor_statements: int = 0
    target_p95_ms: float | None = None

    def summary(self) -> dict[str, Any]:
        page50, page95 = percentile(self.page_ms, 50), percentile(self.page_ms, 95)
        passes_time = self.target_p95_ms is None or page95 <= self.target_p95_ms
        result: dict[str, Any] = {
            "page": self.page,
            "description": self.description,
            "floor": self.floor_description,
            "samples": len(self.page_ms),
            "page_p50_ms": round(page50, 2),
            "page_p95_ms": round(page95, 2),
            "page_max_ms": round(max(self.page_ms), 2),
            "django_cpu_p50_ms": round(percentile(self.cpu_ms, 50), 2),
            "page_samples_ms": [round(v, 2) for v in self.page_ms],
            "floor_samples_ms": [round(v, 2) for v in self.floor_ms],
            "floor_p50_ms": None,
            "floor_p95_ms": None,
            "ratio_p50": None,
            "ratio_p95": None,
            "queries": sorted(set(self.queries)),
            "floor_statements": self.floor_statements,
            "target_p95_ms": self.target_p95_ms,
            "target_ratio": None,
            "passes_time": passes_time,
            "passes_ratio": True,
        }
        if self.floor_statements:
            floor50, floor95 = percentile(self.floor_ms, 50), percentile(self.floor_ms, 95)
            ratio50, ratio95 = page50 / floor50, page95 / floor95
            result.update(
                floor_p50_ms=round(floor50, 2),
                floor_p95_ms=round(floor95, 2),
                ratio_p50=round(ratio50, 2),
                ratio_p95=round(ratio95, 2),
                target_ratio=TARGET_RATIO,
                passes_ratio=ratio50 <= TARGET_RATIO and ratio95 <= TARGET_RATIO,
            )
        return result


class BenchError(Exception):
    pass


def verified_client(user: User, host: str, headers: dict[str, str] | None = None) -> Client:
    """A client whose session passed password and second factor (as tests/conftest.py does);
    ``headers`` go with every request (e.g. ``HX-Request``)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client(headers=headers, SERVER_NAME=host)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return str(host)
    return "localhost"


def _request(client: Client, url: str, data: dict[str, str] | None) -> None:
    """GET, or POST ``data`` (the search form posts: names never go into URLs)."""
    send = client.get if data is None else partial(client.post, data=data)
    response = send(url, secure=True)
    if response.status_code != 200:
        method = "GET" if data is None else "POST"
        raise BenchError(f"{method} {url} answered {response.status_code}, not 200")


def timed_get(client: Client, url: str, data: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time of the request and the CPU time this (Django) process spent on it, in ms."""
    cpu = time.process_time()
    started = time.perf_counter()
    _request(client, url, data)
    elapsed = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    return elapsed, cpu_ms


def count_queries(client: Client, url: str, data: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        _request(client, url, data)
    return len(captured.captured_queries)


def timed_floor(statements: list[str], params: dict[str, Any]) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


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


def dataset() -> dict[str, int]:
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for label, model in (
            ("cases", Case),
            ("persons", Person),
            ("journal entries", JournalEntry),
            ("ZRM scores", ZrmScore),
            ("timeline events", TimelineEvent),
        ):
            cursor.execute(f"SELECT count(*) FROM {model._meta.db_table}")  # noqa: S608
            counts[label] = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM audit_auditevent")
        counts["audit events"] = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT count(*) FROM cases_case WHERE regisseur_id IS NOT NULL "
            "AND phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')"
        )
        counts["open assigned cases"] = int(cursor.fetchone()[0])
    return counts


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "database": connection.vendor,
        "debug": settings.DEBUG,
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "random_page_cost"):
                cursor.execute(f"SHOW {name}")
                info[name] = cursor.fetchone()[0]
    return info


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

    @property
    def passed(self) -> bool:
        return all(r["passes_time"] and r["passes_ratio"] for r in self.results)


def wait_for_quiet(max_load: float, timeout: float, progress: Callable[[str], None] | None) -> None:
    """Wait (up to ``timeout`` seconds) until the 1-minute load average is below ``max_load``:
    on a shared machine other work distorts the figures, the p95 most of all."""
    deadline = time.monotonic() + timeout
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        if progress is not None:
            progress(f"  waiting for a quiet machine (load {os.getloadavg()[0]:.2f})")
        time.sleep(15)


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
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    load_before = os.getloadavg()
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    subject = subjects(rng, iterations + warmup)
    host = _host()
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
    series["caseload"].floor_statements = len(FLOOR_CASELOAD)
    series["overview"].floor_statements = len(FLOOR_OVERVIEW)
    series["case"].floor_statements = len(FLOOR_CASE)
    series["search"].floor_statements = 1

    Step = tuple[str, Client, str, dict[str, str] | None, list[str], dict[str, Any]]
    editing = bench_meeting(subject.teamleider)
    editor = verified_client(subject.teamleider, host, {"HX-Request": "true"})

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
    return Report(
        started_at=started_at,
        seconds=round(time.perf_counter() - started, 1),
        iterations=iterations,
        machine=machine(),
        dataset=dataset(),
        load_before=load_before,
        load_after=os.getloadavg(),
        results=[s.summary() for s in series.values()],
    )


def _ms(value: float | None, width: int) -> str:
    return f"{value:>{width}.1f}" if value is not None else f"{'—':>{width}}"


def table(report: Report) -> str:
    head = (
        f"{'page':<13}{'p50 ms':>9}{'p95 ms':>9}{'floor p50':>11}{'floor p95':>11}"
        f"{'ratio p50':>11}{'ratio p95':>11}{'queries':>9}{'cpu p50':>9}{'target p95':>12}"
        "  verdict"
    )
    lines = [head, "-" * len(head)]
    for r in report.results:
        target = f"≤ {r['target_p95_ms']:.0f}" if r["target_p95_ms"] else "—"
        misses = []
        if not r["passes_time"]:
            misses.append("time")
        if not r["passes_ratio"]:
            misses.append("ratio")
        verdict = "pass" if not misses else "MISS (" + ", ".join(misses) + ")"
        if r["target_p95_ms"] is None and r["target_ratio"] is None:
            verdict = "(reference)"
        low, high = min(r["queries"]), max(r["queries"])
        queries = str(low) if low == high else f"{low}–{high}"
        lines.append(
            f"{r['page']:<13}{r['page_p50_ms']:>9.1f}{r['page_p95_ms']:>9.1f}"
            f"{_ms(r['floor_p50_ms'], 11)}{_ms(r['floor_p95_ms'], 11)}"
            f"{_ms(r['ratio_p50'], 11)}{_ms(r['ratio_p95'], 11)}"
            f"{queries:>9}{r['django_cpu_p50_ms']:>9.1f}{target:>12}  {verdict}"
        )
    lines.append(
        f"(ratio target ≤ {TARGET_RATIO:g} at p50 and p95; queries = SQL statements per "
        "request; cpu = CPU time of the Django process per request, without the database)"
    )
    return "\n".join(lines)


def save(report: Report, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = report.started_at.replace(":", "").replace("-", "")
    path = directory / f"bench-{stamp}.json"
    payload = json.dumps(asdict(report), indent=2, ensure_ascii=False)
    path.write_text(payload + "\n", encoding="utf-8")
    (directory / "latest.json").write_text(payload + "\n", encoding="utf-8")
    return path
