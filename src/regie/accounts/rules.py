from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from regie.accounts.models import Role, User
from regie.core.policy import rule, scope


@rule("accounts.home")
def can_open_home(user: Any, obj: Any) -> bool:
    return True


@rule("accounts.mfa")
def can_manage_own_mfa(user: Any, obj: Any) -> bool:
    return True


@rule("admin.access")
def can_open_admin(user: Any, obj: Any) -> bool:
    return bool(user.is_functional_admin())


@rule("admin.manage")
def can_manage_in_admin(user: Any, obj: Any) -> bool:
    return bool(user.is_functional_admin())


@rule("audit.view_log")
def can_read_audit_log(user: Any, obj: Any) -> bool:
    # Only the privacy officer / auditor; not even the functional administrator.
    return bool(user.has_role(Role.AUDITOR))


@scope(User)
def visible_users(user: Any) -> QuerySet[User]:
    if user.is_functional_admin() or user.has_role(Role.AUDITOR):
        return User.objects.all()
    return User.objects.filter(pk=user.pk)
