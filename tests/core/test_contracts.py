"""The import contracts in ``pyproject.toml`` can fail (issue 12.4): on a copy of the code with
one forbidden import planted per contract, ``lint-imports`` reports every contract broken.
A contract that stays kept on that copy forbids nothing and would be a false comfort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# One forbidden import per contract, keyed by a word of the contract's name: (module, import).
PLANTED = {
    "Layers": ("regie/core/dates.py", "regie.demo.story"),
    "kernel": ("regie/core/limits.py", "regie.cases.models"),
    "use accounts": ("regie/demo/story.py", "regie.accounts.views"),
    "use organisations": ("regie/demo/story.py", "regie.organisations.admin"),
    "use cases": ("regie/partners/services.py", "regie.cases.forms"),
    "use partners": ("regie/interventions/services.py", "regie.partners.views"),
    "use interventions": ("regie/demo/story.py", "regie.interventions.urls"),
    "use meetings": ("regie/demo/story.py", "regie.meetings.minutes.views.pages"),
    "use audit": ("regie/cases/services.py", "regie.audit.views"),
    "use woo": ("regie/demo/story.py", "regie.woo.admin"),
    "use intake": ("regie/demo/story.py", "regie.intake.admin"),
    "suggestion pipeline": ("regie/woo/suggest/merge.py", "regie.woo.models"),
    "minutes parser": ("regie/meetings/importing/parser/draft.py", "regie.meetings.models"),
    "Periods use": ("regie/meetings/periods/model.py", "regie.meetings.selectors"),
    "Meetings layers": ("regie/meetings/minutes/selectors.py", "regie.meetings.selectors"),
    "minutes component": ("regie/meetings/minutes/forms.py", "regie.meetings.actions.forms"),
}


def contract_names() -> list[str]:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    return [c["name"] for c in config["tool"]["importlinter"]["contracts"]]


def lint(src: Path, tmp: Path) -> str:
    environment = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(PROJECT / "pyproject.toml")],
        cwd=tmp,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return " ".join((result.stdout + result.stderr).split())


def test_every_contract_has_a_planted_violation() -> None:
    for name in contract_names():
        assert [key for key in PLANTED if key in name], f"no planted violation for: {name}"


def test_every_contract_breaks_on_its_planted_import(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(
        PROJECT / "src" / "regie",
        src / "regie",
        ignore=shutil.ignore_patterns("locale", "static", "templates", "__pycache__", "*.mo"),
    )
    clean = lint(src, tmp_path)
    assert "BROKEN" not in clean
    for module, target in PLANTED.values():
        with (src / module).open("a", encoding="utf-8") as file:
            file.write(f"\nimport {target}  # planted by tests/core/test_contracts.py\n")
    report = lint(src, tmp_path)
    for name in contract_names():
        assert f"{' '.join(name.split())} BROKEN" in report, name
