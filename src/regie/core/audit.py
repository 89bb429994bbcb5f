"""The one entry point through which everything in Regie writes to the audit log.

Two kinds of events:

* Changes are recorded inside the service's own transaction (``record``), so an audit row exists
  exactly when the change does.
* Denials, logins and reads are recorded ``independent=True``: during a request they are
  buffered and written by the middleware after the view has finished, outside its transaction,
  so they survive when the request fails or rolls back. Outside a request they are written at
  once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.urls import Resolver404, resolve
from django.utils.crypto import salted_hmac

from regie.audit import services as storage
from regie.core import context
from regie.core.http import Actor
from regie.core.vocabulary import AuditAction


class AuditIdentity(Protocol):
    pk: Any

    def get_username(self) -> str: ...

    def audit_identity(self) -> tuple[str, str]: ...


OK = storage.OK
DENIED = storage.DENIED
chain_head = storage.head

# URL arguments (and form fields) whose values are secrets: never stored, not even in a path.
SECRET_NAMES = ("password", "key", "secret", "token")
MASK = "(masked)"


def is_secret_name(name: str) -> bool:
    lowered = name.lower()
    return any(secret in lowered for secret in SECRET_NAMES)


def masked_path(path: str, kwargs: Mapping[str, Any]) -> str:
    """``path`` with the values of secret URL arguments (a calendar feed's token) masked."""
    for name, value in kwargs.items():
        text = str(value)
        if text and is_secret_name(name):
            path = path.replace(text, MASK)
    return path


def request_path(ctx: context.RequestContext) -> str:
    """The path as logged. Final once the view is known; an event written before that (a
    session that expired on the way in) resolves the URL itself, only to mask secrets."""
    if not ctx.resolved:
        ctx.resolved = True
        try:
            match = resolve(ctx.path_info or ctx.path)
        except Resolver404:
            pass
        else:
            ctx.path = masked_path(ctx.path, match.kwargs)
    return ctx.path


def pseudonym(value: str) -> str:
    """A keyed hash (HMAC-SHA256) of ``value``: equal values give equal pseudonyms, so repeated
    attempts correlate, but the value cannot be read back or confirmed without the key
    (``REGIE_AUDIT_HMAC_KEY``; derived from ``REGIE_SECRET_KEY`` when not set)."""
    key = settings.REGIE_AUDIT_HMAC_KEY or settings.SECRET_KEY
    digest = salted_hmac("regie.audit.pseudonym", value, secret=key, algorithm="sha256")
    return f"hmac:{digest.hexdigest()[:32]}"


def describe(obj: object | None) -> tuple[str, str]:
    """Object type and id as stored in the log: ``app_label.model`` and the primary key.
    A row that stands for a model instance (a list's plain row) names it by ``audit_object``."""
    if obj is None:
        return "", ""
    hook = None if isinstance(obj, type) else getattr(obj, "audit_object", None)
    if callable(hook):
        object_type, object_id = hook()
        return str(object_type), str(object_id)
    if isinstance(obj, models.Model):
        return obj._meta.label_lower, str(obj.pk)
    if isinstance(obj, type) and issubclass(obj, models.Model):
        return obj._meta.label_lower, ""
    return type(obj).__name__, ""


def case_id_of(obj: object | None) -> str:
    """Case number for objects that belong to a case (``audit_case_id`` hook), else empty."""
    hook = getattr(obj, "audit_case_id", None)
    if callable(hook):
        return str(hook() or "")
    return ""


def actor_fields(actor: Actor | None) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor": "", "role": "", "organisation": ""}
    role, organisation = ("", "")
    identity = getattr(actor, "audit_identity", None)
    if callable(identity):
        role, organisation = identity()
    return {
        "actor_id": actor.pk,
        "actor": actor.get_username(),
        "role": role,
        "organisation": organisation,
    }


def record(
    *,
    action: AuditAction,
    actor: Actor | None = None,
    obj: object | None = None,
    object_type: str = "",
    object_id: str = "",
    case_id: str = "",
    result: str = OK,
    changes: dict[str, Any] | None = None,
    on_behalf_of: str = "",
    independent: bool = False,
    actor_name: str = "",
) -> None:
    if obj is not None and not object_type:
        object_type, object_id = describe(obj)
    if obj is not None and not case_id:
        case_id = case_id_of(obj)
    ctx = context.current()
    if ctx is not None and result == DENIED:
        ctx.denials += 1
        # A refusal without an object of its own (a feature-level rule at the door, the
        # second-factor gate, a CSRF failure) is about the object the URL names.
        requested = ctx.requested
        if requested is not None:
            if not object_type and not object_id:
                object_type, object_id = requested.object_type, requested.object_id
            if not case_id:
                case_id = requested.case_id
    fields: dict[str, Any] = {
        **actor_fields(actor),
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "case_id": case_id,
        "result": result,
        "changes": changes or {},
        "on_behalf_of": on_behalf_of,
    }
    if actor_name and not fields["actor"]:
        fields["actor"] = actor_name
    if ctx is not None:
        fields.update(
            request_id=ctx.request_id,
            ip=ctx.ip,
            user_agent=ctx.user_agent,
            path=request_path(ctx),
        )
        if independent:
            ctx.pending.append(context.PendingEvent(fields))
            return
    storage.append(**fields)


def flush_pending(ctx: context.RequestContext) -> None:
    """Write buffered independent events in their own transaction (called by middleware)."""
    events, ctx.pending = ctx.pending, []
    if events:
        storage.append_many([event.kwargs for event in events])


def note_read(obj: object, *, case_id: str = "") -> None:
    """Remember that the current request showed ``obj``; logged once the response succeeds."""
    ctx = context.current()
    if ctx is None:
        return
    object_type, object_id = describe(obj)
    entry = (object_type, object_id, case_id or case_id_of(obj))
    if entry not in ctx.reads:
        ctx.reads.append(entry)
