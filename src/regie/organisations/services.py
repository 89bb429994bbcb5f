"""Writes for organisations and teams; every change is audited in the same transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core import audit, policy
from regie.organisations import extensions
from regie.organisations.models import Organisation, Team
from regie.organisations.vocabulary import Organisations

if TYPE_CHECKING:
    from regie.core.http import User


@transaction.atomic
def ensure_organisation(
    *, actor: User | None, name: str, kind: str, parent: Organisation | None = None
) -> Organisation:
    organisation, created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "parent": parent}
    )
    if created:
        audit.record(
            action=Organisations.ORGANISATION_CREATE,
            actor=actor,
            obj=organisation,
            changes={"name": [None, name], "kind": [None, kind]},
        )
    return organisation


@transaction.atomic
def ensure_team(*, actor: User | None, organisation: Organisation, name: str, kind: str) -> Team:
    team, created = Team.objects.get_or_create(
        organisation=organisation, name=name, defaults={"kind": kind}
    )
    if created:
        audit.record(
            action=Organisations.TEAM_CREATE,
            actor=actor,
            obj=team,
            changes={"name": [None, name], "kind": [None, kind]},
        )
    return team


@transaction.atomic
def withdraw_covenant(*, actor: User, organisation: Organisation) -> Organisation:
    """The organisation no longer takes part in the covenant. Every registration it has as an
    intervention partner ends with it, in this transaction (the partners app's hook)."""
    policy.check(actor, Organisations.MANAGE, organisation)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.covenant_signed_on is None:
        raise ValidationError(
            _("%(name)s has not signed the covenant.") % {"name": locked.name}, code="not_signed"
        )
    changes = {
        "covenant_signed_on": [locked.covenant_signed_on.isoformat(), None],
        "covenant_document": [locked.covenant_document, ""],
    }
    locked.covenant_signed_on = None
    locked.covenant_document = ""
    locked.save(update_fields=["covenant_signed_on", "covenant_document"])
    organisation.covenant_signed_on = None
    organisation.covenant_document = ""
    audit.record(
        action=Organisations.ORGANISATION_COVENANT_WITHDRAW,
        actor=actor,
        obj=locked,
        changes=changes,
    )
    extensions.covenant_withdrawn(locked, actor)
    return locked
