"""Writing a chunk of generated rows: ``COPY`` on PostgreSQL (``bulk_create`` elsewhere), with
primary keys reserved from the tables' own sequences so children can point at their parents,
and the chunk's audit events chained onto the head of the log in the same transaction."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

from regie.audit.chain import compute_hash
from regie.audit.models import AuditEvent
from regie.cases.models import (
    Case,
    JournalEntry,
    Person,
    Task,
    TimelineEvent,
    ZrmAssessment,
    ZrmScore,
)
from regie.core import audit as audit_log
from regie.core.vocabulary import Kernel


class Table:
    """Rows for one model, written with COPY on PostgreSQL and bulk_create elsewhere.

    ``attnames`` are the columns the generator fills; every other concrete field gets its
    default, so a field added later with a default does not break the generator.
    """

    def __init__(self, model: type[models.Model], attnames: Sequence[str]) -> None:
        self.model = model
        by_name = {f.attname: f for f in model._meta.concrete_fields}
        missing = [name for name in attnames if name not in by_name]
        if missing:
            raise RuntimeError(f"{model.__name__} has no field(s) {missing}")
        self.names = list(attnames)
        self.fields = [by_name[name] for name in attnames]
        self.extra: list[tuple[models.Field[Any, Any], Any]] = []
        for f in model._meta.concrete_fields:
            if (
                f.attname in attnames
                or f.primary_key
                or getattr(f, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
            ):
                continue
            self.extra.append((f, _default(f)))
        self.json = [isinstance(f, models.JSONField) for f in self.fields]
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def write(self) -> int:
        count = len(self.rows)
        if count:
            if connection.vendor == "postgresql":
                self._copy()
            else:
                self._bulk_create()
        self.rows = []
        return count

    def _copy(self) -> None:
        quote = connection.ops.quote_name
        columns = [f.column for f in self.fields] + [f.column for f, _ in self.extra]
        extra = tuple(_for_copy(f, value) for f, value in self.extra)
        json_at = [i for i, is_json in enumerate(self.json) if is_json]
        sql = (
            f"COPY {quote(self.model._meta.db_table)} "
            f"({', '.join(quote(c) for c in columns)}) FROM STDIN"
        )
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in self.rows:
                if json_at:
                    values = list(row)
                    for i in json_at:
                        values[i] = json.dumps(values[i], ensure_ascii=False)
                    copy.write_row((*values, *extra))
                else:
                    copy.write_row((*row, *extra))

    def _bulk_create(self) -> None:
        extra = {f.attname: value for f, value in self.extra}
        objects = [
            self.model(**extra, **dict(zip(self.names, row, strict=True))) for row in self.rows
        ]
        self.model._default_manager.bulk_create(objects, batch_size=500)


def _default(f: models.Field[Any, Any]) -> Any:
    if f.has_default():
        return f.get_default()
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return timezone.now()
    if f.null:
        return None
    raise RuntimeError(
        f"regie.bench does not know how to fill {f.model.__name__}.{f.name}; "
        "add it to regie/bench/writing.py"
    )


def _for_copy(f: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(f, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    return value


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for ``count`` new rows, taken from the table's own sequence."""
    if count == 0:
        return []
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
    start = (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    start = max(start, _LOCAL_NEXT.get(table, 1))
    _LOCAL_NEXT[table] = start + count
    return list(range(start, start + count))


_LOCAL_NEXT: dict[str, int] = {}


@dataclass
class Stats:
    cases: int = 0
    persons: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    write_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def count(self, name: str, n: int, seconds: float = 0.0) -> None:
        self.rows[name] = self.rows.get(name, 0) + n
        self.write_seconds[name] = self.write_seconds.get(name, 0.0) + seconds


# fmt: off
AUDIT_FIELDS = [
    "occurred_at", "actor_id", "actor", "on_behalf_of", "role", "organisation", "action",
    "object_type", "object_id", "case_id", "result", "ip", "user_agent", "request_id",
    "changes", "prev_hash", "hash",
]
# fmt: on


class Batch:
    """The rows of one chunk of cases, in the order they are written."""

    def __init__(self, timeline_params: bool) -> None:
        self.cases_count = 0
        # fmt: off
        self.persons = Table(Person, [
            "id", "first_name", "last_name", "date_of_birth", "bsn", "area_id", "search_name",
            "given_key", "surname_key", "created_at",
        ])
        self.cases = Table(Case, [
            "id", "number", "person_id", "theme_id", "area_id", "regisseur_id", "phase",
            "phase_since", "opened_on", "closed_on", "closing_reason_id", "delete_after",
            "next_review_on", "summary", "version", "created_at", "updated_at",
        ])
        self.case_flags = Table(Case.flags.through, ["case_id", "flagtype_id"])
        self.journal = Table(JournalEntry, [
            "id", "case_id", "occurred_on", "author_id", "category_id", "text", "visibility",
            "version", "created_at", "updated_at",
        ])
        self.tasks = Table(Task, [
            "id", "case_id", "kind", "title", "due_on", "assignee_id", "done_on", "created_at",
        ])
        self.assessments = Table(ZrmAssessment, [
            "id", "case_id", "assessed_on", "assessor_id", "note", "created_at",
        ])
        # fmt: on
        self.scores = Table(ZrmScore, ["assessment_id", "domain_id", "score"])
        timeline_fields = ["case_id", "kind", "at", "actor_id", "summary", "reason"]
        if timeline_params:
            timeline_fields.append("params")
        self.timeline = Table(TimelineEvent, timeline_fields)
        self.audit = Table(AuditEvent, AUDIT_FIELDS)
        # Audit events without their hashes: those are chained on when the batch is written.
        self.events: list[dict[str, Any]] = []

    def tables(self) -> list[tuple[str, Table]]:
        return [
            ("persons", self.persons),
            ("cases", self.cases),
            ("case flags", self.case_flags),
            ("journal entries", self.journal),
            ("ZRM assessments", self.assessments),
            ("ZRM scores", self.scores),
            ("tasks", self.tasks),
            ("timeline events", self.timeline),
        ]


def write_batch(batch: Batch, stats: Stats) -> None:
    """One transaction per batch. The batch's audit events are chained onto the head of the log
    while holding its lock: the first event goes through the façade (which takes the lock until
    this transaction commits), the others follow it with ``compute_hash``, in id order."""
    with transaction.atomic():
        for name, table in batch.tables():
            started = time.perf_counter()
            stats.count(name, table.write(), time.perf_counter() - started)
        started = time.perf_counter()
        audit_log.record(
            action=Kernel.BENCH_GENERATE,
            actor_name="regie bench generate",
            changes={"cases": batch.cases_count},
        )
        head = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        if head is None:
            raise RuntimeError("the audit log has no head after writing to it")
        prev = head
        for values in batch.events:
            values["prev_hash"] = prev
            values["hash"] = prev = compute_hash(values)
            batch.audit.add(*(values[name] for name in AUDIT_FIELDS))
        batch.events = []
        stats.count("audit events", batch.audit.write() + 1, time.perf_counter() - started)
        started = time.perf_counter()
    # Commit: the deferred foreign-key checks run here.
    stats.count("(commit)", 0, time.perf_counter() - started)
