"""Retention of the audit log itself: the due prefix is archived to a file, checkpointed and
deleted; the rest still verifies from the checkpoint; the database lets nothing else go."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.audit import archive, immutability, pruning
from regie.audit.chain import GENESIS
from regie.audit.models import AuditEvent, PrunePermit
from regie.audit.services import append, verify_chain
from regie.cases import retention
from regie.cases.models import Case, Person, Phase, Theme
from regie.organisations.models import Organisation

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=6 * 366)


def old_events(n: int, *, when: datetime = LONG_AGO, **fields: Any) -> list[AuditEvent]:
    """Events appended ``when`` (six years ago by default): the database's clock agrees."""
    with time_machine.travel(when, tick=False):
        return [
            append(**{"action": "test.old", "actor": "tester", "object_id": str(i), **fields})
            for i in range(n)
        ]


def new_events(n: int) -> list[AuditEvent]:
    return [append(action="test.new", actor="tester", object_id=str(i)) for i in range(n)]


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def prune(archive_dir: Path, *extra: str) -> list[str]:
    return run("prune", "--archive-dir", str(archive_dir), *extra)


def tamper(event_id: int, **values: Any) -> None:
    immutability.drop(connection)  # someone with the database owner's rights
    AuditEvent.objects.filter(pk=event_id).update(**values)
    immutability.install(connection)


# --- Prune, verify ------------------------------------------------------------------------------


def test_prune_archives_the_old_prefix_and_the_rest_verifies(tmp_path: Path) -> None:
    old = old_events(3)
    new = new_events(2)
    out = prune(tmp_path)
    name = archive.file_name(old[0].id, old[-1].id)
    assert out[0] == name
    assert out[-1].startswith(f"audit prune: 3 events (#{old[0].id}–#{old[-1].id}) archived")
    assert not AuditEvent.objects.filter(id__in=[e.id for e in old]).exists()
    checkpoint = AuditEvent.objects.get(action="audit.checkpoint")
    assert checkpoint.id > new[-1].id
    assert checkpoint.object_id == name
    assert checkpoint.changes["first_id"] == old[0].id
    assert checkpoint.changes["last_id"] == old[-1].id
    assert checkpoint.changes["count"] == 3
    assert checkpoint.changes["archive"] == name
    assert checkpoint.changes["last_hash"] == old[-1].hash
    assert checkpoint.changes["first_prev_hash"] == GENESIS
    assert not PrunePermit.objects.exists()

    (summary,) = run("verify")
    assert summary.startswith(
        f"audit chain intact: 3 events after checkpoint #{checkpoint.id} "
        f"(#{old[0].id}–#{old[-1].id} archived in {name}), head "
    )
    assert summary.endswith(checkpoint.hash)


def test_altering_an_event_after_the_checkpoint_breaks_verify(tmp_path: Path) -> None:
    old_events(3)
    new = new_events(2)
    prune(tmp_path)
    tamper(new[1].id, actor="mallory")
    with pytest.raises(CommandError) as failure:
        run("verify")
    assert failure.value.returncode == 1
    assert f"#{new[1].id} " in str(failure.value)
    assert "content does not match its hash" in str(failure.value)


def test_removing_the_first_event_after_the_checkpoint_breaks_verify(tmp_path: Path) -> None:
    old_events(2)
    new = new_events(2)
    prune(tmp_path)
    immutability.drop(connection)
    AuditEvent.objects.filter(pk=new[0].id).delete()
    immutability.install(connection)
    result = verify_chain()
    assert not result.intact
    assert result.broken_id == new[1].id
    assert "last hash of checkpoint" in result.reason


