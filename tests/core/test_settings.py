"""Settings from the environment: strict parsing, secure defaults, a clean deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from regie import env

ROOT = Path(__file__).resolve().parents[2]


def run_regie(args: list[str], extra_env: dict[str, str], tmp_path: Path):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("REGIE_", "DATABASE_URL", "DJANGO_"))
    }
    base.pop("DJANGO_SETTINGS_MODULE", None)
    base.update({"REGIE_DATA_DIR": str(tmp_path)}, **extra_env)
    return subprocess.run(
        [sys.executable, "-m", "regie", *args],
        env=base,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "REGIE_DEBUG": "0",
    "REGIE_SECRET_KEY": "k8#Vq2!mZp0@xR7$wT4^yL9&bN3*cF6(hJ1)dG5_sA8+eU2-iO7=",
    "REGIE_ALLOWED_HOSTS": "regie.gemeente.example",
}


def test_check_deploy_is_clean_with_production_variables(tmp_path: Path) -> None:
    result = run_regie(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    result = run_regie(["check"], {"REGIE_DEBUG": "0", "REGIE_ALLOWED_HOSTS": "x"}, tmp_path)
    assert result.returncode != 0
    assert "REGIE_SECRET_KEY must be set" in result.stderr


def test_bad_boolean_names_the_variable(tmp_path: Path) -> None:
    result = run_regie(["check"], {**PRODUCTION, "REGIE_DEBUG": "maybe"}, tmp_path)
    assert result.returncode != 0
    assert "REGIE_DEBUG must be one of" in result.stderr


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"REGIE_ALLOWED_HOSTS": "x"},
            "regie: REGIE_SECRET_KEY must be set (or REGIE_SECRET_KEY_FILE)",
        ),
        (
            {**PRODUCTION, "REGIE_SESSION_IDLE_MINUTES": "abc"},
            "regie: REGIE_SESSION_IDLE_MINUTES must be an integer, got 'abc'",
        ),
    ],
)
def test_a_configuration_error_is_one_line_and_exit_2(
    tmp_path: Path, variables: dict[str, str], message: str
) -> None:
    """Without REGIE_DEBUG=1 a missing or bad variable prints its message, not a traceback."""
    result = run_regie(["check"], variables, tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [message]
    assert result.stdout == ""


def test_file_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("REGIE_TEST_SECRET_FILE", str(secret))
    assert env.string("REGIE_TEST_SECRET") == "from-a-file"
    monkeypatch.setenv("REGIE_TEST_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="REGIE_TEST_SECRET_FILE"):
        env.string("REGIE_TEST_SECRET")


def test_integer_and_choice_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGIE_X", "abc")
    with pytest.raises(ImproperlyConfigured, match="REGIE_X must be an integer"):
        env.integer("REGIE_X", 1)
    monkeypatch.setenv("REGIE_X", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.integer("REGIE_X", 1, minimum=1)
    with pytest.raises(ImproperlyConfigured, match="one of a, b"):
        env.choice("REGIE_X", "a", ("a", "b"))


def test_sqlite_runs_in_wal_mode(db) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = connection.settings_dict["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_secure_defaults_in_production() -> None:
    from regie import settings

    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.LANGUAGE_CODE == "nl"
