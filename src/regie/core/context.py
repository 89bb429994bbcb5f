"""Request-scoped context: who is asking, from where, and what the policy decided.

Kept in a ``ContextVar`` so the policy and audit layers can reach it without every service
taking a ``request`` argument; management commands and tasks simply run without one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PendingEvent:
    """An audit event that must survive a rollback of the request's own transaction."""

    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Requested:
    """The object a URL names, as requested: whether or not it exists (docs/audit.md)."""

    object_type: str
    object_id: str
    case_id: str = ""


@dataclass
class RequestContext:
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ip: str | None = None
    user_agent: str = ""
    # The request's path for the audit log: no query string, secrets in the URL masked. Final
    # once ``resolved`` (the view and its URL arguments are known).
    path: str = ""
    path_info: str = ""
    resolved: bool = False
    view_resolved: bool = False
    requested: Requested | None = None
    decisions: int = 0
    denials: int = 0
    reads: list[tuple[str, str, str]] = field(default_factory=list)
    pending: list[PendingEvent] = field(default_factory=list)


_current: ContextVar[RequestContext | None] = ContextVar("regie_request_context", default=None)


def current() -> RequestContext | None:
    return _current.get()


@contextmanager
def request_context(ctx: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
