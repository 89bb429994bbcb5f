"""Recording work on a case: journal entries, tasks and ZRM assessments. Like every service
these check the policy and write the timeline and the audit log in the same transaction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.cases import extensions, timeline
from regie.cases.models import (
    Case,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Task,
    TimelineEvent,
    Visibility,
    ZrmAssessment,
    ZrmScore,
)
from regie.cases.vocabulary import Cases
from regie.core import audit, locking, policy
from regie.core.vocabulary import Action

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def add_journal_entry(
    *,
    actor: User,
    case: Case,
    occurred_on: date,
    category: JournalCategory,
    text: str,
    visibility: str,
    shared_with: list[Any] | None = None,
    author_organisation: Any = None,
    action: Action = Cases.JOURNAL_CREATE,
) -> JournalEntry:
    """``action`` lets the partners app use its own rule for entries written by a partner."""
    policy.check(actor, action, case)
    _journal_date(occurred_on)
    shared = _checked_sharing(case, visibility, shared_with)
    entry = JournalEntry.objects.create(
        case=case,
        occurred_on=occurred_on,
        author=actor,
        category=category,
        text=text,
        visibility=visibility,
        author_organisation=author_organisation,
    )
    if shared:
        entry.shared_with.set(shared)
    timeline.record(
        case,
        TimelineEvent.Kind.JOURNAL,
        actor,
        gettext_noop("Journal entry: %(category)s"),
        category=category.name,
    )
    audit.record(action=Cases.JOURNAL_CREATE, actor=actor, obj=entry)
    return entry


def _not_in_future(day: date, message: str, code: str) -> None:
    """Journal, ZRM and contact dates record what happened: not after today (issue 11.4)."""
    if day > timezone.localdate():
        raise ValidationError(message, code=code)


def _journal_date(day: date) -> None:
    _not_in_future(
        day, _("The date of a journal entry cannot be in the future."), code="occurred_on"
    )


def _checked_sharing(case: Case, visibility: str, shared_with: list[Any] | None) -> list[Any]:
    """The partners an entry is shared with: only for partner visibility, only active ones. A
    regie-team entry with partners is a contradiction and refused, never saved unshared."""
    shared = list(shared_with or [])
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who may see this entry."), code="visibility")
    if visibility == Visibility.REGIE_TEAM:
        if shared:
            raise ValidationError(
                _("An entry for the regie team only cannot be shared with partners."),
                code="visibility",
            )
        return []
    if not shared:
        raise ValidationError(
            _("Choose the partners this entry is shared with."), code="shared_with"
        )
    allowed = {o.pk for o in extensions.active_partners(case)}
    if any(o.pk not in allowed for o in shared):
        raise ValidationError(
            _("Entries can only be shared with active partners of this case."), code="shared_with"
        )
    return shared


@transaction.atomic
def update_journal_entry(
    *,
    actor: User,
    entry: JournalEntry,
    expected_version: int,
    occurred_on: date,
    category: JournalCategory,
    text: str,
    visibility: str,
    shared_with: list[Any] | None = None,
) -> JournalEntry:
    policy.check(actor, Cases.JOURNAL_UPDATE, entry)
    _journal_date(occurred_on)
    shared = _checked_sharing(entry.case, visibility, shared_with)
    current = JournalEntry.objects.select_for_update().get(pk=entry.pk)
    fields = {
        "occurred_on": occurred_on,
        "category": category,
        "text": text,
        "visibility": visibility,
    }
    changed = [n for n, v in fields.items() if getattr(current, n) != v]
    locking.bump(entry, expected_version, fields, touch="updated_at")
    before = set(current.shared_with.values_list("pk", flat=True))
    if before != {o.pk for o in shared}:
        entry.shared_with.set(shared)
        changed.append("shared_with")
    if changed:
        audit.record(
            action=Cases.JOURNAL_UPDATE,
            actor=actor,
            obj=entry,
            changes=dict.fromkeys(changed, "(changed)"),
        )
    return entry


def _refresh_next_review(case: Case) -> None:
    due = Task.objects.filter(case=case, kind=Task.Kind.REVIEW, done_on__isnull=True).aggregate(
        first=Min("due_on")
    )["first"]
    Case.objects.filter(pk=case.pk).update(next_review_on=due)
    case.next_review_on = due


@transaction.atomic
def add_task(
    *,
    actor: User,
    case: Case,
    title: str,
    due_on: date,
    assignee: Any,
    kind: str,
) -> Task:
    """``kind`` has no default: a review sets the case's next review date (issue 11.4)."""
    policy.check(actor, Cases.TASK_CREATE, case)
    if kind not in Task.Kind.values:
        raise ValidationError(_("Choose whether the task is a review or a follow-up."), code="kind")
    if not assignee.has_role("teamleider", "programmamedewerker", "regisseur"):
        raise ValidationError(_("Tasks go to members of the regie team."), code="assignee")
    task = Task.objects.create(case=case, title=title, due_on=due_on, assignee=assignee, kind=kind)
    _refresh_next_review(case)
    timeline.record(
        case,
        TimelineEvent.Kind.TASK,
        actor,
        gettext_noop("Task: %(title)s (due %(due)s)"),
        title=title,
        due=due_on.isoformat(),
    )
    audit.record(action=Cases.TASK_CREATE, actor=actor, obj=task)
    return task


@transaction.atomic
def complete_task(*, actor: User, task: Task) -> Task:
    policy.check(actor, Cases.TASK_COMPLETE, task)
    task.done_on = timezone.localdate()
    task.save(update_fields=["done_on"])
    _refresh_next_review(task.case)
    timeline.record(
        task.case,
        TimelineEvent.Kind.TASK,
        actor,
        gettext_noop("Task done: %(title)s"),
        title=task.title,
    )
    audit.record(action=Cases.TASK_COMPLETE, actor=actor, obj=task)
    return task


@transaction.atomic
def add_zrm(
    *, actor: User, case: Case, assessed_on: date, scores: dict[LifeDomain, int], note: str = ""
) -> ZrmAssessment:
    policy.check(actor, Cases.ZRM_CREATE, case)
    _not_in_future(
        assessed_on, _("The date of a ZRM assessment cannot be in the future."), "assessed_on"
    )
    if not scores:
        raise ValidationError(_("Score at least one life domain."), code="empty")
    if any(not 1 <= score <= 5 for score in scores.values()):
        raise ValidationError(_("ZRM scores run from 1 to 5."), code="range")
    assessment = ZrmAssessment.objects.create(
        case=case, assessed_on=assessed_on, assessor=actor, note=note
    )
    ZrmScore.objects.bulk_create(
        ZrmScore(assessment=assessment, domain=domain, score=score)
        for domain, score in scores.items()
    )
    timeline.record(
        case,
        TimelineEvent.Kind.ZRM,
        actor,
        gettext_noop("ZRM assessment of %(date)s"),
        date=assessed_on.isoformat(),
    )
    audit.record(action=Cases.ZRM_CREATE, actor=actor, obj=assessment)
    return assessment
