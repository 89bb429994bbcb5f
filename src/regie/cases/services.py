"""Writes on persons and cases. Every function checks the policy, writes the timeline and the
audit log in the same transaction, and refuses stale edits (optimistic locking)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.cases import duplicates, extensions, timeline, workflow
from regie.cases.models import (
    Case,
    ClosingReason,
    FlagType,
    Person,
    Phase,
    Theme,
    TimelineEvent,
)

# Recording work on a case (journal, tasks, ZRM) lives in services_work; other apps reach it here.
# Recording work on a case (journal, tasks, ZRM) and the timeline live in their own modules;
# other apps reach them here, as they use cases only through its services.
from regie.cases.services_duplicates import register_different_person as register_different_person
from regie.cases.services_duplicates import register_same_person as register_same_person
from regie.cases.services_work import add_journal_entry as add_journal_entry
from regie.cases.services_work import add_task as add_task
from regie.cases.services_work import add_zrm as add_zrm
from regie.cases.services_work import complete_task as complete_task
from regie.cases.services_work import update_journal_entry as update_journal_entry
from regie.cases.timeline import add_timeline_event as add_timeline_event
from regie.cases.vocabulary import Cases
from regie.core import audit, locking, policy
from regie.core.dates import add_years
from regie.core.locking import Conflict

if TYPE_CHECKING:
    from regie.accounts.models import User


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
    actor: User,
    person: Person | None = None,
    person_data: PersonData | None = None,
    theme: Theme,
    area: Any,
    regisseur: User | None = None,
    summary: str = "",
    opened_on: date | None = None,
    intake: bool = False,
) -> Case:
    """``intake``: opened by the Weegploeg's instroom decision (``Cases.CASE_INTAKE``)."""
    policy.check(actor, Cases.CASE_INTAKE if intake else Cases.CASE_CREATE)
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
    actor: User,
    person: Person | None,
    person_data: PersonData | None,
    theme: Theme,
    area: Any,
    regisseur: User | None,
    summary: str,
    opened_on: date,
) -> Case:
    if person is None:
        if person_data is None:
            raise ValueError("person or person_data is required")
        if taken := duplicates.bsn_taken(actor, person_data.bsn):
            raise ValidationError({"bsn": taken})
        person = Person(
            first_name=person_data.first_name,
            last_name=person_data.last_name,
            date_of_birth=person_data.date_of_birth,
            bsn=person_data.bsn,
            area_id=person_data.area_id,
        )
        person.full_clean()
        person.save()
        audit.record(action=Cases.PERSON_CREATE, actor=actor, obj=person)
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
    timeline.record(case, TimelineEvent.Kind.CREATED, actor, gettext_noop("Case registered"))
    if regisseur is not None:
        timeline.record(
            case,
            TimelineEvent.Kind.ASSIGNMENT,
            actor,
            gettext_noop("Assigned to %(name)s"),
            name=regisseur.get_full_name(),
        )
    audit.record(
        action=Cases.CASE_CREATE,
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
    actor: User,
    case: Case,
    target: str,
    reason: str = "",
    closing_reason: ClosingReason | None = None,
    expected_version: int | None = None,
) -> Case:
    if workflow.find(case.phase, target) is None:
        raise ValidationError(_("This phase change is not possible."), code="no_transition")
    policy.check(actor, Cases.CASE_TRANSITION, case)
    if not workflow.may(actor, case, target):
        # The workflow table is the policy for individual phase changes.
        audit.record(
            action=Cases.CASE_TRANSITION,
            actor=actor,
            obj=case,
            result=audit.DENIED,
            independent=True,
            changes={"phase": [case.phase, target]},
        )
        raise PermissionDenied(Cases.CASE_TRANSITION)
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
        timeline.record(
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
        timeline.record(
            case,
            TimelineEvent.Kind.PHASE,
            actor,
            gettext_noop("Phase: %(source)s → %(target)s"),
            reason,
            source=source,
            target=target,
        )
    audit.record(
        action=Cases.CASE_TRANSITION, actor=actor, obj=case, changes={"phase": [source, target]}
    )
    if target == Phase.AFGESLOTEN:
        # Higher apps end what the case carried (partner registrations) in this transaction.
        extensions.case_closed(case, actor)
    return case


@transaction.atomic
def assign(
    *,
    actor: User,
    case: Case,
    regisseur: User | None,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    policy.check(actor, Cases.CASE_ASSIGN, case)
    if not reason.strip():
        raise ValidationError(_("Give a reason for the reassignment."), code="reason")
    if regisseur is not None and not regisseur.has_role("regisseur"):
        raise ValidationError(_("Only a case director can direct a case."), code="regisseur")
    previous = case.regisseur
    if previous == regisseur:
        return case
    _lock(case, expected_version, {"regisseur": regisseur})
    name = regisseur.get_full_name() if regisseur else ""
    timeline.record(
        case,
        TimelineEvent.Kind.ASSIGNMENT,
        actor,
        gettext_noop("Assigned to %(name)s") if name else gettext_noop("Made a vacancy"),
        reason.strip(),
        name=name,
    )
    audit.record(
        action=Cases.CASE_ASSIGN,
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
def bulk_assign(*, actor: User, cases: list[Case], regisseur: User, reason: str) -> int:
    changed = 0
    for case in cases:
        before = case.regisseur_id
        assign(actor=actor, case=case, regisseur=regisseur, reason=reason)
        changed += int(before != case.regisseur_id)
    return changed


@transaction.atomic
def update_case(
    *, actor: User, case: Case, expected_version: int, summary: str, theme: Theme, area: Any
) -> Case:
    policy.check(actor, Cases.CASE_UPDATE, case)
    fields = {"summary": summary, "theme": theme, "area": area}
    changed = [n for n, v in fields.items() if getattr(case, n) != v]
    _lock(case, expected_version, fields)
    if changed:
        timeline.record(
            case,
            TimelineEvent.Kind.EDIT,
            actor,
            gettext_noop("Changed: %(fields)s"),
            fields=changed,
        )
        audit.record(
            action=Cases.CASE_UPDATE,
            actor=actor,
            obj=case,
            changes=dict.fromkeys(changed, "(changed)"),
        )
    return case


@transaction.atomic
def set_flags(
    *, actor: User, case: Case, flags: list[FlagType], expected_version: int | None = None
) -> Case:
    policy.check(actor, Cases.CASE_FLAGS, case)
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
        timeline.record(
            case,
            TimelineEvent.Kind.FLAG,
            actor,
            gettext_noop("Flag set: %(flag)s"),
            flag=flag.name,
        )
    for flag in sorted(before - after, key=str):
        timeline.record(
            case,
            TimelineEvent.Kind.FLAG,
            actor,
            gettext_noop("Flag removed: %(flag)s"),
            flag=flag.name,
        )
    audit.record(
        action=Cases.CASE_FLAGS,
        actor=actor,
        obj=case,
        changes={"flags": [sorted(f.code for f in before), sorted(f.code for f in after)]},
    )
    return case
