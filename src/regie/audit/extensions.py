"""Hooks through which higher apps tell the audit log's retention what it must keep.

The audit app sits below every domain app and cannot ask them whether a case still exists. An
app that holds data the log is about registers a *hold*: a function returning a ``Q`` on
``AuditEvent`` that matches the events to keep for as long as that data exists (``cases``:
events on a case, or a person, that retention has not deleted yet). Pruning keeps every event
a hold matches, whatever its age (docs/audit.md, *Retention of the audit log*).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import Q

Hold = Callable[[], Q]

_holds: list[Hold] = []


def register_hold(hold: Hold) -> None:
    """Register once, from ``AppConfig.ready()``."""
    if hold not in _holds:
        _holds.append(hold)


def held() -> Q | None:
    """The events some app still needs, or ``None`` when no app holds any."""
    conditions = [hold() for hold in _holds]
    return reduce(or_, conditions) if conditions else None
