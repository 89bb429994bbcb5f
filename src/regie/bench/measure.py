"""How ``regie bench run`` and ``regie bench oracle`` measure: signed-in clients that passed the
second factor, the timed request (wall and CPU time), the timed floor, the query count, the
nearest-rank percentiles, and what the machine and the data set were while measuring."""

from __future__ import annotations

import math
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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
from regie.cases.models import Case, JournalEntry, Person, TimelineEvent, ZrmScore

# Targets from the issue's quality bar (milliseconds, p95), and issue 15's decision on the page
# cost: a page's own work, (page - l3) / floor, at most 5 at p50 and at p95; the fixed cost of
# every signed-in page, l3 / l0 of the cost ladder (bench/ladder.py), at most 2.5.
TARGETS_MS = {"caseload": 150.0, "case": 150.0, "search": 250.0, "meeting_edit": 300.0}
TARGET_RATIO = 5.0
TARGET_FIXED_RATIO = 2.5


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

    def summary(self, fixed: tuple[float, float] | None = None) -> dict[str, Any]:
        """The figures of this page; ``fixed`` is the ladder's l3 (p50, p95), the cost every
        signed-in page pays before its own work, which the work ratio leaves out."""
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
            "work_ratio_p50": None,
            "work_ratio_p95": None,
            "queries": sorted(set(self.queries)),
            "floor_statements": self.floor_statements,
            "target_p95_ms": self.target_p95_ms,
            "target_ratio": None,
            "passes_time": passes_time,
            "passes_ratio": True,
        }
        if self.floor_statements:
            floor50, floor95 = percentile(self.floor_ms, 50), percentile(self.floor_ms, 95)
            result.update(
                floor_p50_ms=round(floor50, 2),
                floor_p95_ms=round(floor95, 2),
                ratio_p50=round(page50 / floor50, 2),
                ratio_p95=round(page95 / floor95, 2),
            )
            if fixed is None:
                raise ValueError(f"{self.page}: a page with a floor is read against the ladder")
            work50, work95 = (page50 - fixed[0]) / floor50, (page95 - fixed[1]) / floor95
            result.update(
                work_ratio_p50=round(work50, 2),
                work_ratio_p95=round(work95, 2),
                target_ratio=TARGET_RATIO,
                passes_ratio=work50 <= TARGET_RATIO and work95 <= TARGET_RATIO,
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


def bench_host() -> str:
    """The host name the test clients send: the first literal one of ``ALLOWED_HOSTS``."""
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


def wait_for_quiet(max_load: float, timeout: float, progress: Callable[[str], None] | None) -> None:
    """Wait (up to ``timeout`` seconds) until the 1-minute load average is below ``max_load``:
    on a shared machine other work distorts the figures, the p95 most of all."""
    deadline = time.monotonic() + timeout
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        if progress is not None:
            progress(f"  waiting for a quiet machine (load {os.getloadavg()[0]:.2f})")
        time.sleep(15)
