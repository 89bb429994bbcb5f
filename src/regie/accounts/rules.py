from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from regie.accounts.models import ELEVATED_ROLES, REGIE_TEAM, Membership, ResetRequest, Role, User
from regie.accounts.vocabulary import Accounts
from regie.core.policy import rule, scope
from regie.core.vocabulary import Kernel


@rule(Accounts.HOME)
def can_open_home(user: User, obj: Any) -> bool:
    return True


@rule(Accounts.MFA)
def can_manage_own_mfa(user: User, obj: Any) -> bool:
    return True


@rule(Kernel.ADMIN_ACCESS)
def can_open_admin(user: User, obj: Any) -> bool:
    return bool(user.is_functional_admin())


@rule(Kernel.ADMIN_MANAGE)
def can_manage_in_admin(user: User, obj: Any) -> bool:
    return bool(user.is_functional_admin())


def _holds_elevated_rights(user: User) -> bool:
    """Rights over other people's accounts or data: ``auditor``, ``beheerder`` or the bootstrap
    superuser, counting memberships that have not started yet (but not ended ones)."""
    if user.is_superuser:
        return True
    not_ended = Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    return Membership.objects.filter(not_ended, user_id=user.pk, role__in=ELEVATED_ROLES).exists()


@rule(Accounts.MEMBERSHIP_GRANT)
def can_grant_membership(user: User, membership: Any) -> bool:
    """Give, change or end a membership in the admin (issue 11). Never one's own; a role with
    rights over other people's accounts or data (auditor, beheerder) only from the bootstrap
    superuser, so one administrator cannot make a second account with those rights alone."""
    if not user.is_functional_admin():
        return False
    if membership is None:
        return True
    if membership.user_id == user.pk:
        return False
    return membership.role not in ELEVATED_ROLES or bool(user.is_superuser)


@rule(Accounts.USER_DEACTIVATE)
def can_deactivate_user(user: User, target: Any) -> bool:
    """Deactivate (or reactivate) an account: never one's own, and an account with elevated
    rights only by the bootstrap superuser, as its roles are given."""
    if not user.is_functional_admin():
        return False
    if target is None:
        return True
    if target.pk == user.pk:
        return False
    return bool(user.is_superuser) or not _holds_elevated_rights(target)


@rule(Kernel.AUDIT_VIEW_LOG)
def can_read_audit_log(user: User, obj: Any) -> bool:
    # Only the privacy officer / auditor; not even the functional administrator.
    return bool(user.has_role(Role.AUDITOR))


@scope(User)
def visible_users(user: User) -> QuerySet[User]:
    if user.is_functional_admin() or user.has_role(Role.AUDITOR):
        return User.objects.all()
    return User.objects.filter(pk=user.pk)


# --- Resets of another account (four eyes) and recovery codes ----------------------------------


def _current_memberships() -> QuerySet[Membership]:
    today = timezone.localdate()
    return Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    )


@rule(Accounts.RESETS)
def can_open_resets(user: User, obj: Any) -> bool:
    # Who takes part in four eyes: administrators ask and approve, team leaders approve.
    return bool(user.is_functional_admin() or user.has_role(Role.TEAMLEIDER))


@rule(Accounts.RESET_REQUEST)
def can_request_reset(user: User, target: Any) -> bool:
    # Never one's own account: a reset is something a second and third person do to it.
    return bool(user.is_functional_admin()) and (target is None or target.pk != user.pk)


@scope(ResetRequest)
def visible_resets(user: User) -> QuerySet[ResetRequest]:
    if user.is_functional_admin():
        return ResetRequest.objects.all()
    if user.has_role(Role.TEAMLEIDER):
        # Staff of the regie team: a current membership in a regie-team role. An account that
        # also holds an elevated role is left to the administrators.
        current = _current_memberships()
        return (
            ResetRequest.objects.filter(
                target_id__in=current.filter(role__in=REGIE_TEAM).values("user_id")
            )
            .exclude(target_id__in=current.filter(role__in=ELEVATED_ROLES).values("user_id"))
            .exclude(target__is_superuser=True)
        )
    return ResetRequest.objects.none()


@rule(Accounts.RESET_DECIDE)
def can_decide_reset(user: User, reset: Any) -> bool:
    if not can_open_resets(user, None):
        return False
    if reset is None:
        return True
    # A second person: neither who asked nor whose account it is; and only for the accounts
    # this user's scope holds (administrators all, team leaders the regie team's staff).
    if user.pk in (reset.requested_by_id, reset.target_id):
        return False
    return visible_resets(user).filter(pk=reset.pk).exists()
