"""Who may see and do what with the pallet and with case interventions.

The scope on ``CaseIntervention`` is the single source for what a partner sees: interventions
its own organisation carries out while it has an active registration on the case, and other
interventions only when they are shared and its registration carries the interventions
category. The partner panel and the partner's update page both read through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from regie.accounts.models import Role
from regie.cases.rules import REGIE_TEAM, directs, visible_cases
from regie.core.policy import rule, scope
from regie.interventions.models import CaseIntervention, ChangeRequest
from regie.interventions.vocabulary import Interventions
from regie.organisations.models import Organisation
from regie.partners import selectors as partners
from regie.partners.models import Registration

if TYPE_CHECKING:
    from regie.accounts.models import User


def is_reviewer(user: User) -> bool:
    """The reviewer role for the pallet: the programme team, or anyone working at the GGD."""
    if user.has_role(Role.PROGRAMMA):
        return True
    return any(m.organisation.kind == Organisation.Kind.GGD for m in user.active_memberships)


def in_regie_team(user: User) -> bool:
    return bool(user.has_role(*REGIE_TEAM))


def is_partner_user(user: User) -> bool:
    return bool(partners.partner_organisation_ids(user)) and not in_regie_team(user)


def executor_registered(case_id: Any, organisation_id: Any) -> bool:
    return Registration.objects.filter(
        partners.active_filter(), case_id=case_id, organisation_id=organisation_id
    ).exists()


@scope(CaseIntervention)
def visible_case_interventions(user: User) -> QuerySet[CaseIntervention]:
    condition = Q(pk__in=[])
    if in_regie_team(user):
        condition |= Q(case__in=visible_cases(user))
    orgs = partners.partner_organisation_ids(user)
    if orgs:
        active = Registration.objects.filter(partners.active_filter())
        own = Q(executor_id__in=orgs) & Q(
            Exists(active.filter(case=OuterRef("case"), organisation=OuterRef("executor")))
        )
        sharing = active.filter(
            organisation_id__in=orgs, categories__code=partners.INTERVENTIONS
        ).values("case_id")
        shared = Q(shared_with_partners=True, case__in=sharing)
        condition |= own | shared
    return CaseIntervention.objects.filter(condition)


# --- The pallet ---------------------------------------------------------------------------------


@rule(Interventions.CATALOGUE)
def can_read_catalogue(user: User, obj: Any) -> bool:
    return in_regie_team(user) or is_reviewer(user)


@rule(Interventions.CHANGES)
def can_list_change_requests(user: User, obj: Any) -> bool:
    return in_regie_team(user) or is_reviewer(user)


@rule(Interventions.CHANGE_PROPOSE)
def can_propose(user: User, obj: Any) -> bool:
    """Anyone in the regie team proposes an addition, change or retirement."""
    return in_regie_team(user)


@rule(Interventions.REVIEW)
def can_review(user: User, obj: Any) -> bool:
    """The reviewer accepts or rejects, never a proposal of their own."""
    if not is_reviewer(user):
        return False
    if obj is None:
        return True
    return bool(
        isinstance(obj, ChangeRequest)
        and obj.status == ChangeRequest.Status.PROPOSED
        and obj.proposed_by_id != user.pk
    )


@rule(Interventions.VERSION_PUBLISH)
def can_publish(user: User, obj: Any) -> bool:
    return bool(user.has_role(Role.TEAMLEIDER))


# --- Case interventions -------------------------------------------------------------------------


@rule(Interventions.CASE)
def can_work_on_case_interventions(user: User, obj: Any) -> bool:
    """Feature level: the regie team; the case itself is checked per object."""
    return in_regie_team(user)


@rule(Interventions.CASE_ADD)
def can_add(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Interventions.CASE_UPDATE)
def can_update(user: User, obj: Any) -> bool:
    return obj is not None and obj.case.is_open and directs(user, obj.case)


@rule(Interventions.CASE_PARTNER_UPDATE)
def can_partner_update(user: User, obj: Any) -> bool:
    """A partner updates status and outcome of what its own organisation carries out, while
    that organisation has an active registration on the case."""
    if not is_partner_user(user):
        return False
    if obj is None:
        return True
    return bool(
        obj.executor_id is not None
        and obj.executor_id in partners.partner_organisation_ids(user)
        and obj.case.is_open
        and executor_registered(obj.case_id, obj.executor_id)
    )
