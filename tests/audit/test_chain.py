from __future__ import annotations

import threading
from typing import cast

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction

from regie.audit import immutability
from regie.audit.chain import GENESIS, compute_hash
from regie.audit.models import AuditEvent
from regie.audit.services import append, verify_chain
from regie.core import audit
from regie.core.vocabulary import Action

# Names outside the vocabulary on purpose: rows no code writes, so the checks find only these.
TEST_CHANGE = cast(Action, "test.change")
TEST_CONCURRENT = cast(Action, "test.concurrent")


def _events(n: int) -> list[AuditEvent]:
    return [append(action=f"test.event.{i}", actor="tester", object_id=str(i)) for i in range(n)]


@pytest.mark.django_db
def test_events_form_a_chain_from_genesis() -> None:
    first, second, third = _events(3)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    result = verify_chain()
    assert result.intact
    assert result.count == 3
    assert result.head == third.hash


@pytest.mark.django_db
def test_stored_values_reproduce_the_hash() -> None:
    event = append(
        action="test",
        actor="tester",
        ip="::ffff:127.0.0.1",
        user_agent="agent\x00with nul",
        changes={"é": ["a", 1]},
    )
    row = AuditEvent.objects.values().get(pk=event.pk)
    assert compute_hash(row) == row["hash"]


@pytest.mark.django_db
def test_the_database_refuses_update() -> None:
    (event,) = _events(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor="someone else")
    event.actor = "someone else"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()


@pytest.mark.django_db
def test_the_database_refuses_delete() -> None:
    (event,) = _events(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_verify_command_reports_an_intact_chain(capsys: pytest.CaptureFixture[str]) -> None:
    _events(4)
    call_command("audit", "verify")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("audit chain intact: 4 events")


@pytest.mark.django_db
def test_verify_command_names_the_first_altered_event() -> None:
    events = _events(5)
    target = events[2]
    immutability.drop(connection)  # the attacker has database superuser rights
    AuditEvent.objects.filter(pk=events[3].pk).update(action="test.rewritten")
    AuditEvent.objects.filter(pk=target.pk).update(actor="mallory")
    immutability.install(connection)
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    assert failure.value.returncode == 1
    assert f"#{target.pk} " in str(failure.value)
    assert "content does not match its hash" in str(failure.value)


@pytest.mark.django_db
def test_verify_detects_a_deleted_event() -> None:
    events = _events(4)
    immutability.drop(connection)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    immutability.install(connection)
    result = verify_chain()
    assert not result.intact
    assert result.broken_id == events[2].pk
    assert "prev_hash" in result.reason


@pytest.mark.django_db
def test_verify_detects_a_recomputed_single_hash() -> None:
    events = _events(3)
    immutability.drop(connection)
    row = AuditEvent.objects.values().get(pk=events[0].pk)
    row["actor"] = "mallory"
    AuditEvent.objects.filter(pk=events[0].pk).update(actor="mallory", hash=compute_hash(row))
    immutability.install(connection)
    result = verify_chain()
    assert not result.intact
    assert result.broken_id == events[1].pk


@pytest.mark.django_db
def test_in_transaction_events_roll_back_with_the_change() -> None:
    def failing_service() -> None:
        with transaction.atomic():
            audit.record(action=TEST_CHANGE)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_service()
    assert not AuditEvent.objects.filter(action="test.change").exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_the_chain_intact() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency of the chain lock is a PostgreSQL property")
    threads, per_thread = 8, 25
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    audit.record(action=TEST_CONCURRENT, object_id=f"{n}-{i}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action="test.concurrent").count() == threads * per_thread
    result = verify_chain()
    assert result.intact, result
    assert AuditEvent.objects.values("prev_hash").distinct().count() == result.count


@pytest.mark.django_db
def test_postgresql_refuses_truncate() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL syntax; SQLite's DELETE is covered above")
    _events(1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE audit_auditevent")
