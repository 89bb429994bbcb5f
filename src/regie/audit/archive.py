"""Archive files of pruned audit events (ADR 0015).

One file per pruned prefix, named ``audit-<first id>-<last id>.jsonl`` (ids zero-padded, so the
files sort in chain order). Each line is one event as a JSON object: every column of the table,
read generically from the model, so a column added later is archived too; times are written in
the chain's UTC form, so ``compute_hash`` of a line gives its ``hash``. The last line is the
trailer::

    {"format": "regie-audit-archive", "version": 1, "first_id": …, "last_id": …, "count": …,
     "first_prev_hash": …, "head": …, "checkpoint_id": …}

``head`` is the last event's hash, which the checkpoint event records as ``last_hash``. The file
is written as ``.<name>.partial`` (mode 0600) and renamed only when the prune commits.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder

from regie.audit.chain import GENESIS, compute_hash
from regie.audit.models import AuditEvent
from regie.audit.services import Checkpoint, checkpoints
from regie.core.vocabulary import Kernel

FORMAT = "regie-audit-archive"
VERSION = 1


class ArchiveError(Exception):
    """The archive cannot be written; nothing is pruned."""


def columns() -> list[str]:
    return [f.attname for f in AuditEvent._meta.concrete_fields]


def file_name(first_id: int, last_id: int) -> str:
    return f"audit-{first_id:012d}-{last_id:012d}.jsonl"


def _plain(value: Any) -> Any:
    # The chain's own form of a time (chain._normalise), so a line hashes as the row did.
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def _line(values: dict[str, Any]) -> str:
    plain = {name: _plain(value) for name, value in values.items()}
    return json.dumps(plain, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True) + "\n"


class Writer:
    """Writes one archive next to its final name and publishes it by renaming."""

    def __init__(self, directory: Path, name: str) -> None:
        self.final = directory / name
        self.partial = directory / f".{name}.partial"
        self._published = False
        if self.final.exists():
            raise ArchiveError(f"archive file {self.final} exists already")
        try:
            fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as exc:
            raise ArchiveError(
                f"{self.partial} exists: another prune is running, or one was interrupted "
                "(then remove that file)"
            ) from exc
        except OSError as exc:
            raise ArchiveError(f"cannot create {self.partial}: {exc.strerror}") from exc
        self._file: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def _write(self, text: str) -> None:
        try:
            self._file.write(text)
        except OSError as exc:  # a full disk, above all
            raise ArchiveError(f"cannot write {self.partial}: {exc.strerror}") from exc

    def event(self, values: dict[str, Any]) -> None:
        self._write(_line(values))

    def trailer(self, **values: Any) -> None:
        self._write(_line({"format": FORMAT, "version": VERSION, **values}))

    def finish(self) -> None:
        """On disk before the events are deleted."""
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError as exc:
            raise ArchiveError(f"cannot write {self.partial}: {exc.strerror}") from exc

    def publish(self) -> None:
        try:
            os.replace(self.partial, self.final)
        except OSError as exc:
            raise ArchiveError(f"cannot rename {self.partial}: {exc.strerror}") from exc
        self._published = True

    def discard(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.partial.unlink(missing_ok=True)
        if self._published:
            self.final.unlink(missing_ok=True)


def sync_directory(directory: Path) -> None:
    """Make the rename durable before the events are gone for good."""
    try:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ArchiveError(f"cannot sync {directory}: {exc.strerror}") from exc


def check_writable(directory: Path) -> None:
    """Create the directory if needed and prove a file can be written there (removed again)."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        probe = directory / f".probe-{os.getpid()}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ArchiveError(f"archive directory {directory} is not writable: {reason}") from exc


# --- Verifying ----------------------------------------------------------------------------------


@dataclass
class ArchiveCheck:
    path: Path
    intact: bool = False
    reason: str = ""
    broken_id: int | None = None
    count: int = 0
    first_id: int | None = None
    last_id: int | None = None
    first_prev_hash: str = ""
    head: str = ""
    checkpoint_id: int | None = None
    # Checkpoint events that were themselves archived in this file (of earlier archives).
    inner_checkpoints: list[Checkpoint] = field(default_factory=list)

    def fail(self, reason: str, event_id: int | None = None) -> ArchiveCheck:
        self.intact, self.reason, self.broken_id = False, reason, event_id
        return self


