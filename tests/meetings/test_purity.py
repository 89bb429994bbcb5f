"""The pure parts of meetings stay pure (issue 12.1): ``periods`` and the minutes parser
(``importing.parser``) reach no database.

Import-linter keeps them away from the meetings models, services, selectors and views (the
contracts in ``pyproject.toml``, proved able to fail by ``tests/core/test_contracts.py``), but it
can forbid only whole external packages, and the parser may use ``django.utils.translation``.
So these tests read the modules' own imports: nothing from Django's ORM (``django.db``), the
contrib apps' models or the app registry; ``periods`` imports nothing from Django at all. And
both import in a fresh interpreter without Django settings, loading no models module.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MEETINGS = SRC / "regie" / "meetings"
PURE = {
    "regie.meetings.periods": MEETINGS / "periods",
    "regie.meetings.importing.parser": MEETINGS / "importing" / "parser",
}
# The ORM, the contrib apps (their models) and the app registry: what needs a database or set-up
# Django. ``django.utils.translation`` and ``regie.meetings.validators`` are allowed.
FORBIDDEN = ("django.db", "django.contrib", "django.apps")


def imported_modules(source: str, module: str, *, is_package: bool = False) -> Iterator[str]:
    """Every module a source imports, anywhere in it (function-level and TYPE_CHECKING imports
    included), relative imports resolved; ``from a import b`` yields ``a`` and ``a.b``."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return sorted(
        {
            name
            for name in imported_modules(source, module, is_package=is_package)
            if any(name == f or name.startswith(f"{f}.") for f in FORBIDDEN)
        }
    )


def django_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return sorted(
        {
            name
            for name in imported_modules(source, module, is_package=is_package)
            if name == "django" or name.startswith("django.")
        }
    )


def pure_modules() -> Iterator[tuple[str, str, bool]]:
    """(dotted name, source, is a package) of every module of the pure parts."""
    for package, folder in PURE.items():
        for path in sorted(folder.rglob("*.py")):
            relative = path.relative_to(folder).with_suffix("")
            parts = [p for p in relative.parts if p != "__init__"]
            yield (
                ".".join([package, *parts]),
                path.read_text(encoding="utf-8"),
                path.name == "__init__.py",
            )


def test_the_pure_parts_are_found() -> None:
    names = {name for name, _, _ in pure_modules()}
    assert {"regie.meetings.periods.parse", "regie.meetings.importing.parser.word"} <= names


MODULES = list(pure_modules())


@pytest.mark.parametrize(("module", "source", "is_package"), MODULES, ids=[m[0] for m in MODULES])
def test_no_orm_import(module: str, source: str, is_package: bool) -> None:
    assert forbidden_imports(source, module, is_package=is_package) == [], module


PERIODS = [m for m in MODULES if m[0].startswith("regie.meetings.periods")]


@pytest.mark.parametrize(("module", "source", "is_package"), PERIODS, ids=[m[0] for m in PERIODS])
def test_periods_import_nothing_from_django(module: str, source: str, is_package: bool) -> None:
    assert django_imports(source, module, is_package=is_package) == [], module


@pytest.mark.parametrize(
    "planted",
    [
        "from django.db import models",
        "import django.db.models",
        "from django import db",
        "from django.db.models import Q",
        "from django.contrib.auth.models import User",
        "from django.apps import apps",
        "def later():\n    from django.db import transaction",
        "if TYPE_CHECKING:\n    from django.db.models import Model",
    ],
)
def test_the_check_finds_a_planted_orm_import(planted: str) -> None:
    """The check can fail: each way of writing an ORM import is caught."""
    assert forbidden_imports(planted, "regie.meetings.periods.parse")
    assert django_imports(planted, "regie.meetings.periods.parse")


def test_relative_imports_are_resolved() -> None:
    assert "regie.meetings.models" in set(
        imported_modules("from ...models import Meeting", "regie.meetings.importing.parser.text")
    )
    assert "regie.meetings.periods.model" in set(
        imported_modules("from .model import Period", "regie.meetings.periods", is_package=True)
    )


IMPORT_FRESH = """
import json, sys
import regie.meetings.periods
periods = sorted(m for m in sys.modules if m.startswith(("django", "regie.")))
import regie.meetings.importing.parser
print(json.dumps({"periods": periods, "all": sorted(sys.modules)}))
"""


def test_the_pure_parts_import_without_django_set_up() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment["PYTHONPATH"] = str(SRC)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_FRESH],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = json.loads(result.stdout)
    # periods loads no Django module and no other part of Regie than itself (and its parents)
    assert {m for m in loaded["periods"] if not m.startswith("regie.meetings.periods")} == {
        "regie.meetings"
    }
    regie_modules = {m for m in loaded["all"] if m.startswith("regie.")}
    assert not {m for m in regie_modules if m.endswith((".models", ".services", ".selectors"))}
    assert "regie.meetings.importing.saving" not in regie_modules
