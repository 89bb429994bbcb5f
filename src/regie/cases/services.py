"""Writes on persons and cases. Every function checks the policy, writes the timeline and the
audit log in the same transaction, and refuses stale edits (optimistic locking)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.cases import extensions, workflow
from regie.cases.models import (
    Case,
    ClosingReason,
    FlagType,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Person,
    Phase,
    Task,
    Theme,
    TimelineEvent,
    Visibility,
    ZrmAssessment,
    ZrmScore,
)
from regie.core import audit, locking, policy
from regie.core.dates import add_years
from regie.core.locking import Conflict


def _timeline(
    case: Case,
    kind: str,
    actor: Any,
    summary: str,
    reason: str = "",
    **params: Any,
) -> None:
    """Store the untranslated message and its parameters; the timeline renders them in the
    reader's language (see ``TimelineEvent.text``)."""
    TimelineEvent.objects.create(
        params=params,
        case=case,
        kind=kind,
        at=timezone.now(),
        actor=actor if actor else None,
        summary=summary[:300],
        reason=reason,
    )


def add_timeline_event(
    *, case: Case, kind: str, actor: Any, summary: str, reason: str = "", **params: Any
) -> None:
    """For other apps (partners, interventions): ``summary`` is an untranslated msgid
    (``gettext_noop``) with ``%(name)s`` parameters; a ``name`` parameter is hidden outside the
    regie team on protected cases."""
    _timeline(case, kind, actor, summary, reason, **params)


def _prefix() -> str:
    return str(getattr(settings, "REGIE_CASE_PREFIX", "PGA"))


def next_case_number(today: date) -> str:
    from regie.cases.models import Tombstone

    stem = f"{_prefix()}-{today.year}-"
    pattern = re.compile(rf"^{re.escape(stem)}(\d+)$")
    numbers = [
        *Case.objects.filter(number__startswith=stem).values_list("number", flat=True),
        *Tombstone.objects.filter(case_number__startswith=stem).values_list(
            "case_number", flat=True
        ),
    ]
    highest = max((int(m.group(1)) for n in numbers if (m := pattern.match(n))), default=0)
    return f"{stem}{highest + 1:04d}"


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str
    date_of_birth: date | None
    bsn: str
    area_id: int


def create_case(
    *,
    actor: Any,
    person: Person | None = None,
    person_data: PersonData | None = None,
    theme: Theme,
    area: Any,
    regisseur: Any = None,
    summary: str = "",
    opened_on: date | None = None,
) -> Case:
    policy.check(actor, "cases.create")
    for _attempt in range(5):
        try:
            return _create_case(
                actor,
                person,
                person_data,
                theme,
                area,
                regisseur,
                summary,
                opened_on or timezone.localdate(),
            )
        except IntegrityError as exc:
            if "number" not in str(exc).lower() and "unique" not in str(exc).lower():
                raise
            if (
                person is not None
                and Case.objects.filter(person=person).exclude(phase=Phase.AFGESLOTEN).exists()
            ):
                raise ValidationError(
                    _("This person already has an open case."), code="open_case"
                ) from exc
    raise ValidationError(_("Could not assign a case number; try again."))


@transaction.atomic
def _create_case(
    actor: Any,
    person: Person | None,
    person_data: PersonData | None,
    theme: Theme,
    area: Any,
    regisseur: Any,
    summary: str,
    opened_on: date,
) -> Case:
    if person is None:
        if person_data is None:
            raise ValueError("person or person_data is required")
        person = Person(
            first_name=person_data.first_name,
            last_name=person_data.last_name,
            date_of_birth=person_data.date_of_birth,
            bsn=person_data.bsn,
            area_id=person_data.area_id,
        )
        person.full_clean()
        person.save()
        audit.record(action="cases.person.create", actor=actor, obj=person)
    elif Case.objects.filter(person=person).exclude(phase=Phase.AFGESLOTEN).exists():
        raise ValidationError(_("This person already has an open case."), code="open_case")
    now = timezone.now()
    case = Case.objects.create(
        number=next_case_number(opened_on),
        person=person,
        theme=theme,
        area=area,
        regisseur=regisseur,
        phase=Phase.AANMELDING,
        phase_since=now,
        opened_on=opened_on,
        summary=summary,
    )
    _timeline(case, TimelineEvent.Kind.CREATED, actor, gettext_noop("Case registered"))
    if regisseur is not None:
        _timeline(
            case,
            TimelineEvent.Kind.ASSIGNMENT,
            actor,
            gettext_noop("Assigned to %(name)s"),
            name=regisseur.get_full_name(),
        )
    audit.record(
        action="cases.case.create",
        actor=actor,
        obj=case,
        changes={"phase": [None, case.phase], "theme": [None, theme.name]},
    )
    return case


