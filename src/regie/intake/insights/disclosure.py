"""Disclosure control for the shareable factsheet (issue 14): a table of counts in which no
small count can be read or calculated back.

Pure Python: no Django, no database. ``protect`` takes a two-way table of counts and a
threshold T and returns what may be shown: each cell, each row total, each column total and the
grand total is either its true number or hidden. The method (docs/informatiebeeld.md):

1. **The table with its margins.** The totals are treated as entries of the table like the
   cells: an (R+1) x (C+1) grid whose last row and column hold the totals. Each of its lines
   (a row or a column, totals included) is one linear equation an attacker knows.
2. **Primary suppression.** Every entry, total or cell, with 0 < n < T is hidden and shown as
   "<T". Zeros are shown: a zero says nothing about a person, and hiding them would hide the
   shape of the table. The price is that a "<T" entry is known to be 1..T-1; the checks below
   take that into account.
3. **Secondary suppression, first pass.** A line with exactly one hidden entry gives it away
   (the total minus the rest). In every such line the smallest non-zero shown entry is hidden
   too (marked "•"), until no line has a single hidden entry.
4. **Exact check.** Two hidden entries per line are not always enough (two "<5" cells with a
   known sum of 2 are both 1). For every hidden entry, ``pinned`` decides exactly whether the
   shown numbers, the equations and the bounds (1..T-1 for "<T", at least 0 for "•") leave it
   more than one value. While some entry is pinned, the smallest non-zero shown entry in a line
   through a pinned one (or, when those lines are hidden entirely, anywhere) is hidden as well.
   When nothing is left to hide and an entry is still pinned, the whole table is withheld.

Why the check is exact: with each total's sign flipped (cells +, row and column totals -, the
grand total +) every line of the grid sums to zero, so the solutions are the true table plus
a *circulation* on the bipartite graph of rows and columns whose edges are the hidden entries.
That system is totally unimodular: any other integer solution differs from the true one by a
sum of alternating cycles, each of which can be applied on its own by one step (it moves every
entry towards the other solution, so the bounds hold). A hidden entry therefore has a second
possible value exactly when one alternating cycle through it can step by ±1 within the bounds:
a directed path in a small graph (``_movable``). The property-based tests
(tests/intake/test_disclosure.py) attack every protected table with an independent search and
must find no hidden entry with a single possible value.

A table whose columns are periods is shared again with other periods: the factsheet of the last
four quarters, three months later, shares three columns with the one before. When the hidden
entries of a column depended on the other columns, two factsheets together could show a number
in one that the other hides, and the sum of its column would give away the small one.
``protect_by_column`` protects each column on its own (its cells and its total, as a table of
one column), so a column shows the same in every table that contains it; a row total is shown
only when every cell of the row is shown (it then follows from them and tells nothing new), the
grand total only when every column total is.

The threshold must be 1 (no suppression) or at least 3: with T = 2 and zeros shown, "<2" can
only mean 1 (``regie.settings`` refuses 2).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_THRESHOLD = 5


class Mark(StrEnum):
    SHOWN = "shown"
    # Below the threshold: shown as "<T".
    PRIMARY = "primary"
    # Hidden so that a primary entry cannot be calculated back: shown as "•".
    SECONDARY = "secondary"
    # The whole table is withheld.
    WITHHELD = "withheld"


SECONDARY_SIGN = "•"


@dataclass(frozen=True)
class Entry:
    """One number of the protected table: ``value`` is ``None`` when it is hidden."""

    value: int | None
    mark: Mark
    threshold: int

    @property
    def shown(self) -> bool:
        return self.mark == Mark.SHOWN

    @property
    def text(self) -> str:
        if self.mark == Mark.SHOWN:
            return str(self.value)
        if self.mark == Mark.PRIMARY:
            return f"<{self.threshold}"
        if self.mark == Mark.SECONDARY:
            return SECONDARY_SIGN
        return ""


@dataclass(frozen=True)
class ProtectedTable:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    threshold: int
    cells: tuple[tuple[Entry, ...], ...]
    row_totals: tuple[Entry, ...]
    column_totals: tuple[Entry, ...]
    total: Entry
    withheld: bool

    def grid(self) -> list[list[Entry]]:
        """The table with its margins: the last row and the last column are the totals."""
        lines = [[*self.cells[i], self.row_totals[i]] for i in range(len(self.rows))]
        lines.append([*self.column_totals, self.total])
        return lines

    @property
    def lines(self) -> list[tuple[str, tuple[Entry, ...], Entry]]:
        """Each row's label, cells and total, for a template."""
        return list(zip(self.rows, self.cells, self.row_totals, strict=True))

    @property
    def has_secondary(self) -> bool:
        return any(e.mark == Mark.SECONDARY for line in self.grid() for e in line)

    @property
    def has_primary(self) -> bool:
        return any(e.mark == Mark.PRIMARY for line in self.grid() for e in line)


