"""The factsheet's disclosure control (``intake.insights.disclosure``) against an attacker.

The attacker here shares no code with the protection: it reads only what the factsheet shows
(the texts "12", "<5", "•" of every cell and total, and the threshold) and searches, by bound
propagation and bisection, for a second table that shows the same. For every hidden number it
must find one with a different value there; one hidden number with a single possible value is
a disclosure and fails the test.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from regie.intake.insights.disclosure import (
    Entry,
    Mark,
    ProtectedTable,
    protect,
    protect_by_column,
    validate_threshold,
)

# What the attacker assumes about a "•": some number, not more than this (far above any total
# the tests generate, so it never decides anything).
CEILING = 10_000

Bounds = list[tuple[int, int]]
Equation = tuple[list[int], list[int]]  # indices of the + terms and of the - terms (sum 0)


def observe(table: ProtectedTable) -> tuple[Bounds, list[Equation]]:
    """What an outsider knows: every entry's range from its text, and the sums of the table."""
    grid = [[e.text for e in line] for line in table.grid()]
    height, width = len(grid), len(grid[0])
    bounds: Bounds = []
    for line in grid:
        for text in line:
            if text.startswith("<"):
                bounds.append((1, int(text[1:]) - 1))
            elif text in ("•", ""):  # hidden, or the whole table withheld
                bounds.append((0, CEILING))
            else:
                bounds.append((int(text), int(text)))

    def at(i: int, j: int) -> int:
        return i * width + j

    equations: list[Equation] = []
    for i in range(height):  # every row's cells add up to its total (the totals row too)
        equations.append(([at(i, j) for j in range(width - 1)], [at(i, width - 1)]))
    for j in range(width):
        equations.append(([at(i, j) for i in range(height - 1)], [at(height - 1, j)]))
    return bounds, equations


def _propagate(bounds: Bounds, equations: list[Equation]) -> Bounds | None:
    bounds = list(bounds)
    for _ in range(200):
        changed = False
        for plus, minus in equations:
            # sum(plus) - sum(minus) = 0: each term lies between what the others allow.
            low = sum(bounds[k][0] for k in plus) - sum(bounds[k][1] for k in minus)
            high = sum(bounds[k][1] for k in plus) - sum(bounds[k][0] for k in minus)
            for k in plus:
                lo, hi = bounds[k]
                new = (max(lo, hi - high), min(hi, lo - low))
                if new != (lo, hi):
                    bounds[k], changed = new, True
            for k in minus:
                lo, hi = bounds[k]
                new = (max(lo, low + hi), min(hi, high + lo))
                if new != (lo, hi):
                    bounds[k], changed = new, True
            if any(lo > hi for lo, hi in bounds):
                return None
        if not changed:
            break
    return bounds


def feasible(bounds: Bounds, equations: list[Equation]) -> bool:
    narrowed = _propagate(bounds, equations)
    if narrowed is None:
        return False
    open_ = [k for k, (lo, hi) in enumerate(narrowed) if lo < hi]
    if not open_:
        return all(
            sum(narrowed[k][0] for k in plus) == sum(narrowed[k][0] for k in minus)
            for plus, minus in equations
        )
    k = min(open_, key=lambda k: narrowed[k][1] - narrowed[k][0])
    lo, hi = narrowed[k]
    middle = (lo + hi) // 2
    below, above = list(narrowed), list(narrowed)
    below[k], above[k] = (lo, middle), (middle + 1, hi)
    return feasible(below, equations) or feasible(above, equations)


def recovered(table: ProtectedTable, truth: list[list[int]]) -> list[tuple[int, int, int]]:
    """The hidden entries the attacker pins down: (row, column, value)."""
    bounds, equations = observe(table)
    width = len(truth[0])
    found = []
    for k, (lo, hi) in enumerate(bounds):
        if lo == hi and table.grid()[k // width][k % width].shown:
            continue
        value = truth[k // width][k % width]
        other = []
        if lo <= value - 1:
            other.append((lo, value - 1))
        if value + 1 <= hi:
            other.append((value + 1, hi))
        if not any(feasible([*bounds[:k], r, *bounds[k + 1 :]], equations) for r in other):
            found.append((k // width, k % width, value))
    return found


def with_margins(counts: list[list[int]]) -> list[list[int]]:
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[j] for row in grid) for j in range(len(counts[0]) + 1)])
    return grid


def labels(n: int, prefix: str) -> list[str]:
    return [f"{prefix}{k}" for k in range(n)]


# Mostly small counts: the interesting tables have many cells under the threshold.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 30))


@st.composite
def tables(draw: st.DrawFn, max_rows: int = 9, max_columns: int = 8) -> list[list[int]]:
    height = draw(st.integers(1, max_rows))
    width = draw(st.integers(1, max_columns))
    return draw(
        st.lists(st.lists(COUNT, min_size=width, max_size=width), min_size=height, max_size=height)
    )


THRESHOLDS = st.sampled_from([3, 4, 5, 5, 5, 10])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=tables(), threshold=THRESHOLDS)
@example(counts=[[1, 1]], threshold=3)
@example(counts=[[1, 1, 1, 1], [20, 20, 20, 20]], threshold=5)
@example(counts=[[1, 1], [1, 1]], threshold=5)
@example(counts=[[4, 30], [1, 0]], threshold=5)
def test_no_hidden_number_can_be_calculated_back(counts: list[list[int]], threshold: int) -> None:
    table = protect(labels(len(counts), "r"), labels(len(counts[0]), "c"), counts, threshold)
    assert recovered(table, with_margins(counts)) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=tables(), threshold=THRESHOLDS)
