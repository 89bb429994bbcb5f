"""``regie bench run`` with the cost ladder, and ``regie bench scale`` (issue 15's decision on the
page-cost target: a page's own work against its floor, the fixed cost against l0)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import Resolver404, resolve

from regie.bench import ladder, scale
from regie.bench.measure import TARGET_RATIO
from regie.cases import defaults


def result(page: str, p50: float) -> dict[str, Any]:
    return {"page": page, "page_p50_ms": p50}


def report(cases: int, caseload: float, case: float, search: float) -> dict[str, Any]:
    pages = [result("caseload", caseload), result("case", case), result("search", search)]
    return {"dataset": {"cases": cases}, "results": pages}


def test_scale_passes_at_most_1_2_times_the_small_p50() -> None:
    comparison = scale.compare(report(10_000, 40, 90, 70), report(100_000, 48, 90, 60))
    assert comparison.passed
    assert [round(row.ratio, 2) for row in comparison.rows] == [1.2, 1.0, 0.86]


def test_scale_misses_when_one_page_grows_more() -> None:
    comparison = scale.compare(report(10_000, 40, 90, 70), report(100_000, 48.1, 90, 60))
    assert not comparison.passed
    assert "MISS" in scale.table(comparison)


def test_scale_command_says_what_is_missing_with_exit_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not found") as raised:
        call_command("bench", "scale", "--small", str(tmp_path / "none.json"))
    assert raised.value.returncode == 2


def test_scale_command_check_exits_1_on_a_miss(tmp_path: Path) -> None:
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small.write_text(json.dumps(report(10_000, 40, 90, 70)))
    large.write_text(json.dumps(report(100_000, 60, 90, 70)))
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "bench", "scale", "--small", str(small), "--large", str(large), "--check", stdout=out
        )
    assert raised.value.returncode == 1
    assert "caseload" in out.getvalue()


def test_the_ladder_is_not_in_the_product() -> None:
    with pytest.raises(Resolver404):
        resolve(ladder.url("l0"))


@pytest.mark.django_db(transaction=True)
def test_run_reads_each_page_against_the_ladder(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark measures PostgreSQL")
    defaults.load(apps.get_model)
    call_command(
        "bench",
        "generate",
        "--cases",
        "40",
        "--chunk",
        "20",
        "--i-know-this-is-not-production",
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command(
        "bench",
        "run",
        "--iterations",
        "3",
        "--warmup",
        "1",
        "--output",
        str(tmp_path),
        "--label",
        "small",
        stdout=out,
    )
    text = out.getvalue()
    assert "cost ladder" in text
    assert "fixed cost l3 / l0" in text
    data = json.loads((tmp_path / "latest-small.json").read_text())
    steps = {row["page"]: row for row in data["ladder"]}
    assert list(steps) == ["l0", "l1", "l2", "l3"]
    # Each step does more than the one before: more statements (policy, audit) or a template.
    queries = [max(steps[s]["queries"]) for s in ("l0", "l1", "l2")]
    assert queries == sorted(queries)
    assert queries[0] < queries[2]
    l0, l3 = steps["l0"], steps["l3"]
    assert data["fixed_ratio_p50"] == round(l3["page_p50_ms"] / l0["page_p50_ms"], 2)
    assert data["fixed_ratio_p95"] == round(l3["page_p95_ms"] / l0["page_p95_ms"], 2)
    pages = {row["page"]: row for row in data["results"]}
    assert {"caseload", "overview", "case", "search", "meeting"} <= set(pages)
    for name in ("caseload", "overview", "case", "search", "meeting"):
        row = pages[name]
        work = (row["page_p50_ms"] - l3["page_p50_ms"]) / row["floor_p50_ms"]
        assert row["work_ratio_p50"] == pytest.approx(work, rel=0.02)
        assert row["target_ratio"] == TARGET_RATIO
        assert row["passes_ratio"] == (
            row["work_ratio_p50"] <= TARGET_RATIO and row["work_ratio_p95"] <= TARGET_RATIO
        )
