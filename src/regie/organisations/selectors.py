from __future__ import annotations

from regie.organisations.models import Organisation, Team


def organisation_by_name(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).first()


def team_by_name(organisation: Organisation, name: str) -> Team | None:
    return Team.objects.filter(organisation=organisation, name=name).first()