def test_a_checkpoint_over_events_still_present_breaks_verify() -> None:
    """A checkpoint appended without pruning would let verify skip what it names."""
    old = old_events(3)
    append(
        action="audit.checkpoint",
        actor="mallory",
        object_type="audit.archive",
        object_id="audit-fake.jsonl",
        changes={
            "first_id": old[0].id,
            "last_id": old[1].id,
            "count": 2,
            "archive": "audit-fake.jsonl",
            "first_prev_hash": GENESIS,
            "last_hash": old[1].hash,
        },
    )
    result = verify_chain()
    assert not result.intact
    assert result.broken_id == old[0].id
    assert "still present" in result.reason


def test_a_malformed_checkpoint_breaks_verify() -> None:
    new_events(1)
    bad = append(
        action="audit.checkpoint",
        actor="mallory",
        object_type="audit.archive",
        changes={"last_id": "everything"},
    )
    result = verify_chain()
    assert not result.intact
    assert result.broken_id == bad.id


def test_nothing_due_prunes_nothing(tmp_path: Path) -> None:
    new = new_events(2)
    out = prune(tmp_path)
    assert out == [
        f"audit prune: nothing to prune; the log now starts at #{new[0].id}, "
        f"not older than 5 years (before {pruning.cutoff_for(timezone.now(), 5):%Y-%m-%d})"
    ]
    assert AuditEvent.objects.count() == 2
    assert list(tmp_path.iterdir()) == []


def test_dry_run_says_what_is_due_and_deletes_nothing(tmp_path: Path) -> None:
    old = old_events(3)
    new_events(1)
    out = prune(tmp_path, "--dry-run")
    assert out[-1].startswith(
        f"audit prune (dry run): 3 events (#{old[0].id}–#{old[-1].id}) are due, nothing was pruned"
    )
    assert AuditEvent.objects.count() == 4
    assert list(tmp_path.iterdir()) == []


def test_the_retention_period_is_configurable(tmp_path: Path, settings: Any) -> None:
    settings.REGIE_AUDIT_RETENTION_YEARS = 7
    old_events(2)
    assert "nothing to prune" in prune(tmp_path)[-1]
    settings.REGIE_AUDIT_RETENTION_YEARS = 6
    assert "2 events" in prune(tmp_path)[-1]


def test_batches_make_one_archive_and_checkpoint_each(tmp_path: Path) -> None:
    old = old_events(5)
    new_events(1)
    out = prune(tmp_path, "--batch-size", "2")
    names = [
        archive.file_name(old[0].id, old[1].id),
        archive.file_name(old[2].id, old[3].id),
        archive.file_name(old[4].id, old[4].id),
    ]
    assert out[:3] == names
    assert "5 events" in out[-1]
    assert "in 3 files" in out[-1]
    assert AuditEvent.objects.filter(action="audit.checkpoint").count() == 3
    assert verify_chain().intact
    files = [str(tmp_path / name) for name in names]
    out = run("verify", *[arg for path in files for arg in ("--archive", path)])
    assert len(out) == 4
    assert all(line.startswith("audit archive intact: ") for line in out[1:])


def test_the_access_log_says_where_it_now_begins(
    tmp_path: Path, login_as: Callable[[str], Client]
) -> None:
    old = old_events(2)
    new_events(1)
    prune(tmp_path)
    checkpoint = AuditEvent.objects.get(action="audit.checkpoint")
    client = login_as("auditor")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(reverse("audit:log")).content.decode()
    assert (
        f"Older events, up to and including #{old[-1].id}, have been archived to "
        f"{archive.file_name(old[0].id, old[-1].id)} under the audit log's retention and "
        f"are no longer shown here (checkpoint #{checkpoint.id})."
    ) in page
    dutch = login_as("auditor").get(reverse("audit:log")).content.decode()
    assert (
        f"Oudere gebeurtenissen, tot en met #{old[-1].id}, zijn volgens de bewaartermijn" in dutch
    )


# --- What is kept -------------------------------------------------------------------------------


