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

from typing import Any, Protocol

from django.db import models

from regie.audit import services as storage
from regie.core import context


class AuditIdentity(Protocol):
    pk: Any

    def get_username(self) -> str: ...

    def audit_identity(self) -> tuple[str, str]: ...


OK = storage.OK
DENIED = storage.DENIED


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


def actor_fields(actor: Any) -> dict[str, Any]:
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
    action: str,
    actor: Any = None,
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
    ctx = context.current()
    if ctx is not None:
        fields.update(request_id=ctx.request_id, ip=ctx.ip, user_agent=ctx.user_agent)
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