def _records(path: Path) -> Iterable[tuple[int, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            try:
                yield number, json.loads(text)
            except ValueError:
                yield number, None


def check_file(path: Path) -> ArchiveCheck:
    """The file's own chain: every line hashes to its ``hash`` and links to the line before;
    the trailer agrees with the lines."""
    result = ArchiveCheck(path=path)
    prev: str | None = None
    trailer: dict[str, Any] | None = None
    try:
        for number, record in _records(path):
            if trailer is not None:
                return result.fail(f"line {number} follows the trailer")
            if not isinstance(record, dict):
                return result.fail(f"line {number} is not a JSON object")
            if record.get("format") == FORMAT:
                trailer = record
                continue
            try:
                event_id, event_hash = int(record["id"]), str(record["hash"])
            except (KeyError, TypeError, ValueError):
                return result.fail(f"line {number} is not an audit event")
            if prev is None:
                result.first_id, result.first_prev_hash = event_id, str(record.get("prev_hash"))
            elif record.get("prev_hash") != prev:
                return result.fail("prev_hash does not match the event before it", event_id)
            if compute_hash(record) != event_hash:
                return result.fail("content does not match its hash", event_id)
            if record.get("action") == Kernel.AUDIT_CHECKPOINT:
                # An event that only shares the name proves nothing and names no archive.
                with suppress(ValueError):
                    result.inner_checkpoints.append(
                        Checkpoint.from_event(event_id, record.get("changes"))
                    )
            result.count, result.last_id, prev = result.count + 1, event_id, event_hash
    except OSError as exc:
        return result.fail(f"cannot read it: {exc.strerror}")
    except UnicodeDecodeError:
        return result.fail("it is not UTF-8 text")
    result.head = prev or GENESIS
    if trailer is None:
        return result.fail("it has no trailer line (an incomplete file)")
    expected = {
        "first_id": result.first_id,
        "last_id": result.last_id,
        "count": result.count,
        "first_prev_hash": result.first_prev_hash,
        "head": result.head,
    }
    if result.count == 0 or any(trailer.get(k) != v for k, v in expected.items()):
        return result.fail("the trailer does not match the events")
    checkpoint_id = trailer.get("checkpoint_id")
    result.checkpoint_id = checkpoint_id if type(checkpoint_id) is int else None
    result.intact = True
    return result


def _matches(check: ArchiveCheck, checkpoint: Checkpoint) -> bool:
    return (
        checkpoint.last_hash == check.head
        and checkpoint.first_prev_hash == check.first_prev_hash
        and (checkpoint.first_id, checkpoint.last_id, checkpoint.count)
        == (check.first_id, check.last_id, check.count)
    )


def verify_archives(paths: Iterable[Path]) -> list[ArchiveCheck]:
    """Each file's own chain, and its head against the checkpoint that names it: in the
    database, or archived in another of the files given (whose own chain is intact)."""
    results = [check_file(path) for path in paths]
    inner = {c.archive: c for r in results if r.intact for c in r.inner_checkpoints}
    for result in results:
        if not result.intact:
            continue
        name = result.path.name
        row = checkpoints().filter(object_id=name).order_by("-id").values("id", "changes").first()
        checkpoint: Checkpoint | None = None
        if row is not None:
            try:
                checkpoint = Checkpoint.from_event(row["id"], row["changes"])
            except ValueError:
                result.fail(f"checkpoint #{row['id']} that names it is malformed")
                continue
        else:
            checkpoint = inner.get(name)
        if checkpoint is None:
            where = f"#{result.checkpoint_id}" if result.checkpoint_id else "naming it"
            result.fail(
                f"no checkpoint {where} in the database or in the other archives given "
                "(if it was pruned since, give the archive that holds it too)"
            )
        elif checkpoint.archive != name or not _matches(result, checkpoint):
            result.fail(f"it does not match checkpoint #{checkpoint.id}")
        else:
            result.checkpoint_id = checkpoint.id
    return results
