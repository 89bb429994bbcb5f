from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from regie.core.policy import visible
from regie.organisations.models import Organisation, Team

if TYPE_CHECKING:
    from regie.core.http import User


def audit_names(reader: User, ids: list[str]) -> dict[str, str]:
    """The access-log viewer's names for organisations the reader may see (one query)."""
    rows = visible(reader, Organisation).filter(pk__in=ids).values_list("pk", "name")
    return {str(pk): _("organisation %(name)s") % {"name": name} for pk, name in rows}


def audit_team_names(reader: User, ids: list[str]) -> dict[str, str]:
    rows = visible(reader, Team).filter(pk__in=ids).values_list("pk", "name")
    return {str(pk): _("team %(name)s") % {"name": name} for pk, name in rows}


def areas() -> QuerySet[Organisation]:
    """The districts and municipalities a case or a signal can belong to, active ones only."""
    return Organisation.objects.filter(
        kind__in=[
            Organisation.Kind.STADSDEEL,
            Organisation.Kind.AMSTELLAND,
            Organisation.Kind.GEMEENTE,
        ],
        is_active=True,
    ).order_by("kind", "name")
