"""Retention of the audit log itself: archive and delete the prefix of the chain that is due.

An event is due once it is older than ``REGIE_AUDIT_RETENTION_YEARS`` (default 5) and no hold
keeps it (``audit.extensions``: the cases app holds every event on a case or person that still
exists). Only a *prefix* of the chain is ever removed, the longest one in which every event is
due, so what stays is still one unbroken chain: it starts where the newest checkpoint says the
archived part ended. One event that must stay keeps every later event too (docs/audit.md).

Each batch (at most ``batch_size`` events) goes in two steps:

1. without the chain lock (the events it covers never change): re-verify the batch's part of
   the chain, starting from the newest checkpoint's hash, while writing it to
   ``.audit-<first>-<last>.jsonl.partial`` in the archive directory;
2. in one transaction under the chain lock: check that nothing it was planned on changed
   (another prune, a new hold), append the ``audit.checkpoint`` event naming the range, the
   count, the archive and the last archived hash, finish the file with its trailer (fsync),
   write a prune permit, delete the archived events (the database's trigger checks the permit
   against the checkpoint, ADR 0015), remove the permit, rename the file to its final name,
   commit. On any error the transaction rolls back and the file is removed: nothing is deleted
   without its archive, and no archive names events that are still in the database.

The lock is held only for step 2 (about 0.6 s per 50,000 events on the development machine,
most of it the delete), during which every other audit write waits.

Called by ``regie audit prune`` and by ``tasks.prune_task``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from regie.audit import archive, extensions
from regie.audit import services as storage
from regie.audit.chain import GENESIS, compute_hash
from regie.audit.models import AuditEvent, PrunePermit

logger = logging.getLogger(__name__)

SYSTEM_ACTOR = "system:audit-retention"
DEFAULT_BATCH = 50_000
YOUNG = "young"
HELD = "held"

_DELETE_SQL = f"DELETE FROM {AuditEvent._meta.db_table} WHERE id <= %s"  # noqa: S608


class PruneError(Exception):
    def __init__(self, message: str, report: PruneReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class PruneReport:
    cutoff: datetime
    years: int
    dry_run: bool = False
    count: int = 0
    first_id: int | None = None
    last_id: int | None = None
    archives: list[str] = field(default_factory=list)
    checkpoints: list[int] = field(default_factory=list)
    # The first event that stays, and why: YOUNG or HELD; None when every event was due.
    kept_from: int | None = None
    kept_because: str = ""

    def _kept(self) -> str:
        if self.kept_from is None:
            return "no event is kept back"
        if self.kept_because == HELD:
            return (
                f"the log now starts at #{self.kept_from}, "
                "an event on a case or person that is still held"
            )
        return (
            f"the log now starts at #{self.kept_from}, "
            f"not older than {self.years} years (before {self.cutoff:%Y-%m-%d})"
        )

    def summary(self) -> str:
        span = f"{self.count} events (#{self.first_id}–#{self.last_id})"
        if self.dry_run:
            if not self.count:
                return f"audit prune (dry run): nothing is due; {self._kept()}"
            kept = self._kept().replace("the log now starts", "the log would start")
            return f"audit prune (dry run): {span} are due, nothing was pruned; {kept}"
        if not self.count:
            return f"audit prune: nothing to prune; {self._kept()}"
        files = len(self.archives)
        return (
            f"audit prune: {span} archived in {files} file{'s' if files != 1 else ''} and "
            f"deleted; {self._kept()}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "cutoff": self.cutoff.isoformat(),
            "years": self.years,
            "dry_run": self.dry_run,
            "count": self.count,
            "first_id": self.first_id,
            "last_id": self.last_id,
            "archives": list(self.archives),
            "checkpoints": list(self.checkpoints),
            "kept_from": self.kept_from,
            "kept_because": self.kept_because,
        }


def cutoff_for(now: datetime, years: int) -> datetime:
    """``years`` calendar years before ``now`` (29 February → 28 February)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def _first_kept(cutoff: datetime, *, first: int, upto: int | None) -> tuple[int | None, str]:
    """The first event from ``first`` (up to ``upto``) that must stay, and why."""
    rows = AuditEvent.objects.filter(id__gte=first)
    if upto is not None:
        rows = rows.filter(id__lte=upto)
    young = rows.filter(occurred_at__gte=cutoff).aggregate(first=Min("id"))["first"]
    hold = extensions.held()
    if hold is not None:
        older = rows if young is None else rows.filter(id__lt=young)
        held = older.filter(hold).aggregate(first=Min("id"))["first"]
        if held is not None:
            return held, HELD
    return young, (YOUNG if young is not None else "")


