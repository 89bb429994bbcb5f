"""Database triggers that make the audit table append-only, except for the archived prefix.

Migration 0002 installed the first version (every UPDATE and DELETE refused); migration 0007
replaced its delete trigger with a guard that lets ``regie audit prune`` remove the prefix it
has just archived and checkpointed, and nothing else (ADR 0015). A delete passes only when

* the event is more than a year (less a day, for clock differences) old by the database's own
  clock: the shortest retention period Regie allows, so no permit ever reaches recent events;
* a row in ``audit_prunepermit`` bounds it (``id <= bound``), and
* that permit's checkpoint is the newest event of the chain, an ``audit.checkpoint`` whose
  ``changes.last_id`` is that same bound.

Pruning writes the permit and the checkpoint in the transaction that deletes, and removes the
permit before committing. A plain ``DELETE`` has no permit; a permit left over, or forged, names
a checkpoint that is no longer (or never was) the head, or needs a checkpoint appended to the
chain, where ``regie audit verify`` starts from it and everyone can see it.

Kept as functions so tests that must reset the database between runs (live-server browser
tests flush every table) can take them down and put them back around that flush.
"""

from __future__ import annotations

from typing import Any

from regie.core.vocabulary import Kernel

TABLE = "audit_auditevent"
PERMITS = "audit_prunepermit"
MESSAGE = "audit events are append-only"
CHECKPOINT = Kernel.AUDIT_CHECKPOINT

# --- Version 1 (migration 0002): every UPDATE and DELETE refused. Frozen: 0002 installs it. ---

_SQLITE_V1 = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
_PG_REFUSE = f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END;
        $$ LANGUAGE plpgsql;"""
_PG_NO_TRUNCATE = f"""CREATE OR REPLACE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse();"""
_PG_V1 = [
    _PG_REFUSE,
    f"""CREATE OR REPLACE TRIGGER {TABLE}_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse();""",
    _PG_NO_TRUNCATE,
]

# --- Version 2 (migration 0007): deletes only of the checkpointed, archived prefix. ---

_SQLITE_V2 = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete;",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    # Django stores SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, which compares as
    # text with datetime()'s 'YYYY-MM-DD HH:MM:SS'.
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete_guard BEFORE DELETE ON {TABLE}
        WHEN NOT (
            OLD.occurred_at < datetime('now', '-1 year', '+1 day')
            AND EXISTS (
                SELECT 1 FROM {PERMITS} AS p JOIN {TABLE} AS c ON c.id = p.checkpoint_id
                WHERE OLD.id <= p.bound
                  AND c.action = '{CHECKPOINT}'
                  AND c.id = (SELECT max(id) FROM {TABLE})
                  AND json_extract(c.changes, '$.last_id') = p.bound
            )
        )
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",  # noqa: S608 (constants, no input)
]


def _pg_v2(schema: str) -> list[str]:
    # The search path is fixed on the function: otherwise a session's own temporary table
    # called audit_prunepermit (pg_temp comes first by default) would stand in for the real one.
    return [
        _PG_REFUSE,
        f"""CREATE OR REPLACE FUNCTION {TABLE}_guard_delete() RETURNS trigger AS $$
        BEGIN
            IF OLD.occurred_at < now() - interval '1 year' + interval '1 day' AND EXISTS (
                SELECT 1 FROM {PERMITS} AS p JOIN {TABLE} AS c ON c.id = p.checkpoint_id
                WHERE OLD.id <= p.bound
                  AND c.action = '{CHECKPOINT}'
                  AND c.id = (SELECT max(id) FROM {TABLE})
                  AND c.changes ->> 'last_id' = p.bound::text
            ) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql SET search_path = {schema}, pg_temp;""",  # noqa: S608 (constants)
        f"DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE};",
        f"""CREATE OR REPLACE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse();""",
        f"""CREATE OR REPLACE TRIGGER {TABLE}_delete_guard BEFORE DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_guard_delete();""",
        _PG_NO_TRUNCATE,
    ]


_SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update;",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete;",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete_guard;",
]
_PG_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE};",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update ON {TABLE};",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete_guard ON {TABLE};",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};",
    f"DROP FUNCTION IF EXISTS {TABLE}_guard_delete();",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse();",
]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _schema(connection: Any) -> str:
    """The schema the tables are in, quoted as an identifier."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(current_schema())")
        return str(cursor.fetchone()[0])


def install_v1(connection: Any) -> None:
    """The triggers as migration 0002 installed them (kept so that migration stays as it was)."""
    if connection.vendor == "postgresql":
        _run(connection, _PG_V1)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_V1)
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"no audit triggers for database vendor {connection.vendor}")


def install_v2(connection: Any) -> None:
    """Migration 0007's triggers: the delete guard replaces version 1's refusal."""
    if connection.vendor == "postgresql":
        _run(connection, _pg_v2(_schema(connection)))
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_V2)
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"no audit triggers for database vendor {connection.vendor}")


def install(connection: Any) -> None:
    """The current version: what tests put back after taking the triggers down."""
    install_v2(connection)


def drop(connection: Any) -> None:
    if connection.vendor == "postgresql":
        _run(connection, _PG_DROP)
    elif connection.vendor == "sqlite":
        _run(connection, _SQLITE_DROP)