Position = tuple[int, int]


def validate_threshold(threshold: int) -> int:
    if threshold < 1 or threshold == 2:
        raise ValueError(f"the threshold must be 1 or at least 3, got {threshold}")
    return threshold


def augmented(counts: Sequence[Sequence[int]], width: int) -> list[list[int]]:
    """``counts`` with a column of row totals and a row of column totals (grand total last);
    ``width`` is the number of columns (``counts`` may have no rows)."""
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[j] for row in grid) for j in range(width + 1)])
    return grid


def protect(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    threshold: int = DEFAULT_THRESHOLD,
) -> ProtectedTable:
    validate_threshold(threshold)
    if len(counts) != len(rows) or any(len(line) != len(columns) for line in counts):
        raise ValueError("counts must have one row per row label and one value per column")
    if any(n < 0 for line in counts for n in line):
        raise ValueError("counts must not be negative")
    grid = augmented(counts, len(columns))
    marks = suppress(grid, threshold)
    return _table(rows, columns, grid, marks, threshold)


def protect_by_column(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    threshold: int = DEFAULT_THRESHOLD,
) -> ProtectedTable:
    """Each column protected on its own (see the module docstring); totals across columns
    only where they follow from what is shown."""
    validate_threshold(threshold)
    if len(counts) != len(rows) or any(len(line) != len(columns) for line in counts):
        raise ValueError("counts must have one row per row label and one value per column")
    parts = [
        protect(rows, [column], [[line[j]] for line in counts], threshold)
        for j, column in enumerate(columns)
    ]
    hidden = Entry(None, Mark.SECONDARY, threshold)

    def column(part: ProtectedTable) -> tuple[list[Entry], Entry]:
        # A column that cannot be protected is hidden whole, zeros too.
        if part.withheld:
            return [hidden] * len(rows), hidden
        return [line[0] for line in part.cells], part.column_totals[0]

    made = [column(part) for part in parts]
    cells = tuple(tuple(made[j][0][i] for j in range(len(columns))) for i in range(len(rows)))

    def derived(entries: Sequence[Entry]) -> Entry:
        if all(e.shown for e in entries):
            return Entry(sum(e.value or 0 for e in entries), Mark.SHOWN, threshold)
        return hidden

    return ProtectedTable(
        rows=tuple(rows),
        columns=tuple(columns),
        threshold=threshold,
        cells=cells,
        row_totals=tuple(derived(line) for line in cells),
        column_totals=tuple(total for _cells, total in made),
        total=derived([total for _cells, total in made]),
        withheld=False,
    )


def suppress(grid: list[list[int]], threshold: int) -> list[list[Mark]] | None:
    """The mark of every entry of the augmented ``grid``; ``None`` when the table cannot be
    shown at all."""
    marks = [[Mark.PRIMARY if 0 < n < threshold else Mark.SHOWN for n in line] for line in grid]
    _pair_lines(grid, marks)
    while True:
        stuck = pinned(grid, marks, threshold)
        if not stuck:
            return marks
        near = {p for i, j in stuck for p in _line_positions(grid, i, j)}
        choice = _smallest_shown(grid, marks, near) or _smallest_shown(
            grid, marks, _all_positions(grid)
        )
        if choice is None:
            return None
        marks[choice[0]][choice[1]] = Mark.SECONDARY


def _all_positions(grid: list[list[int]]) -> list[Position]:
    return [(i, j) for i in range(len(grid)) for j in range(len(grid[0]))]


def _line_positions(grid: list[list[int]], i: int, j: int) -> list[Position]:
    return [(i, k) for k in range(len(grid[0]))] + [(k, j) for k in range(len(grid))]


