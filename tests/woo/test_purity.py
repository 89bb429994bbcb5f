"""The suggestion pipeline, the grounds parser, the document shape and the evaluation are pure:
they import nothing from Django (import-linter keeps them away from the woo models, selectors
and the other apps; it cannot forbid an external package per module)."""

from __future__ import annotations

import ast
from pathlib import Path

WOO = Path(__file__).resolve().parents[2] / "src" / "regie" / "woo"
PURE = [*sorted((WOO / "suggest").glob("*.py")), WOO / "grounds.py", WOO / "document.py"]


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_pure_modules_import_nothing_from_django() -> None:
    assert len(PURE) >= 8
    for path in PURE:
        django = sorted(m for m in imports(path) if m == "django" or m.startswith("django."))
        assert django == [], f"{path.name} imports {django}"


def test_the_evaluation_reads_no_database() -> None:
    found = imports(WOO / "evaluation.py")
    assert not [m for m in found if m.startswith(("django", "regie.woo.models", "regie.woo.sel"))]
