"""``regie bench oracle``: the verdict and its refusal outside PostgreSQL (docs/performance.md)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.bench.oracle import OracleReport, table


def report(paired: float) -> OracleReport:
    return OracleReport(
        started_at="2026-12-01T00:00:00+00:00",
        seconds=1.0,
        pairs=250,
        machine={},
        dataset={},
        load_before=(0.0, 0.0, 0.0),
        load_after=(0.0, 0.0, 0.0),
        hidden_p50_ms=10.0,
        missing_p50_ms=10.0,
        hidden_p95_ms=12.0,
        missing_p95_ms=12.0,
        median_paired_difference_ms=paired,
        difference_of_medians_ms=paired,
        target_ms=1.0,
        hidden_samples_ms=[],
        missing_samples_ms=[],
    )


@pytest.mark.parametrize(
    ("paired", "passed"), [(0.2, True), (-0.9, True), (1.0, False), (-2.5, False)]
)
def test_the_verdict_is_the_size_of_the_median_paired_difference(
    paired: float, passed: bool
) -> None:
    assert report(paired).passed is passed
    assert table(report(paired)).endswith("pass" if passed else "MISS")


@pytest.mark.django_db
def test_refuses_without_bench_data_with_one_line() -> None:
    # SQLite: not the database it measures; PostgreSQL's test database: no generated cases.
    with pytest.raises(CommandError, match=r"measures PostgreSQL|no bench data") as failure:
        call_command("bench", "oracle", stdout=io.StringIO())
    assert failure.value.returncode == 1
