"""``regie woo redact FILE [--known-names NAMESFILE]``: the text with every suggestion replaced
by its ground; unreadable input is one line and a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regie.accounts.models import User

# deduce is loaded once per test process: keep the tests that need it in one worker.
pytestmark = pytest.mark.xdist_group("deduce")

MINUTES = (
    "Aanwezig: Jan de Vries (GGD), Piet Bos (OM), mevr. Stam\n"
    "J. de Vries merkt op dat de projectleiders van stadsdeel Centrum aansluiten. "
    "Bos vraagt het Steunpunt om een reactie; mail naar p.bos@voorbeeld.nl.\n"
)


def redact(*args: str) -> str:
    out = StringIO()
    call_command("woo", "redact", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    path = tmp_path / "notulen.txt"
    path.write_text(MINUTES, encoding="utf-8")
    return path


def test_redact_with_a_names_file(minutes: Path, tmp_path: Path, deduce_cache: Path) -> None:
    names = tmp_path / "namen.txt"
    names.write_text("Jan de Vries\nPiet Bos\n", encoding="utf-8")
    assert redact(str(minutes), "--known-names", str(names), "--format", "text") == (
        "Aanwezig: [5.1.2.e] (GGD), [5.1.2.e] (OM), mevr. [5.1.2.e]\n"
        "[5.1.2.e] merkt op dat de projectleiders van stadsdeel Centrum aansluiten. "
        "[5.1.2.e] vraagt het Steunpunt om een reactie; mail naar [5.1.2.e].\n"
    )


@pytest.mark.django_db
def test_redact_with_the_installations_names(tmp_path: Path, deduce_cache: Path) -> None:
    User.objects.create(username="x", first_name="Wubbo", last_name="Zwanenburg")
    path = tmp_path / "memo.txt"
    path.write_text("Wubbo merkt op dat Zwanenburg gelijk heeft.", encoding="utf-8")
    assert redact(str(path)) == "[5.1.2.e] merkt op dat [5.1.2.e] gelijk heeft."


@pytest.mark.parametrize("case", ["missing", "directory", "latin-1"])
def test_unreadable_input_is_one_line(tmp_path: Path, case: str) -> None:
    path = tmp_path / "input.txt"
    if case == "directory":
        path.mkdir()
    elif case == "latin-1":
        path.write_bytes("Café de Vries".encode("latin-1"))
    with pytest.raises(CommandError) as refused:
        redact(str(path))
    message = str(refused.value)
    assert "\n" not in message
    assert str(path) in message
    assert {"missing": "no such file", "directory": "directory", "latin-1": "UTF-8"}[case] in (
        message
    )


def test_an_unreadable_names_file_is_refused(minutes: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Known names .* no such file"):
        redact(str(minutes), "--known-names", str(tmp_path / "none.txt"))


def test_the_command_line_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    environment = {**os.environ, "REGIE_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "regie.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "regie", "woo", "redact", str(tmp_path / "none.txt")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "no such file" in result.stderr