def _lock(case: Case, expected_version: int | None, fields: dict[str, Any]) -> None:
    """Write ``fields`` under the case's optimistic lock (``core.locking.bump``)."""
    locking.bump(case, expected_version, fields, touch="updated_at")


@transaction.atomic
def transition(
    *,
    actor: Any,
    case: Case,
    target: str,
    reason: str = "",
    closing_reason: ClosingReason | None = None,
    expected_version: int | None = None,
) -> Case:
    if workflow.find(case.phase, target) is None:
        raise ValidationError(_("This phase change is not possible."), code="no_transition")
    policy.check(actor, "cases.transition", case)
    if not workflow.may(actor, case, target):
        # The workflow table is the policy for individual phase changes.
        audit.record(
            action="cases.case.transition",
            actor=actor,
            obj=case,
            result=audit.DENIED,
            independent=True,
            changes={"phase": [case.phase, target]},
        )
        raise PermissionDenied("cases.transition")
    reason = reason.strip()
    if target != Phase.AFGESLOTEN and closing_reason is not None:
        # "instroom → regie (Detentie)": a closing reason belongs only to closing.
        raise ValidationError(
            _("A closing reason is only given when the case is closed."), code="closing_reason"
        )
    if target == Phase.AFGESLOTEN and closing_reason is None:
        raise ValidationError(_("Choose a closing reason."), code="closing_reason")
    if not reason:
        # Every phase change says why (issue 11.4), closing too: the list item is not a why.
        raise ValidationError(_("Give a reason for this phase change."), code="reason")
    today = timezone.localdate()
    fields: dict[str, Any] = {"phase": target, "phase_since": timezone.now()}
    if target == Phase.AFGESLOTEN:
        years = int(getattr(settings, "REGIE_RETENTION_YEARS", 5))
        fields.update(
            closed_on=today, closing_reason=closing_reason, delete_after=add_years(today, years)
        )
    elif case.phase == Phase.AFGESLOTEN:
        fields.update(closed_on=None, closing_reason=None, delete_after=None)
    source = case.phase
    _lock(case, expected_version, fields)
    if closing_reason is not None:
        _timeline(
            case,
            TimelineEvent.Kind.PHASE,
            actor,
            gettext_noop("Phase: %(source)s → %(target)s (%(closing_reason)s)"),
            reason,
            source=source,
            target=target,
            closing_reason=closing_reason.name,
        )
    else:
        _timeline(
            case,
            TimelineEvent.Kind.PHASE,
            actor,
            gettext_noop("Phase: %(source)s → %(target)s"),
            reason,
            source=source,
            target=target,
        )
    audit.record(
        action="cases.case.transition", actor=actor, obj=case, changes={"phase": [source, target]}
    )
    if target == Phase.AFGESLOTEN:
        # Higher apps end what the case carried (partner registrations) in this transaction.
        extensions.case_closed(case, actor)
    return case


@transaction.atomic
def assign(
    *, actor: Any, case: Case, regisseur: Any, reason: str, expected_version: int | None = None
) -> Case:
    policy.check(actor, "cases.assign", case)
    if not reason.strip():
        raise ValidationError(_("Give a reason for the reassignment."), code="reason")
    if regisseur is not None and not regisseur.has_role("regisseur"):
        raise ValidationError(_("Only a case director can direct a case."), code="regisseur")
    previous = case.regisseur
    if previous == regisseur:
        return case
    _lock(case, expected_version, {"regisseur": regisseur})
    name = regisseur.get_full_name() if regisseur else ""
    _timeline(
        case,
        TimelineEvent.Kind.ASSIGNMENT,
        actor,
        gettext_noop("Assigned to %(name)s") if name else gettext_noop("Made a vacancy"),
        reason.strip(),
        name=name,
    )
    audit.record(
        action="cases.case.assign",
        actor=actor,
        obj=case,
        changes={
            "regisseur": [
                previous.username if previous else None,
                regisseur.username if regisseur else None,
            ]
        },
    )
    return case


@transaction.atomic
def bulk_assign(*, actor: Any, cases: list[Case], regisseur: Any, reason: str) -> int:
    changed = 0
    for case in cases:
        before = case.regisseur_id
        assign(actor=actor, case=case, regisseur=regisseur, reason=reason)
        changed += int(before != case.regisseur_id)
    return changed


