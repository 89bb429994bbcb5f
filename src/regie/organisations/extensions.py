"""Hooks through which higher apps (partners) act on changes to an organisation without the
organisations app importing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from regie.organisations.models import Organisation

if TYPE_CHECKING:
    from regie.core.http import User

CovenantWithdrawn = Callable[[Organisation, Any], object]  # the result is ignored

_covenant_withdrawn: list[CovenantWithdrawn] = []


def register_covenant_withdrawn(callback: CovenantWithdrawn) -> None:
    """``callback(organisation, actor)`` runs when the organisation's covenant is withdrawn,
    inside the transaction of the withdrawal."""
    if callback not in _covenant_withdrawn:
        _covenant_withdrawn.append(callback)


def covenant_withdrawn(organisation: Organisation, actor: User | None) -> None:
    for callback in _covenant_withdrawn:
        callback(organisation, actor)
