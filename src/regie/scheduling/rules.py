"""Who sees the scheduled runs and the background tasks' results."""

from __future__ import annotations

from typing import Any

from regie.accounts.models import User
from regie.core.policy import rule
from regie.scheduling.vocabulary import Scheduling


@rule(Scheduling.VIEW)
def can_view(user: User, obj: Any) -> bool:
    """Whether the nightly work ran is operations: the functional administrator watches it."""
    return bool(user.is_functional_admin())
