"""The organisations app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action


class Organisations(Action):
    MANAGE = "organisations.manage"
    ORGANISATION_COVENANT_WITHDRAW = "organisations.organisation.covenant_withdraw"
    ORGANISATION_CREATE = "organisations.organisation.create"
    TEAM_CREATE = "organisations.team.create"
