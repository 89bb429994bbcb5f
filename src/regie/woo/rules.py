"""Who may do what with the Woo configuration and suggestions."""

from __future__ import annotations

from typing import Any

from regie.accounts.models import Role
from regie.core.policy import rule


@rule("woo.configure")
def can_configure_woo(user: Any, obj: Any) -> bool:
    """The grounds and term lists are configuration: the functional administrator keeps them
    (the Woo coordinator proposes, as with the other configuration lists)."""
    return bool(user.is_functional_admin())


@rule("woo.suggest")
def can_ask_for_suggestions(user: Any, obj: Any) -> bool:
    return bool(user.has_role(Role.WOO))