def _first_id() -> int | None:
    return AuditEvent.objects.order_by("id").values_list("id", flat=True).first()


def prune(
    *,
    now: datetime | None = None,
    years: int | None = None,
    archive_dir: Path | None = None,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH,
) -> PruneReport:
    """Archive and delete every due event, in batches; see the module docstring.

    Raises ``PruneError`` (with the report of what was pruned before) when the archive cannot
    be written, the chain is broken or the database refuses; that batch is left untouched."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    years = int(settings.REGIE_AUDIT_RETENTION_YEARS) if years is None else years
    directory = Path(settings.REGIE_AUDIT_ARCHIVE_DIR) if archive_dir is None else archive_dir
    report = PruneReport(cutoff=cutoff_for(now or timezone.now(), years), years=years)
    if dry_run:
        return _dry_run(report)
    try:
        archive.check_writable(directory)
    except archive.ArchiveError as exc:
        raise PruneError(str(exc), report) from exc
    while _prune_batch(report, directory, batch_size):
        pass
    logger.info(report.summary())
    return report


def _dry_run(report: PruneReport) -> PruneReport:
    report.dry_run = True
    first = _first_id()
    if first is None:
        return report
    report.kept_from, report.kept_because = _first_kept(report.cutoff, first=first, upto=None)
    due = AuditEvent.objects.all()
    if report.kept_from is not None:
        due = due.filter(id__lt=report.kept_from)
    span = due.aggregate(count=Count("id"), first=Min("id"), last=Max("id"))
    report.count, report.first_id, report.last_id = span["count"], span["first"], span["last"]
    return report


@dataclass(frozen=True)
class _Batch:
    first: int
    last: int
    # The newest checkpoint when the batch was planned, and the hash the batch must chain onto.
    after_checkpoint: int | None
    first_prev: str
    # Whether the batch is cut off only by its size (so the next one may be due as well).
    full: bool


def _plan(report: PruneReport, batch_size: int) -> _Batch | None:
    """The next batch: read without the chain lock, since the events it covers never change."""
    first = _first_id()
    if first is None:
        report.kept_from, report.kept_because = None, ""
        return None
    window = AuditEvent.objects.filter(id__gte=first).order_by("id")
    ends = list(window.values_list("id", flat=True)[batch_size - 1 : batch_size])
    window_end = ends[0] if ends else None
    kept, why = _first_kept(report.cutoff, first=first, upto=window_end)
    report.kept_from, report.kept_because = kept, why
    rows = window.filter(id__lt=kept) if kept is not None else window
    if window_end is not None:
        rows = rows.filter(id__lte=window_end)
    last = rows.aggregate(last=Max("id"))["last"]
    if last is None:
        return None
    newest = _newest_checkpoint()
    return _Batch(
        first=first,
        last=last,
        after_checkpoint=None if newest is None else newest.id,
        first_prev=GENESIS if newest is None else newest.last_hash,
        full=kept is None and window_end is not None,
    )


def _newest_checkpoint() -> storage.Checkpoint | None:
    try:
        return storage.newest_checkpoint()
    except ValueError as exc:
        raise archive.ArchiveError(
            "the newest checkpoint is malformed; run regie audit verify"
        ) from exc


def _prune_batch(report: PruneReport, directory: Path, batch_size: int) -> bool:
    """One batch: archived without the chain lock (the slow part: hashing and writing), then
    checkpointed and deleted in one short transaction under it. Returns whether another batch
    may be due."""
    writer: archive.Writer | None = None
    try:
        batch = _plan(report, batch_size)
        if batch is None:
            return False
        writer = archive.Writer(directory, archive.file_name(batch.first, batch.last))
        count, head = _archive_rows(writer, batch)
        with transaction.atomic():
            storage._lock_chain()
            _check_unchanged(report, batch)
            checkpoint = _checkpoint(writer, report, batch, count, head)
            _delete_up_to(batch.last, count, checkpoint.id)
            writer.publish()
            archive.sync_directory(directory)
    except archive.ArchiveError as exc:
        if writer is not None:
            writer.discard()
        raise PruneError(str(exc), report) from exc
    except DatabaseError as exc:
        if writer is not None:
            writer.discard()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PruneError(f"the database refused: {first_line}", report) from exc
    except BaseException:
        if writer is not None:
            writer.discard()
        raise
    report.count += count
    report.first_id = batch.first if report.first_id is None else report.first_id
    report.last_id = batch.last
    report.archives.append(writer.final.name)
    report.checkpoints.append(checkpoint.id)
    return batch.full


def _archive_rows(writer: archive.Writer, batch: _Batch) -> tuple[int, str]:
    """Write the batch's events, checking their chain from the checkpoint's hash on the way.
    Returns the count and the last event's hash."""
    rows = AuditEvent.objects.filter(id__gte=batch.first, id__lte=batch.last).order_by("id")
    expected, count = batch.first_prev, 0
    for row in rows.values(*archive.columns()).iterator(chunk_size=2000):
        if row["prev_hash"] != expected or compute_hash(row) != row["hash"]:
            raise archive.ArchiveError(
                f"the audit chain is broken at event #{row['id']}; run regie audit verify"
            )
        writer.event(row)
        expected, count = row["hash"], count + 1
    return count, expected


