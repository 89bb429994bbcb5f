"""Meetings stays a package of components: no Python file outside migrations passes 500 lines
(issue 12.1)."""

from __future__ import annotations

from pathlib import Path

import regie.meetings

LIMIT = 500
ROOT = Path(regie.meetings.__file__).resolve().parent


def too_long(root: Path, limit: int = LIMIT) -> list[str]:
    return sorted(
        f"{path.relative_to(root)}: {count} lines"
        for path in root.rglob("*.py")
        if "migrations" not in path.relative_to(root).parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > limit
    )


def test_no_meetings_module_passes_500_lines() -> None:
    assert too_long(ROOT) == []


def test_the_check_finds_a_long_file(tmp_path: Path) -> None:
    (tmp_path / "long.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001_initial.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT)
    assert too_long(tmp_path) == [f"long.py: {LIMIT + 1} lines"]
