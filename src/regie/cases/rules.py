"""Who may see and do what with cases. The scope is the single source for visibility."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet

from regie.accounts.models import Role
from regie.cases import workflow
from regie.cases.models import Case, JournalEntry, Person, Task, ZrmAssessment
from regie.cases.vocabulary import Cases
from regie.core.policy import rule, scope, url_kwarg

if TYPE_CHECKING:
    from regie.accounts.models import User

# What these URL arguments name in every URL of the product (a refusal is logged against it).
url_kwarg("number", Case, field="number", case_number=True)
url_kwarg("entry_id", JournalEntry)
url_kwarg("task_id", Task)
url_kwarg("person_id", Person)

LEADS = (Role.TEAMLEIDER, Role.PROGRAMMA)
REGIE_TEAM = (Role.TEAMLEIDER, Role.PROGRAMMA, Role.REGISSEUR)


def is_lead(user: User) -> bool:
    return bool(user.has_role(*LEADS))


def directs(user: User, case: Case) -> bool:
    """The teamleider/programme team, or the regisseur assigned to this case."""
    if is_lead(user):
        return True
    return bool(user.has_role(Role.REGISSEUR) and case.regisseur_id == user.pk)


@scope(Case)
def visible_cases(user: User) -> QuerySet[Case]:
    if is_lead(user):
        return Case.objects.all()
    if user.has_role(Role.REGISSEUR):
        return Case.objects.filter(regisseur=user)
    return Case.objects.none()


@scope(Person)
def visible_persons(user: User) -> QuerySet[Person]:
    if is_lead(user):
        return Person.objects.all()
    if not user.has_role(Role.REGISSEUR):
        return Person.objects.none()
    # EXISTS rather than a join with DISTINCT: a distinct query cannot be OR-ed with the
    # grants of other apps (the Weegploeg's, for the duplicate check).
    return Person.objects.filter(Exists(visible_cases(user).filter(person=OuterRef("pk"))))


@scope(JournalEntry)
def visible_journal(user: User) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(case__in=visible_cases(user))


@scope(Task)
def visible_tasks(user: User) -> QuerySet[Task]:
    return Task.objects.filter(case__in=visible_cases(user))


@scope(ZrmAssessment)
def visible_zrm(user: User) -> QuerySet[ZrmAssessment]:
    return ZrmAssessment.objects.filter(case__in=visible_cases(user))


@rule(Cases.CASELOAD)
def can_open_caseload(user: User, obj: Any) -> bool:
    return bool(user.has_role(Role.REGISSEUR))


@rule(Cases.OVERVIEW)
def can_open_overview(user: User, obj: Any) -> bool:
    return is_lead(user)


@rule(Cases.CASE_CREATE)
def can_create(user: User, obj: Any) -> bool:
    return is_lead(user)


@rule(Cases.CASE_INTAKE)
def can_take_in(user: User, obj: Any) -> bool:
    """A case opened by the Weegploeg's instroom decision (issue 14), or by the leads."""
    return is_lead(user) or bool(user.has_role(Role.WEEGPLOEG))


@rule(Cases.CASE_ASSIGN)
def can_assign(user: User, obj: Any) -> bool:
    return is_lead(user)


@rule(Cases.SEARCH)
def can_search(user: User, obj: Any) -> bool:
    return bool(user.has_role(*REGIE_TEAM))


@rule(Cases.TASKS)
def can_list_tasks(user: User, obj: Any) -> bool:
    return bool(user.has_role(*REGIE_TEAM))


@rule(Cases.VIEW)
def can_view(user: User, obj: Any) -> bool:
    if obj is None:
        return bool(user.has_role(*REGIE_TEAM))
    return directs(user, obj)


@rule(Cases.CASE_UPDATE)
def can_edit(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Cases.CASE_TRANSITION)
def can_transition(user: User, obj: Any) -> bool:
    return obj is not None and bool(workflow.available(user, obj))


@rule(Cases.JOURNAL_CREATE)
def can_add_journal(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Cases.JOURNAL_UPDATE)
def can_edit_journal(user: User, obj: Any) -> bool:
    if obj is None or not obj.case.is_open:
        return False
    return bool(obj.author_id == user.pk or is_lead(user))


@rule(Cases.ZRM_CREATE)
def can_add_zrm(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Cases.CASE_FLAGS)
def can_set_flags(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Cases.TASK_CREATE)
def can_add_task(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Cases.TASK_COMPLETE)
def can_complete_task(user: User, obj: Any) -> bool:
    if obj is None or obj.done_on is not None:
        return False
    return bool(obj.assignee_id == user.pk or directs(user, obj.case))


@rule(Cases.FLAG_LIST)
def can_list_flags(user: User, obj: Any) -> bool:
    return is_lead(user)


@rule(Cases.DSAR)
def can_export_subject_data(user: User, obj: Any) -> bool:
    # Data-subject access requests are handled by the privacy officer.
    return bool(user.has_role(Role.AUDITOR))