def _lines(grid: list[list[int]]) -> Iterable[list[Position]]:
    for i in range(len(grid)):
        yield [(i, j) for j in range(len(grid[0]))]
    for j in range(len(grid[0])):
        yield [(i, j) for i in range(len(grid))]


def _smallest_shown(
    grid: list[list[int]], marks: list[list[Mark]], positions: Iterable[Position]
) -> Position | None:
    # A zero is never hidden as a partner: it is shown everywhere else, so hiding it would
    # only say that this one zero is special.
    candidates = [p for p in positions if marks[p[0]][p[1]] == Mark.SHOWN and grid[p[0]][p[1]]]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (grid[p[0]][p[1]], p))


def _pair_lines(grid: list[list[int]], marks: list[list[Mark]]) -> None:
    changed = True
    while changed:
        changed = False
        for line in _lines(grid):
            hidden = [p for p in line if marks[p[0]][p[1]] != Mark.SHOWN]
            if len(hidden) != 1:
                continue
            partner = _smallest_shown(grid, marks, line)
            # A single hidden entry always has a non-zero partner: the line's total (or,
            # for a hidden total, a non-zero cell), and the exact check follows anyway.
            if partner is not None:
                marks[partner[0]][partner[1]] = Mark.SECONDARY
                changed = True


def _sign(grid: list[list[int]], i: int, j: int) -> int:
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    return -1 if (i == last_row) != (j == last_column) else 1


def _bounds(mark: Mark, threshold: int) -> tuple[int, int | None]:
    return (1, threshold - 1) if mark == Mark.PRIMARY else (0, None)


def pinned(grid: list[list[int]], marks: list[list[Mark]], threshold: int) -> list[Position]:
    """The hidden entries whose value follows from what is shown (see the module docstring)."""
    # Nodes: ("r", i) for rows, ("c", j) for columns. An arc row -> column: the entry may grow
    # (in the signed grid); column -> row: it may shrink.
    arcs: dict[tuple[str, int], set[tuple[str, int]]] = {}
    hidden: list[Position] = []
    up: set[Position] = set()
    down: set[Position] = set()
    for i, line in enumerate(grid):
        for j, value in enumerate(line):
            mark = marks[i][j]
            if mark == Mark.SHOWN:
                continue
            hidden.append((i, j))
            low, high = _bounds(mark, threshold)
            can_rise = high is None or value < high
            can_fall = value > low
            if _sign(grid, i, j) < 0:
                can_rise, can_fall = can_fall, can_rise
            if can_rise:
                up.add((i, j))
                arcs.setdefault(("r", i), set()).add(("c", j))
            if can_fall:
                down.add((i, j))
                arcs.setdefault(("c", j), set()).add(("r", i))
    return [
        (i, j)
        for i, j in hidden
        if not (
            ((i, j) in up and _reaches(arcs, ("c", j), ("r", i)))
            or ((i, j) in down and _reaches(arcs, ("r", i), ("c", j)))
        )
    ]


def _reaches(
    arcs: dict[tuple[str, int], set[tuple[str, int]]],
    start: tuple[str, int],
    goal: tuple[str, int],
) -> bool:
    """A path from ``start`` to ``goal`` other than the direct arc between them (that arc is
    the entry itself: stepping it up and down again changes nothing)."""
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in arcs.get(node, ()):
            if node == start and nxt == goal:
                continue
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _table(
    rows: Sequence[str],
    columns: Sequence[str],
    grid: list[list[int]],
    marks: list[list[Mark]] | None,
    threshold: int,
) -> ProtectedTable:
    def entry(i: int, j: int) -> Entry:
        if marks is None:
            return Entry(None, Mark.WITHHELD, threshold)
        mark = marks[i][j]
        return Entry(grid[i][j] if mark == Mark.SHOWN else None, mark, threshold)

    last_row, last_column = len(rows), len(columns)
    return ProtectedTable(
        rows=tuple(rows),
        columns=tuple(columns),
        threshold=threshold,
        cells=tuple(tuple(entry(i, j) for j in range(last_column)) for i in range(last_row)),
        row_totals=tuple(entry(i, last_column) for i in range(last_row)),
        column_totals=tuple(entry(last_row, j) for j in range(last_column)),
        total=entry(last_row, last_column),
        withheld=marks is None,
    )
