"""Who acts is typed (issue 12.2): a view behind ``@requires`` takes an ``AuthenticatedRequest``
(so ``request.user`` is a ``User`` to mypy), and no service, selector or rule takes its user
as ``Any`` (mypy strict would check nothing at the domain edge)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from tests.core.urlwalk import walk

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"
USER_PARAMETERS = {"actor", "user", "regisseur", "reader"}
# Modules that hold the domain edge: every write, read and rule.
EDGE = ("services", "selectors", "rules")


def _is_edge(path: Path) -> bool:
    parts = path.relative_to(SRC).with_suffix("").parts
    return "migrations" not in parts and any(p.startswith(EDGE) for p in parts)


def _guarded_views() -> list[tuple[str, object]]:
    found = []
    for route in walk():
        policy = route.policy
        if policy is None or policy.public or policy.action == "admin.access":
            continue
        found.append((route.name or route.pattern, inspect.unwrap(route.view)))
    return found


def test_guarded_views_take_an_authenticated_request() -> None:
    views = _guarded_views()
    assert len(views) > 50  # the walk reached the apps' URLs
    plain = []
    for name, view in views:
        first = next(iter(inspect.signature(view).parameters.values()))  # type: ignore[arg-type]
        if first.annotation != "AuthenticatedRequest":
            plain.append(f"{name}: {first.annotation}")
    assert plain == [], "views behind @requires typed with a plain HttpRequest: " + ", ".join(plain)


def test_no_service_selector_or_rule_takes_its_user_as_any() -> None:
    untyped = []
    edge = [path for path in sorted(SRC.rglob("*.py")) if _is_edge(path)]
    assert len(edge) > 20
    for path in edge:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            for arg in arguments:
                if arg.arg in USER_PARAMETERS and ast.unparse(arg.annotation or ast.Name("")) in (
                    "Any",
                    "Any | None",
                ):
                    untyped.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}({arg.arg})")
    assert untyped == [], "users typed Any: " + ", ".join(untyped)