@example(counts=[[1], [1]], threshold=3)
@example(counts=[[0, 3], [9, 12], [6, 0]], threshold=5)
def test_quarter_by_quarter_nothing_can_be_calculated_back(
    counts: list[list[int]], threshold: int
) -> None:
    table = protect_by_column(
        labels(len(counts), "r"), labels(len(counts[0]), "c"), counts, threshold
    )
    assert recovered(table, with_margins(counts)) == []
    _shown_is_true_and_never_small(table, counts, threshold)


@settings(max_examples=100, deadline=None)
@given(counts=tables(), threshold=THRESHOLDS, data=st.data())
def test_a_quarter_shows_the_same_in_every_period(
    counts: list[list[int]], threshold: int, data: st.DataObject
) -> None:
    """Two factsheets of overlapping periods: their shared quarters read the same, so together
    they show nothing either does not."""
    width = len(counts[0])
    start = data.draw(st.integers(0, width - 1))
    end = data.draw(st.integers(start + 1, width))
    rows = labels(len(counts), "r")
    whole = protect_by_column(rows, labels(width, "c"), counts, threshold)
    part = protect_by_column(
        rows, labels(width, "c")[start:end], [line[start:end] for line in counts], threshold
    )
    for j in range(start, end):
        assert [line[j].text for line in whole.cells] == [
            line[j - start].text for line in part.cells
        ]
        assert whole.column_totals[j].text == part.column_totals[j - start].text


@settings(max_examples=300, deadline=None)
@given(counts=tables(), threshold=THRESHOLDS)
def test_what_is_shown_is_true_and_never_small(counts: list[list[int]], threshold: int) -> None:
    table = protect(labels(len(counts), "r"), labels(len(counts[0]), "c"), counts, threshold)
    _shown_is_true_and_never_small(table, counts, threshold)


def _shown_is_true_and_never_small(
    table: ProtectedTable, counts: list[list[int]], threshold: int
) -> None:
    truth = with_margins(counts)
    for line, true_line in zip(table.grid(), truth, strict=True):
        for entry, value in zip(line, true_line, strict=True):
            if entry.shown:
                assert entry.value == value
                assert entry.text == str(value)
                assert not 0 < value < threshold
            else:
                assert entry.value is None
                assert str(value) not in {entry.text}
            if 0 < value < threshold:
                assert not entry.shown


def test_a_known_table() -> None:
    table = protect(
        ["Noord", "Oost", "onbekend"],
        ["2026-K1", "2026-K2", "2026-K3"],
        [[1, 10, 12], [7, 8, 20], [0, 3, 9]],
    )
    assert [[e.text for e in line] for line in table.grid()] == [
        ["<5", "•", "•", "23"],
        ["•", "•", "20", "35"],
        ["0", "<5", "•", "12"],
        ["8", "21", "41", "70"],
    ]
    assert not table.withheld
    assert table.has_primary
    assert table.has_secondary


def test_nothing_small_no_suppression() -> None:
    table = protect(["a", "b"], ["x", "y"], [[0, 5], [12, 0]])
    assert [[e.text for e in line] for line in table.grid()] == [
        ["0", "5", "5"],
        ["12", "0", "12"],
        ["12", "5", "17"],
    ]
    assert not table.has_primary


def test_a_table_that_cannot_be_protected_is_withheld() -> None:
    # Four stadsdelen with one signal each, and their total "<5": each one is 1, whatever else
    # is hidden.
    table = protect(["a", "b"], list("wxyz"), [[1, 1, 1, 1], [20, 20, 20, 20]], 5)
    assert table.withheld
    assert all(e.text == "" and e.value is None for line in table.grid() for e in line)


def test_a_table_without_rows() -> None:
    """An installation without themes: the table is its totals row, all zeros."""
    for protected in (protect([], ["x", "y"], []), protect_by_column([], ["x", "y"], [])):
        assert [[e.text for e in line] for line in protected.grid()] == [["0", "0", "0"]]


def test_threshold_one_shows_everything() -> None:
    table = protect(["a"], ["x", "y"], [[1, 2]], 1)
    assert [[e.text for e in line] for line in table.grid()] == [["1", "2", "3"], ["1", "2", "3"]]


@pytest.mark.parametrize("threshold", [0, 2, -5])
def test_thresholds_that_protect_nothing_are_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="threshold"):
        validate_threshold(threshold)


def test_the_attacker_does_find_a_lone_hidden_cell() -> None:
    """The attacker is not toothless: a hand-made table with a single hidden cell per line."""
    table = protect(["a", "b"], ["x", "y"], [[1, 9], [9, 9]], 5)
    naive = ProtectedTable(
        rows=table.rows,
        columns=table.columns,
        threshold=5,
        cells=((table.cells[0][0], _shown(9)), (_shown(9), _shown(9))),
        row_totals=(_shown(10), _shown(18)),
        column_totals=(_shown(10), _shown(18)),
        total=_shown(28),
        withheld=False,
    )
    assert recovered(naive, with_margins([[1, 9], [9, 9]])) == [(0, 0, 1)]


def _shown(value: int) -> Entry:
    return Entry(value, Mark.SHOWN, 5)
