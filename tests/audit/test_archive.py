"""Archive files of the pruned audit log: what they hold, how ``regie audit verify --archive``
checks them, and that a prune that cannot archive deletes nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from regie.audit import archive, pruning
from regie.audit.chain import GENESIS, compute_hash
from regie.audit.models import AuditEvent
from regie.audit.services import verify_chain
from regie.audit.tasks import prune_task
from tests.audit.test_retention import LONG_AGO, new_events, old_events, prune, run, tamper

pytestmark = pytest.mark.django_db


def lines_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, lines: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def verify_failure(*args: str) -> str:
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", *args, stdout=StringIO(), stderr=StringIO())
    assert failure.value.returncode == 1
    return str(failure.value)


@pytest.fixture
def pruned(tmp_path: Path) -> tuple[Path, list[AuditEvent]]:
    old = old_events(3, ip="192.0.2.7", changes={"note": "één"}, on_behalf_of="voorzitter")
    new_events(1)
    prune(tmp_path)
    return tmp_path / archive.file_name(old[0].id, old[-1].id), old


def test_the_archive_holds_every_column_and_a_trailer_with_the_head(
    pruned: tuple[Path, list[AuditEvent]],
) -> None:
    path, old = pruned
    assert path.stat().st_mode & 0o777 == 0o600
    *events, trailer = lines_of(path)
    columns = {f.attname for f in AuditEvent._meta.concrete_fields}
    assert [set(line) for line in events] == [columns] * 3
    assert [line["id"] for line in events] == [e.id for e in old]
    assert all(compute_hash(line) == line["hash"] for line in events)
    assert events[0]["changes"] == {"note": "één"}
    assert events[0]["ip"] == "192.0.2.7"
    checkpoint = AuditEvent.objects.get(action="audit.checkpoint")
    assert trailer == {
        "format": "regie-audit-archive",
        "version": 1,
        "first_id": old[0].id,
        "last_id": old[-1].id,
        "count": 3,
        "first_prev_hash": GENESIS,
        "head": old[-1].hash,
        "checkpoint_id": checkpoint.id,
    }


def test_verify_checks_an_archive_against_its_checkpoint(
    pruned: tuple[Path, list[AuditEvent]],
) -> None:
    path, old = pruned
    checkpoint = AuditEvent.objects.get(action="audit.checkpoint")
    out = run("verify", "--archive", str(path))
    assert out[0].startswith("audit chain intact: ")
    assert out[1] == (
        f"audit archive intact: {path.name}, 3 events (#{old[0].id}–#{old[-1].id}), "
        f"head {old[-1].hash}, matches checkpoint #{checkpoint.id}"
    )


def test_an_altered_line_in_the_archive_is_found(pruned: tuple[Path, list[AuditEvent]]) -> None:
    path, old = pruned
    lines = lines_of(path)
    lines[1]["actor"] = "mallory"
    write_lines(path, lines)
    message = verify_failure("--archive", str(path))
    assert f"BROKEN at event #{old[1].id}: content does not match its hash" in message


def test_a_consistently_rewritten_archive_does_not_match_its_checkpoint(
    pruned: tuple[Path, list[AuditEvent]],
) -> None:
    """Every hash recomputed: the file's own chain holds, its head is not the checkpoint's."""
    path, _old = pruned
    *events, trailer = lines_of(path)
    prev = GENESIS
    for line in events:
        line["actor"], line["prev_hash"] = "mallory", prev
        line["hash"] = prev = compute_hash(line)
    trailer["head"] = prev
    write_lines(path, [*events, trailer])
    checkpoint = AuditEvent.objects.get(action="audit.checkpoint")
    assert f"does not match checkpoint #{checkpoint.id}" in verify_failure("--archive", str(path))


def test_a_truncated_archive_is_found(pruned: tuple[Path, list[AuditEvent]]) -> None:
    path, _old = pruned
    write_lines(path, lines_of(path)[:-2])
    assert "no trailer line" in verify_failure("--archive", str(path))


def test_an_archive_no_checkpoint_names_is_refused(tmp_path: Path) -> None:
    stray = tmp_path / archive.file_name(1, 1)
    (event,) = new_events(1)
    line = dict(AuditEvent.objects.values(*archive.columns()).get(pk=event.pk))
    line["occurred_at"] = line["occurred_at"].strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    trailer = {
        "format": "regie-audit-archive",
        "first_id": event.id,
        "last_id": event.id,
        "count": 1,
        "first_prev_hash": GENESIS,
        "head": event.hash,
    }
    write_lines(stray, [line, trailer])
    assert "no checkpoint" in verify_failure("--archive", str(stray))


def test_an_older_archive_is_verified_with_the_archive_holding_its_checkpoint(
    tmp_path: Path,
) -> None:
    """The first prune's checkpoint is itself old by the time of the second prune."""
    old = old_events(2, when=LONG_AGO - timedelta(days=3 * 366))
    with time_machine.travel(LONG_AGO, tick=False):
        pruning.prune(years=2, archive_dir=tmp_path)
    first = tmp_path / archive.file_name(old[0].id, old[-1].id)
    checkpoint = AuditEvent.objects.get(action="audit.checkpoint")
    new_events(1)
    prune(tmp_path)
    second = tmp_path / archive.file_name(checkpoint.id, checkpoint.id)
    assert second.exists()
    assert verify_chain().intact
    assert "pruned since" in verify_failure("--archive", str(first))
    out = run("verify", "--archive", str(first), "--archive", str(second))
    assert out[1].endswith(f"matches checkpoint #{checkpoint.id}")
    assert out[2].startswith(f"audit archive intact: {second.name}")