@pytest.fixture
def held_case(organisations: dict[str, Organisation]) -> Case:
    person = Person.objects.create(
        first_name="Fictief",
        last_name="Persoon",
        date_of_birth=date(1990, 1, 1),
        area=organisations["noord"],
    )
    return Case.objects.create(
        number="TST-2019-0001",
        person=person,
        theme=Theme.objects.all()[0],
        area=organisations["noord"],
        phase=Phase.AFGESLOTEN,
        phase_since=timezone.now(),
        opened_on=date(2019, 1, 1),
        closed_on=date(2019, 6, 1),
        delete_after=timezone.localdate() - timedelta(days=1),
    )


def test_events_on_a_case_still_held_stay_with_everything_after_them(
    tmp_path: Path, held_case: Case
) -> None:
    before = old_events(2)
    on_case = old_events(1, case_id=held_case.number)
    after = old_events(2)
    out = prune(tmp_path)
    assert out[-1] == (
        f"audit prune: 2 events (#{before[0].id}–#{before[1].id}) archived in 1 file and "
        f"deleted; the log now starts at #{on_case[0].id}, an event on a case or person that "
        "is still held"
    )
    assert AuditEvent.objects.filter(id__in=[on_case[0].id, after[0].id, after[1].id]).count() == 3

    # Retention deletes the case; its events are no longer held and go with the next prune.
    report = retention.run(today=timezone.localdate())
    assert report.deleted == [held_case.number]
    out = prune(tmp_path)
    assert f"3 events (#{on_case[0].id}–#{after[1].id})" in out[-1]
    assert not AuditEvent.objects.filter(case_id=held_case.number, action="test.old").exists()
    assert verify_chain().intact


def test_events_on_a_person_still_held_stay(tmp_path: Path, held_case: Case) -> None:
    first = old_events(1)
    on_person = old_events(1, object_type="cases.person", object_id=str(held_case.person_id))
    old_events(1)
    out = prune(tmp_path)
    assert f"the log now starts at #{on_person[0].id}, an event on a case or person" in out[-1]
    assert not AuditEvent.objects.filter(pk=first[0].id).exists()
    assert AuditEvent.objects.filter(pk=on_person[0].id).exists()


# --- The database lets nothing else go ----------------------------------------------------------


def _permit_for(event: AuditEvent) -> AuditEvent:
    checkpoint = append(
        action="audit.checkpoint",
        actor="tester",
        object_type="audit.archive",
        changes={"last_id": event.id},
    )
    PrunePermit.objects.create(bound=event.id, checkpoint_id=checkpoint.id)
    return checkpoint


def _delete(event: AuditEvent) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.id])


def test_a_permit_lets_the_checkpointed_old_prefix_go() -> None:
    """The guard's positive case; each test below changes one condition of it."""
    (event,) = old_events(1)
    _permit_for(event)
    _delete(event)
    assert not AuditEvent.objects.filter(pk=event.pk).exists()


def test_without_a_permit_the_database_refuses() -> None:
    (event,) = old_events(1)
    append(
        action="audit.checkpoint",
        actor="tester",
        object_type="audit.archive",
        changes={"last_id": event.id},
    )
    with pytest.raises(DatabaseError, match="append-only"):
        _delete(event)


def test_a_permit_whose_checkpoint_is_not_the_head_is_refused() -> None:
    (event,) = old_events(1)
    _permit_for(event)
    new_events(1)
    with pytest.raises(DatabaseError, match="append-only"):
        _delete(event)


def test_a_permit_beyond_what_the_checkpoint_names_is_refused() -> None:
    first, second = old_events(2)
    checkpoint = _permit_for(first)
    PrunePermit.objects.filter(checkpoint_id=checkpoint.id).update(bound=second.id)
    with pytest.raises(DatabaseError, match="append-only"):
        _delete(second)


def test_an_event_younger_than_a_year_never_goes() -> None:
    (event,) = new_events(1)
    _permit_for(event)
    with pytest.raises(DatabaseError, match="append-only"):
        _delete(event)


def test_updates_are_still_refused() -> None:
    (event,) = old_events(1)
    _permit_for(event)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor="mallory")
