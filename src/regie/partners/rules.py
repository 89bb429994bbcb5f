"""Covenant rules. A partner sees a case only through an active registration of its own
organisation, checked on every request (no cached permissions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from regie.accounts.models import Role
from regie.cases.models import Case, JournalEntry, Visibility
from regie.cases.rules import directs, is_lead
from regie.core.policy import grant, rule, scope
from regie.partners import selectors
from regie.partners.models import JoinRequest, Registration
from regie.partners.vocabulary import Partners

if TYPE_CHECKING:
    from regie.accounts.models import User


@grant(Case)
def partner_cases(user: User) -> Q | None:
    orgs = selectors.partner_organisation_ids(user)
    if not orgs:
        return None
    active = Registration.objects.filter(selectors.active_filter(), organisation_id__in=orgs)
    return Q(pk__in=active.values("case_id"))


@grant(JournalEntry)
def partner_journal(user: User) -> Q | None:
    orgs = selectors.partner_organisation_ids(user)
    if not orgs:
        return None
    condition = Q(pk__in=[])
    # Per organisation: a user in two partner organisations must not combine one
    # organisation's journal category with entries shared only with the other.
    for org in orgs:
        registrations = Registration.objects.filter(selectors.active_filter(), organisation_id=org)
        with_journal = registrations.filter(categories__code=selectors.JOURNAL)
        condition |= Q(case__in=registrations.values("case_id")) & (
            Q(author_organisation_id=org)
            | Q(
                case__in=with_journal.values("case_id"),
                visibility=Visibility.PARTNERS,
                shared_with__id=org,
            )
        )
    return condition


@scope(Registration)
def visible_registrations(user: User) -> QuerySet[Registration]:
    from regie.core.policy import visible

    if user.in_regie_team():
        return Registration.objects.filter(case__in=visible(user, Case))
    # A partner sees only its organisation's active registrations: every other one (requested,
    # ended, rejected, expired) is "not found", the same answer as an id that does not exist.
    return selectors.active_registrations(user)


@scope(JoinRequest)
def visible_join_requests(user: User) -> QuerySet[JoinRequest]:
    """A partner's own organisations' requests. The regie team works on the registrations that
    matched requests create, never on the requests themselves."""
    if user.in_regie_team():
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(organisation_id__in=selectors.partner_organisation_ids(user))


def is_partner_user(user: User) -> bool:
    return bool(selectors.partner_organisation_ids(user)) and not user.in_regie_team()


@rule(Partners.CASES)
def can_list_shared_cases(user: User, obj: Any) -> bool:
    return is_partner_user(user)


@rule(Partners.CASE_VIEW)
def can_view_shared_case(user: User, obj: Any) -> bool:
    # The object check is the active registration itself (the Case grant above).
    return is_partner_user(user)


@rule(Partners.JOURNAL_ADD)
def can_write_partner_journal(user: User, obj: Any) -> bool:
    return obj is not None and obj.is_open and selectors.registration_for(user, obj) is not None


@rule(Partners.REQUEST)
def can_request_to_join(user: User, obj: Any) -> bool:
    return is_partner_user(user)


@rule(Partners.REGISTRATIONS)
def can_list_registrations(user: User, obj: Any) -> bool:
    return bool(user.has_role(Role.TEAMLEIDER, Role.PROGRAMMA, Role.REGISSEUR))


@rule(Partners.REGISTRATION_CREATE)
def can_register(user: User, obj: Any) -> bool:
    """The case's regisseur (or the teamleider) registers a partner on an open case."""
    return obj is not None and obj.is_open and directs(user, obj)


@rule(Partners.APPROVE)
def can_approve(user: User, obj: Any) -> bool:
    """Four eyes: the teamleider approves, never a request they made themselves."""
    if obj is None:
        return bool(user.has_role(Role.TEAMLEIDER))
    return bool(
        user.has_role(Role.TEAMLEIDER)
        and obj.status == Registration.Status.REQUESTED
        and obj.requested_by_id != user.pk
    )


@rule(Partners.REGISTRATION_END)
def can_end(user: User, obj: Any) -> bool:
    if obj is None or obj.status not in (Registration.Status.REQUESTED, Registration.Status.ACTIVE):
        return False
    return directs(user, obj.case) or is_lead(user)


@rule(Partners.REGISTRATION_FORM)
def can_print_form(user: User, obj: Any) -> bool:
    """The regie team always; the partner only while its registration is active."""
    if obj is None:
        return False
    if directs(user, obj.case):
        return True
    return bool(
        obj.organisation_id in selectors.partner_organisation_ids(user)
        and selectors.active_registrations(user).filter(pk=obj.pk).exists()
    )


@rule(Partners.DOCUMENTS)
def can_open_partner_documents(user: User, obj: Any) -> bool:
    return bool(user.in_regie_team() or is_partner_user(user))
