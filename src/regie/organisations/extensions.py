"""Hooks through which higher apps (partners) act on changes to an organisation without the
organisations app importing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regie.organisations.models import Organisation

CovenantWithdrawn = Callable[[Organisation, Any], object]  # the result is ignored

_covenant_withdrawn: list[CovenantWithdrawn] = []


def register_covenant_withdrawn(callback: CovenantWithdrawn) -> None:
    """``callback(organisation, actor)`` runs when the organisation's covenant is withdrawn,
    inside the transaction of the withdrawal."""
    if callback not in _covenant_withdrawn:
        _covenant_withdrawn.append(callback)


def covenant_withdrawn(organisation: Organisation, actor: Any) -> None:
    for callback in _covenant_withdrawn:
        callback(organisation, actor)
