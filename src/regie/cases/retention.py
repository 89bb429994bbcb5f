"""Retention: closed cases are deleted once their retention period has ended.

A case gets ``delete_after`` when it is closed (closing date + ``REGIE_RETENTION_YEARS``; see
``services.transition``). ``run`` deletes every closed case whose date has come, with everything
recorded on it (journal, tasks, ZRM assessments and scores, timeline, flags: all cascade from
the case), and the person too once no other case of theirs is left. What remains is a
``Tombstone`` (case number, dates, reason) and one audit event per case: neither holds personal
data.

Every case is deleted in its own transaction: a failure rolls back that one case completely
(tombstone and audit event included) and the run goes on with the next one. The audit log is
append-only and hash-chained; retention only ever appends to it, so the chain still verifies.

Called by ``regie retention run`` (daily, from cron or a systemd timer) and by the
``retention_task`` in ``cases/tasks.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from regie.cases.models import Case, Person, Phase, Tombstone
from regie.cases.vocabulary import Cases
from regie.core import audit

if TYPE_CHECKING:
    from regie.accounts.models import User

logger = logging.getLogger(__name__)

REASON = "retention period ended"
ACTION = Cases.RETENTION_DELETE
# The audit log's actor when retention runs unattended (command, scheduled task).
SYSTEM_ACTOR = "system:retention"


@dataclass
class RetentionReport:
    today: date
    dry_run: bool = False
    # Case numbers only: a report may end up in a log or a mailbox.
    due: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    persons_deleted: int = 0

    @property
    def cases_deleted(self) -> int:
        return len(self.deleted)

    def summary(self) -> str:
        if self.dry_run:
            return f"retention (dry run): {len(self.due)} cases due, nothing deleted"
        return (
            f"retention: {self.cases_deleted} cases deleted, "
            f"{self.persons_deleted} persons deleted, {len(self.failed)} failed"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "due": list(self.due),
            "deleted": list(self.deleted),
            "failed": list(self.failed),
            "cases_deleted": self.cases_deleted,
            "persons_deleted": self.persons_deleted,
        }


def due_cases(today: date) -> list[tuple[int, str]]:
    """(pk, number) of closed cases whose retention date is today or earlier, oldest first.

    Open cases are never due, whatever their ``delete_after`` says (a reopened case keeps no
    date, but the phase is what counts)."""
    return list(
        Case.objects.filter(
            phase=Phase.AFGESLOTEN, delete_after__isnull=False, delete_after__lte=today
        )
        .order_by("delete_after", "id")
        .values_list("pk", "number")
    )


def run(*, today: date, actor: User | None = None, dry_run: bool = False) -> RetentionReport:
    report = RetentionReport(today=today, dry_run=dry_run)
    candidates = due_cases(today)
    report.due = [number for _pk, number in candidates]
    if dry_run:
        return report
    for pk, number in candidates:
        try:
            outcome = _delete_case(pk, today=today, actor=actor)
        except Exception:
            # The case's transaction is rolled back whole; no names in the log either.
            logger.exception("retention: deleting case %s (id %s) failed", number, pk)
            report.failed.append(number)
            continue
        if outcome is None:  # reopened or changed since the candidates were listed
            continue
        report.deleted.append(number)
        report.persons_deleted += int(outcome)
    logger.info(report.summary())
    return report


@transaction.atomic
def _delete_case(pk: int, *, today: date, actor: User | None) -> bool | None:
    """Delete one case (and its person when this was their last case).

    Returns whether the person was deleted, or ``None`` when the case is no longer due."""
    case = (
        Case.objects.select_for_update()
        .filter(pk=pk, phase=Phase.AFGESLOTEN, delete_after__isnull=False, delete_after__lte=today)
        .first()
    )
    if case is None:
        return None
    # Lock the person too, so nobody opens a new case for them while they are being deleted.
    person = Person.objects.select_for_update().get(pk=case.person_id)
    tombstone = Tombstone.objects.create(
        case_number=case.number,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        deleted_on=today,
        reason=REASON,
    )
    case.delete()
    person_deleted = not Case.objects.filter(person_id=person.pk).exists()
    if person_deleted:
        person.delete()
    audit.record(
        action=ACTION,
        actor=actor,
        actor_name="" if actor is not None else SYSTEM_ACTOR,
        object_type="cases.case",
        object_id=str(pk),
        case_id=tombstone.case_number,
        changes={"tombstone": tombstone.pk, "person_deleted": person_deleted},
    )
    return person_deleted


def audit_hold() -> Q:
    """The audit events to keep while this app still holds what they are about: events on a
    case that retention has not deleted (by its number in ``case_id``), and on a person who
    still exists (``cases.person`` and the id). Registered with ``audit.extensions``; the audit
    log's retention keeps these however old they are."""
    persons = Person.objects.annotate(audit_id=Cast("pk", CharField())).values("audit_id")
    return Q(case_id__in=Case.objects.values("number")) | Q(
        object_type="cases.person", object_id__in=persons
    )
