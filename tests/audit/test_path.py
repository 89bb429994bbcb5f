"""The request path on audit events and the hash chain (ADR 0014)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from regie.audit import immutability
from regie.audit.chain import compute_hash
from regie.audit.models import AuditEvent
from regie.audit.services import append, verify_chain

# An event as written before the path column existed, with the hash it was given then.
BEFORE_THE_PATH = {
    "occurred_at": datetime(2026, 11, 1, 9, 30, 0, 123456, tzinfo=UTC),
    "actor_id": 7,
    "actor": "regisseur_b",
    "on_behalf_of": "",
    "role": "regisseur",
    "organisation": "Gemeente Amsterdam",
    "action": "cases.case.view",
    "object_type": "cases.case",
    "object_id": "42",
    "case_id": "PGA-2026-0042",
    "result": "denied",
    "ip": "10.0.0.1",
    "user_agent": "Mozilla/5.0",
    "request_id": "0" * 32,
    "changes": {},
    "prev_hash": "a" * 64,
}
HASH_BEFORE_THE_PATH = "889b59767598d63e66e90d23f5b4a9d04432f826e6e63223d46cb3e185752203"


def test_events_from_before_the_path_keep_their_hash() -> None:
    assert compute_hash(BEFORE_THE_PATH) == HASH_BEFORE_THE_PATH
    assert compute_hash({**BEFORE_THE_PATH, "path": ""}) == HASH_BEFORE_THE_PATH


def test_a_path_is_covered_by_the_hash() -> None:
    with_path = compute_hash({**BEFORE_THE_PATH, "path": "/casussen/PGA-2026-0042/"})
    assert with_path != HASH_BEFORE_THE_PATH
    assert with_path != compute_hash({**BEFORE_THE_PATH, "path": "/casussen/PGA-2026-0043/"})


@pytest.mark.django_db
def test_the_path_is_stored_truncated_and_without_nul() -> None:
    event = append(action="test", actor="tester", path="/a\x00b/" + "x" * 400)
    row = AuditEvent.objects.values().get(pk=event.pk)
    assert row["path"] == ("/ab/" + "x" * 400)[:300]
    assert compute_hash(row) == row["hash"]


@pytest.mark.django_db
def test_a_chain_of_events_with_and_without_path_verifies() -> None:
    append(action="test.old", actor="tester")
    append(action="test.new", actor="tester", path="/casussen/")
    append(action="test.old", actor="tester")
    assert verify_chain().intact


@pytest.mark.django_db
def test_an_altered_path_breaks_the_chain() -> None:
    first = append(action="test", actor="tester", path="/casussen/PGA-2026-0042/")
    append(action="test", actor="tester", path="/casussen/")
    immutability.drop(connection)  # the attacker has database superuser rights
    AuditEvent.objects.filter(pk=first.pk).update(path="/casussen/PGA-2026-0001/")
    immutability.install(connection)
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    assert f"#{first.pk} " in str(failure.value)


@pytest.mark.django_db
def test_a_path_added_to_an_event_without_one_breaks_the_chain() -> None:
    """Filling the path in afterwards is a change like any other."""
    first = append(action="test", actor="tester")
    immutability.drop(connection)
    AuditEvent.objects.filter(pk=first.pk).update(path="/elders/")
    immutability.install(connection)
    assert not verify_chain().intact


@pytest.mark.django_db
def test_the_table_is_still_append_only_after_the_migration() -> None:
    event = append(action="test", actor="tester", path="/casussen/")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(path="/elders/")