def _check_unchanged(report: PruneReport, batch: _Batch) -> None:
    """Under the chain lock: what the batch was planned on still holds. Another prune would
    have moved the newest checkpoint; a hold that appeared since (a case registered under a
    number an old event carries) would keep an event of the batch."""
    newest = _newest_checkpoint()
    if (None if newest is None else newest.id) != batch.after_checkpoint:
        raise archive.ArchiveError("another prune ran at the same time; run it again")
    if _first_id() != batch.first:
        raise archive.ArchiveError("the log changed while archiving; run the prune again")
    kept, _why = _first_kept(report.cutoff, first=batch.first, upto=batch.last)
    if kept is not None:
        raise archive.ArchiveError(
            f"event #{kept} became held while archiving; run the prune again"
        )


def _checkpoint(
    writer: archive.Writer, report: PruneReport, batch: _Batch, count: int, head: str
) -> AuditEvent:
    # Written by the storage itself, not through core.audit: it is the chain's own bookkeeping,
    # and the permit in this transaction needs its id.
    checkpoint = storage.append(
        action=storage.CHECKPOINT_ACTION,
        actor=SYSTEM_ACTOR,
        object_type=storage.CHECKPOINT_OBJECT,
        object_id=writer.final.name,
        changes={
            "first_id": batch.first,
            "last_id": batch.last,
            "count": count,
            "archive": writer.final.name,
            "first_prev_hash": batch.first_prev,
            "last_hash": head,
            "cutoff": report.cutoff.isoformat(),
            "retention_years": report.years,
        },
    )
    writer.trailer(
        first_id=batch.first,
        last_id=batch.last,
        count=count,
        first_prev_hash=batch.first_prev,
        head=head,
        checkpoint_id=checkpoint.id,
    )
    writer.finish()
    return checkpoint


def _delete_up_to(last: int, count: int, checkpoint_id: int) -> None:
    permit = PrunePermit.objects.create(bound=last, checkpoint_id=checkpoint_id)
    with connection.cursor() as cursor:
        cursor.execute(_DELETE_SQL, [last])
        deleted = cursor.rowcount
    permit.delete()
    if deleted != count:
        # Cannot happen under the chain lock; if it does, roll everything back.
        raise archive.ArchiveError(f"deleted {deleted} events, archived {count}")
