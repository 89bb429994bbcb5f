"""The informatiebeeld's period and charts are pure: they import nothing from Django (nor
anything of Regie), so they can be tested, and reasoned about, without a database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INSIGHTS = Path(__file__).resolve().parents[2] / "src" / "regie" / "intake" / "insights"


@pytest.mark.parametrize("name", ["period.py", "svg.py"])
def test_imports_nothing_from_django_or_regie(name: str) -> None:
    imported: list[str] = []
    for node in ast.walk(ast.parse((INSIGHTS / name).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{name}: a relative import"
            imported.append(node.module or "")
    assert imported
    assert [m for m in imported if m.split(".")[0] in ("django", "regie")] == []


def test_the_bar_chart_and_the_line_chart_escape_their_texts() -> None:
    from regie.intake.insights import svg

    line = svg.line_chart("c", "<t>", "d&", ["jan <1>"], [svg.Series("a<b", (1,))])
    bar = svg.bar_chart("b", "t", "d", [("x<y", 2, 1)], "nu", "toen")
    assert "<t>" not in line
    assert "&lt;t&gt;" in line
    assert "a&lt;b" in line
    assert "x&lt;y" in bar
    assert line.count('role="img"') == bar.count('role="img"') == 1
    assert svg.line_chart("c", "t", "d", [], []) == ""
    assert svg.bar_chart("b", "t", "d", [], "nu", "toen") == ""


@pytest.mark.parametrize(
    ("value", "expected"), [(0, (1, 1)), (3, (3, 1)), (7, (8, 2)), (23, (25, 5)), (140, (150, 50))]
)
def test_the_axis_top_is_a_round_number(value: int, expected: tuple[int, int]) -> None:
    from regie.intake.insights.svg import nice_ceiling

    assert nice_ceiling(value) == expected
