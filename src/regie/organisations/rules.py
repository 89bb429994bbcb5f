from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from regie.core.policy import rule, scope
from regie.organisations.models import Organisation, Team
from regie.organisations.vocabulary import Organisations

if TYPE_CHECKING:
    from regie.core.http import User


@scope(Organisation)
def visible_organisations(user: User) -> QuerySet[Organisation]:
    # The list of partner organisations is not personal data; every member may see it.
    if user.has_any_role():
        return Organisation.objects.all()
    return Organisation.objects.none()


@scope(Team)
def visible_teams(user: User) -> QuerySet[Team]:
    if user.has_any_role():
        return Team.objects.all()
    return Team.objects.none()


@rule(Organisations.MANAGE)
def can_manage_organisations(user: User, obj: Any) -> bool:
    return bool(user.is_functional_admin())
