"""Who may do what with the Woo configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from regie.core.policy import rule
from regie.woo.vocabulary import Woo

if TYPE_CHECKING:
    from regie.core.http import User


@rule(Woo.CONFIGURE)
def can_configure_woo(user: User, obj: Any) -> bool:
    """The grounds and term lists are configuration: the functional administrator keeps them,
    as the other configuration lists."""
    return bool(user.is_functional_admin())
