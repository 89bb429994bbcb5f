"""Who may do what with the Woo configuration."""

from __future__ import annotations

from typing import Any

from regie.core.policy import rule
from regie.woo.vocabulary import Woo


@rule(Woo.CONFIGURE)
def can_configure_woo(user: Any, obj: Any) -> bool:
    """The grounds and term lists are configuration: the functional administrator keeps them,
    as the other configuration lists."""
    return bool(user.is_functional_admin())
