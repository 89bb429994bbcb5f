"""Writing and verifying the audit chain. Only ``regie.core.audit`` should call ``append``."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from regie.audit.chain import GENESIS, HASHED_FIELDS, compute_hash
from regie.audit.models import AuditEvent
from regie.core.vocabulary import Kernel

OK = AuditEvent.Result.OK.value
DENIED = AuditEvent.Result.DENIED.value

# Arbitrary constant naming the chain's advisory lock on PostgreSQL.
_PG_LOCK_KEY = 727_001

_LIMITS = {
    "actor": 150,
    "on_behalf_of": 150,
    "role": 64,
    "organisation": 200,
    "action": 100,
    "object_type": 100,
    "object_id": 100,
    "case_id": 40,
    "user_agent": 300,
    "request_id": 32,
    "path": 300,
}


def _lock_chain() -> None:
    # PostgreSQL: serialise appenders until commit. SQLite: BEGIN IMMEDIATE (see settings)
    # already holds the database write lock for the whole transaction.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


_HEAD_SQL = f"SELECT hash FROM {AuditEvent._meta.db_table} ORDER BY id DESC LIMIT 1"  # noqa: S608


def head() -> str:
    """The hash of the chain's last event (``GENESIS`` on an empty log): what readiness reads."""
    return _head()


def _head() -> str:
    # On a plain cursor: every audited request asks this, and the ORM spent more time building
    # the statement than the database spent answering it.
    with connection.cursor() as cursor:
        cursor.execute(_HEAD_SQL)
        last = cursor.fetchone()
    return str(last[0]) if last else GENESIS


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    values = {name: fields.get(name) for name in HASHED_FIELDS if name != "prev_hash"}
    for name, limit in _LIMITS.items():
        values[name] = str(values.get(name) or "").replace("\x00", "")[:limit]
    values["result"] = values.get("result") or OK
    if values["result"] not in (OK, DENIED):
        raise ValueError(f"audit result must be ok or denied, got {values['result']!r}")
    values["changes"] = values.get("changes") or {}
    values["ip"] = _normal_ip(values.get("ip"))
    values["occurred_at"] = timezone.now()
    return values


def _normal_ip(value: object) -> str | None:
    try:
        if not value:
            return None
        ipaddress.ip_address(str(value))
        # The same normalisation the field applies on save, so the hash covers what is stored.
        prepared = AuditEvent._meta.get_field("ip").get_prep_value(str(value))
        return str(prepared) if prepared else None
    except ValueError:
        return None


def append_many(events: Iterable[dict[str, Any]]) -> list[AuditEvent]:
    """Append events in order, in one statement; the chain lock makes ids follow hash order."""
    created: list[AuditEvent] = []
    with transaction.atomic():
        _lock_chain()
        prev = _head()
        for fields in events:
            values = _clean(fields)
            values["prev_hash"] = prev
            event = AuditEvent(**values, hash=compute_hash(values))
            prev = event.hash
            created.append(event)
        if created:
            AuditEvent.objects.bulk_create(created, batch_size=500)
    return created


def append(**fields: Any) -> AuditEvent:
    return append_many([fields])[0]


CHECKPOINT_ACTION = Kernel.AUDIT_CHECKPOINT
CHECKPOINT_OBJECT = "audit.archive"


@dataclass(frozen=True)
class Checkpoint:
    """What an ``audit.checkpoint`` event says about the prefix it archived (ADR 0015)."""

    id: int
    first_id: int
    last_id: int
    count: int
    archive: str
    first_prev_hash: str
    last_hash: str

    @classmethod
    def from_event(cls, event_id: int, changes: Any) -> Checkpoint:
        """Raises ``ValueError`` when the event does not say all of it."""
        try:
            values = {
                name: changes[name]
                for name in ("first_id", "last_id", "count", "archive", "first_prev_hash")
            }
            values["last_hash"] = changes["last_hash"]
        except (KeyError, TypeError):
            raise ValueError("checkpoint event is malformed") from None
        ints = (values["first_id"], values["last_id"], values["count"])
        texts = (values["archive"], values["first_prev_hash"], values["last_hash"])
        if not all(type(v) is int for v in ints) or not all(isinstance(v, str) for v in texts):
            raise ValueError("checkpoint event is malformed")
        return cls(id=event_id, **values)


def checkpoints() -> Any:
    return AuditEvent.objects.filter(
        action=CHECKPOINT_ACTION, object_type=CHECKPOINT_OBJECT, result=OK
    )


def newest_checkpoint() -> Checkpoint | None:
    """Where the log now begins. Raises ``ValueError`` when that event is malformed."""
    row = checkpoints().order_by("-id").values("id", "changes").first()
    return None if row is None else Checkpoint.from_event(row["id"], row["changes"])


@dataclass(frozen=True)
class Verification:
    intact: bool
    count: int
    head: str
    broken_id: int | None = None
    reason: str = ""
    # The newest checkpoint, where the walk started; ``None`` when nothing was ever pruned.
    checkpoint: Checkpoint | None = None


def verify_chain(*, chunk_size: int = 2000) -> Verification:
    """Walk the chain in id order from the newest checkpoint (or from genesis).

    Events up to the checkpoint's ``last_id`` were archived and deleted in the checkpoint's own
    transaction, so one still present means the checkpoint is not what it claims; the first
    event after them must chain onto the checkpoint's ``last_hash``, and the checkpoint event
    itself is verified like any other on the way."""
    prev, after = GENESIS, 0
    try:
        start = newest_checkpoint()
    except ValueError as exc:
        bad = checkpoints().order_by("-id").values_list("id", flat=True).first()
        return Verification(False, 1, GENESIS, bad, str(exc))
    if start is not None:
        prev, after = start.last_hash, start.last_id
        leftover = AuditEvent.objects.filter(id__lte=after).order_by("id").values_list("id")
        first_left = leftover.first()
        if first_left is not None:
            reason = f"archived by checkpoint #{start.id} but still present"
            return Verification(False, 1, prev, first_left[0], reason, start)
    count = 0
    values = [*list(HASHED_FIELDS), "id", "hash"]
    rows = AuditEvent.objects.filter(id__gt=after).order_by("id").values(*values)
    for row in rows.iterator(chunk_size=chunk_size):
        count += 1
        if row["prev_hash"] != prev:
            reason = "prev_hash does not match the event before it"
            if count == 1 and start is not None:
                reason = f"prev_hash does not match the last hash of checkpoint #{start.id}"
            return Verification(False, count, prev, row["id"], reason, start)
        if compute_hash(row) != row["hash"]:
            reason = "content does not match its hash"
            return Verification(False, count, prev, row["id"], reason, start)
        prev = row["hash"]
    return Verification(True, count, prev, checkpoint=start)