@transaction.atomic
def update_case(
    *, actor: Any, case: Case, expected_version: int, summary: str, theme: Theme, area: Any
) -> Case:
    policy.check(actor, "cases.edit", case)
    fields = {"summary": summary, "theme": theme, "area": area}
    changed = [n for n, v in fields.items() if getattr(case, n) != v]
    _lock(case, expected_version, fields)
    if changed:
        _timeline(
            case,
            TimelineEvent.Kind.EDIT,
            actor,
            gettext_noop("Changed: %(fields)s"),
            fields=changed,
        )
        audit.record(
            action="cases.case.update",
            actor=actor,
            obj=case,
            changes=dict.fromkeys(changed, "(changed)"),
        )
    return case


@transaction.atomic
def set_flags(
    *, actor: Any, case: Case, flags: list[FlagType], expected_version: int | None = None
) -> Case:
    policy.check(actor, "cases.flags", case)
    before = set(case.flags.all())
    after = set(flags)
    if expected_version is not None:
        current = Case.objects.get(pk=case.pk)
        if current.version != expected_version:
            stored = FlagType.objects.filter(cases=case).order_by("name")
            raise Conflict({"flags": (sorted(map(str, after)), [str(f) for f in stored])})
    if before == after:
        return case
    _lock(case, expected_version, {})
    case.flags.set(after)
    for flag in sorted(after - before, key=str):
        _timeline(
            case,
            TimelineEvent.Kind.FLAG,
            actor,
            gettext_noop("Flag set: %(flag)s"),
            flag=flag.name,
        )
    for flag in sorted(before - after, key=str):
        _timeline(
            case,
            TimelineEvent.Kind.FLAG,
            actor,
            gettext_noop("Flag removed: %(flag)s"),
            flag=flag.name,
        )
    audit.record(
        action="cases.case.flags",
        actor=actor,
        obj=case,
        changes={"flags": [sorted(f.code for f in before), sorted(f.code for f in after)]},
    )
    return case


@transaction.atomic
def add_journal_entry(
    *,
    actor: Any,
    case: Case,
    occurred_on: date,
    category: JournalCategory,
    text: str,
    visibility: str,
    shared_with: list[Any] | None = None,
    author_organisation: Any = None,
    action: str = "cases.journal.add",
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
    _timeline(
        case,
        TimelineEvent.Kind.JOURNAL,
        actor,
        gettext_noop("Journal entry: %(category)s"),
        category=category.name,
    )
    audit.record(action="cases.journal.create", actor=actor, obj=entry)
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
    actor: Any,
    entry: JournalEntry,
    expected_version: int,
    occurred_on: date,
    category: JournalCategory,
    text: str,
    visibility: str,
    shared_with: list[Any] | None = None,
) -> JournalEntry:
    policy.check(actor, "cases.journal.edit", entry)
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
            action="cases.journal.update",
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
    actor: Any,
    case: Case,
    title: str,
    due_on: date,
    assignee: Any,
    kind: str,
) -> Task:
    """``kind`` has no default: a review sets the case's next review date (issue 11.4)."""
    policy.check(actor, "cases.task.add", case)
    if kind not in Task.Kind.values:
        raise ValidationError(_("Choose whether the task is a review or a follow-up."), code="kind")
    if not assignee.has_role("teamleider", "programmamedewerker", "regisseur"):
        raise ValidationError(_("Tasks go to members of the regie team."), code="assignee")
    task = Task.objects.create(case=case, title=title, due_on=due_on, assignee=assignee, kind=kind)
    _refresh_next_review(case)
    _timeline(
        case,
        TimelineEvent.Kind.TASK,
        actor,
        gettext_noop("Task: %(title)s (due %(due)s)"),
        title=title,
        due=due_on.isoformat(),
    )
    audit.record(action="cases.task.create", actor=actor, obj=task)
    return task


@transaction.atomic
def complete_task(*, actor: Any, task: Task) -> Task:
    policy.check(actor, "cases.task.complete", task)
    task.done_on = timezone.localdate()
    task.save(update_fields=["done_on"])
    _refresh_next_review(task.case)
    _timeline(
        task.case,
        TimelineEvent.Kind.TASK,
        actor,
        gettext_noop("Task done: %(title)s"),
        title=task.title,
    )
    audit.record(action="cases.task.complete", actor=actor, obj=task)
    return task


@transaction.atomic
def add_zrm(
    *, actor: Any, case: Case, assessed_on: date, scores: dict[LifeDomain, int], note: str = ""
) -> ZrmAssessment:
    policy.check(actor, "cases.zrm.add", case)
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
    _timeline(
        case,
        TimelineEvent.Kind.ZRM,
        actor,
        gettext_noop("ZRM assessment of %(date)s"),
        date=assessed_on.isoformat(),
    )
    audit.record(action="cases.zrm.create", actor=actor, obj=assessment)
    return assessment