# --- A prune that cannot archive deletes nothing ------------------------------------------------


def _prune_failure(archive_dir: Path) -> str:
    with pytest.raises(CommandError) as failure:
        call_command("audit", "prune", "--archive-dir", str(archive_dir), stdout=StringIO())
    assert failure.value.returncode == 1
    assert "\n" not in str(failure.value)
    return str(failure.value)


def test_an_archive_directory_that_cannot_be_written_stops_the_prune(tmp_path: Path) -> None:
    old_events(2)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    message = _prune_failure(blocker / "archive")
    assert message.startswith(
        f"audit prune: archive directory {blocker / 'archive'} is not writable"
    )
    assert message.endswith("; nothing was pruned")
    assert AuditEvent.objects.count() == 2


def test_an_existing_archive_file_is_not_overwritten(tmp_path: Path) -> None:
    old = old_events(2)
    existing = tmp_path / archive.file_name(old[0].id, old[-1].id)
    existing.write_text("keep me\n", encoding="utf-8")
    assert "exists already" in _prune_failure(tmp_path)
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert AuditEvent.objects.count() == 2


def test_a_partial_file_of_another_prune_stops_this_one(tmp_path: Path) -> None:
    old = old_events(2)
    partial = tmp_path / f".{archive.file_name(old[0].id, old[-1].id)}.partial"
    partial.write_text("", encoding="utf-8")
    assert "another prune is running, or one was interrupted" in _prune_failure(tmp_path)
    assert partial.exists()
    assert AuditEvent.objects.count() == 2


def test_a_failure_while_deleting_leaves_no_archive_and_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_events(2)

    def refused(*args: Any) -> None:
        raise DatabaseError("audit events are append-only")

    monkeypatch.setattr(pruning, "_delete_up_to", refused)
    message = _prune_failure(tmp_path)
    assert message == (
        "audit prune: the database refused: audit events are append-only; nothing was pruned"
    )
    assert AuditEvent.objects.count() == 2
    assert not AuditEvent.objects.filter(action="audit.checkpoint").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_broken_chain_is_not_archived(tmp_path: Path) -> None:
    old = old_events(3)
    tamper(old[1].id, actor="mallory")
    message = _prune_failure(tmp_path)
    assert f"the audit chain is broken at event #{old[1].id}" in message
    assert AuditEvent.objects.count() == 3
    assert list(tmp_path.iterdir()) == []


# --- As a task ----------------------------------------------------------------------------------


def test_the_task_prunes_like_the_command(tmp_path: Path, settings: Any) -> None:
    settings.REGIE_AUDIT_ARCHIVE_DIR = tmp_path
    old = old_events(2)
    new_events(1)
    result = prune_task.enqueue()
    report = result.return_value
    assert report is not None
    assert report["count"] == 2
    assert report["archives"] == [archive.file_name(old[0].id, old[-1].id)]
    assert (tmp_path / report["archives"][0]).exists()
    assert verify_chain().intact
