"""Writes for organisations and teams; every change is audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from regie.core import audit
from regie.organisations.models import Organisation, Team


@transaction.atomic
def ensure_organisation(
    *, actor: Any, name: str, kind: str, parent: Organisation | None = None
) -> Organisation:
    organisation, created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "parent": parent}
    )
    if created:
        audit.record(
            action="organisations.organisation.create",
            actor=actor,
            obj=organisation,
            changes={"name": [None, name], "kind": [None, kind]},
        )
    return organisation


@transaction.atomic
def ensure_team(*, actor: Any, organisation: Organisation, name: str, kind: str) -> Team:
    team, created = Team.objects.get_or_create(
        organisation=organisation, name=name, defaults={"kind": kind}
    )
    if created:
        audit.record(
            action="organisations.team.create",
            actor=actor,
            obj=team,
            changes={"name": [None, name], "kind": [None, kind]},
        )
    return team
