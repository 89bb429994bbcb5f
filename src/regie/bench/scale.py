"""``regie bench scale``: does a page slow down as the data grows? Issue 15 asks that the p50 of
the caseload, the case page and the search at 100,000 cases be at most 1.2 times their p50 at
10,000, both measured by ``regie bench run`` with the same settings (``make bench`` runs both)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGES = ("caseload", "case", "search")
TARGET_SCALE_RATIO = 1.2


@dataclass(frozen=True)
class Row:
    page: str
    small_p50: float
    large_p50: float

    @property
    def ratio(self) -> float:
        return self.large_p50 / self.small_p50

    @property
    def passes(self) -> bool:
        return self.ratio <= TARGET_SCALE_RATIO


@dataclass(frozen=True)
class Comparison:
    small_cases: int
    large_cases: int
    rows: list[Row]

    @property
    def passed(self) -> bool:
        return all(row.passes for row in self.rows)


def compare(small: dict[str, Any], large: dict[str, Any]) -> Comparison:
    """Compare two ``regie bench run`` results (the JSON of ``runner.save``)."""
    smaller = {r["page"]: r for r in small["results"]}
    larger = {r["page"]: r for r in large["results"]}
    missing = [page for page in PAGES if page not in smaller or page not in larger]
    if missing:
        raise ValueError(f"no figures for {', '.join(missing)} in both results")
    rows = [Row(page, smaller[page]["page_p50_ms"], larger[page]["page_p50_ms"]) for page in PAGES]
    return Comparison(small["dataset"]["cases"], large["dataset"]["cases"], rows)


def load(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(
            f"{path}: not found; run 'regie bench run' on that database first"
        ) from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not a bench result ({exc.msg})") from None
    return data


def table(comparison: Comparison) -> str:
    small, large = comparison.small_cases, comparison.large_cases
    head = f"{'page':<10}{f'p50 at {small:,}':>16}{f'p50 at {large:,}':>18}{'ratio':>8}  verdict"
    lines = [head, "-" * len(head)]
    for row in comparison.rows:
        verdict = "pass" if row.passes else "MISS"
        figures = f"{row.small_p50:>16.1f}{row.large_p50:>18.1f}{row.ratio:>8.2f}"
        lines.append(f"{row.page:<10}{figures}  {verdict}")
    lines.append(f"(target: p50 at {large:,} ÷ p50 at {small:,} ≤ {TARGET_SCALE_RATIO:g})")
    return "\n".join(lines)
