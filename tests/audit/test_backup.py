"""Backup and restore as docs/operations.md#backups describes them, carried out: the copy's
audit chain verifies with `regie audit verify` and ends with the latest event."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from psycopg import sql

from regie.audit.models import AuditEvent
from regie.audit.services import verify_chain
from regie.core import audit
from tests.audit.test_chain import TEST_CHANGE

BIN = Path(sys.executable).parent


def _events(count: int) -> None:
    for n in range(count):
        audit.record(action=TEST_CHANGE, object_id=f"backup-{n}")


def _verify(database_url: str) -> str:
    """`regie audit verify` against ``database_url``, as an operator runs it after a restore."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("REGIE_", "DATABASE_URL"))},
        "DATABASE_URL": database_url,
        "REGIE_SECRET_KEY": os.environ.get("REGIE_SECRET_KEY", "test-secret-key-" + "x" * 50),
        "REGIE_ALLOWED_HOSTS": "localhost",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [str(BIN / "regie"), "audit", "verify"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.django_db(transaction=True)
def test_sqlite_online_backup_verifies_with_the_latest_event(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite online backup")
    _events(5)
    original = verify_chain()
    assert original.intact
    # What `sqlite3 regie.sqlite3 ".backup '…'"` does: SQLite's online backup API, while the
    # database stays in use.
    connection.ensure_connection()
    target = tmp_path / "backup.sqlite3"
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    summary = _verify(f"sqlite:///{target}")
    assert summary == f"audit chain intact: {original.count} events, head {original.head}"


@pytest.mark.django_db(transaction=True)
def test_postgresql_dump_and_restore_verifies_with_the_latest_event(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore")
    _events(5)
    original = verify_chain()
    assert original.intact
    settings = connection.settings_dict
    server = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432)]
    user = ["-U", settings["USER"] or "postgres"]
    dump = tmp_path / "regie.dump"
    subprocess.run(
        ["pg_dump", *server, *user, "--format=custom", "-f", str(dump), settings["NAME"]],
        check=True,
        timeout=300,
        env={**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""},
    )
    restored = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("CREATE DATABASE {}")
            .format(sql.Identifier(restored))
            .as_string(connection.connection)
        )
    try:
        subprocess.run(
            ["pg_restore", *server, *user, "--no-owner", "-d", restored, str(dump)],
            check=True,
            timeout=300,
            env={**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""},
        )
        host, port = server[1], server[3]
        summary = _verify(f"postgres://{user[1]}@{host}:{port}/{restored}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                .format(sql.Identifier(restored))
                .as_string(connection.connection)
            )
    assert summary == f"audit chain intact: {original.count} events, head {original.head}"
    assert AuditEvent.objects.filter(object_id="backup-4").exists()
