"""The central access policy: every access decision in Regie is made here.

Deny by default. Apps register, in their ``rules.py``:

* ``@rule(App.ACTION)``: a predicate ``(user, obj) -> bool`` for an action of the app's
  vocabulary (``regie.core.vocabulary``: the audit log records the act under the same name),
  optionally on an object (``obj`` is ``None`` for page- or feature-level actions);
* ``@scope(Model)``: a function ``user -> QuerySet`` giving the rows of ``Model`` the user may
  see at all. ``visible`` is the list filter, and ``get_for_user`` derives the single-object
  check from the same queryset, so the two cannot drift apart.

Views declare what guards them with ``@requires(action)`` (or ``@public`` for the few pages
anyone may open); the ``PolicyMiddleware`` refuses to run a view that declares neither.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from regie.core import audit, context
from regie.core.http import Actor
from regie.core.vocabulary import Action, view_of

logger = logging.getLogger(__name__)

# Rules, scopes and grants are written for the user model (``accounts.User``), which the kernel
# cannot name; the policy calls them only for an active, signed-in user (``_is_active``), so
# each keeps its own signature and the registries hold them as callables of that shape.
Predicate = Callable[..., bool]
Scope = Callable[..., "models.QuerySet[Any]"]
M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Callable[..., Any])
P = TypeVar("P", bound=Predicate)
S = TypeVar("S", bound=Scope)

_RULES: dict[Action, Predicate] = {}
# A rule's bulk form: ``(user, objects) -> the primary keys of those it allows``, in a fixed
# number of queries. Lists use it through ``permitted``; without one, the predicate runs per object.
Bulk = Callable[..., "set[Any]"]
_BULK: dict[Action, Bulk] = {}
_SCOPES: dict[type[models.Model], Scope] = {}
Grant = Callable[..., "models.Q | None"]
G = TypeVar("G", bound=Grant)
_GRANTS: dict[type[models.Model], list[Grant]] = {}


class PolicyError(Exception):
    """A programming error in how the policy is used (duplicate rule, unknown action)."""


def rule(action: Action, *, bulk: Bulk | None = None) -> Callable[[P], P]:
    """Register the predicate for ``action``; ``bulk`` is the same decision for many objects
    at once (tests check that the two agree)."""

    def register(predicate: P) -> P:
        if action in _RULES and _RULES[action] is not predicate:
            raise PolicyError(f"rule {action!r} is registered twice")
        _RULES[action] = predicate
        if bulk is not None:
            _BULK[action] = bulk
        return predicate

    return register


def scope(model: type[M]) -> Callable[[S], S]:
    def register(func: S) -> S:
        if model in _SCOPES and _SCOPES[model] is not func:
            raise PolicyError(f"scope for {model.__name__} is registered twice")
        _SCOPES[model] = func
        return func

    return register


def grant(model: type[M]) -> Callable[[G], G]:
    """Register an additional visibility grant for ``model`` from another app.

    A grant returns a ``Q`` on ``model`` (or ``None`` for "nothing extra"); ``visible`` is the
    model's own scope OR every grant. This lets a higher app (partners) open rows of a lower
    app (cases) without the lower app knowing about it.
    """

    def register(func: G) -> G:
        grants = _GRANTS.setdefault(model, [])
        if func not in grants:
            grants.append(func)
        return func

    return register


def registered_actions() -> list[Action]:
    return sorted(_RULES)


@dataclass(frozen=True)
class UrlKwarg:
    object_type: str
    field: str = "pk"
    case_number: bool = False


_URL_KWARGS: dict[str, UrlKwarg] = {}


def url_kwarg(
    name: str, model: type[models.Model] | str, *, field: str = "pk", case_number: bool = False
) -> None:
    """Declare what a URL argument of this name identifies in every URL of the product, so a
    refusal names the object that was asked for (``number``: a case, by its number).

    Generic names such as ``pk`` mean different things in different URLs: those views declare
    ``@requires(..., target=Model)`` instead.
    """
    label = model if isinstance(model, str) else model._meta.label_lower
    declared = UrlKwarg(label, field, case_number)
    if _URL_KWARGS.get(name, declared) != declared:
        raise PolicyError(f"URL argument {name!r} is declared twice")
    _URL_KWARGS[name] = declared


def _identifier(field: str, name: str, value: Any) -> str:
    if audit.is_secret_name(name):
        return audit.MASK
    return str(value) if field == "pk" else f"{field}={value}"


def bound_owner(view: Any) -> Any:
    """The object whose bound method ``view`` wraps (through ``__wrapped__``), if any."""
    while view is not None:
        owner = getattr(view, "__self__", None)
        if owner is not None:
            return owner
        view = getattr(view, "__wrapped__", None)
    return None


def _admin_site(view: Any) -> Any:
    # Views of an admin site carry the site (site views) or their ModelAdmin (model views);
    # a ModelAdmin's own extra views (a user's password form) are its bound methods, wrapped.
    owner = getattr(view, "model_admin", None) or bound_owner(view)
    return getattr(view, "admin_site", None) or getattr(owner, "admin_site", None)


def requested_object(view: Any, kwargs: Mapping[str, Any]) -> context.Requested | None:
    """The object a request for ``view`` with these URL arguments asks for, whether or not it
    exists: what a refusal of that request is logged against."""
    hook = getattr(_admin_site(view), "requested_object", None)
    if callable(hook):
        found: context.Requested | None = hook(view, kwargs)
        return found
    if not kwargs:
        return None
    case_id = ""
    for name, value in kwargs.items():
        known = _URL_KWARGS.get(name)
        if known is not None and known.case_number:
            case_id = str(value)
    declared = view_policy(view)
    if declared is not None and declared.target:
        name = "pk" if "pk" in kwargs else list(kwargs)[-1]
        field = "pk" if name == "pk" else name
        return context.Requested(declared.target, _identifier(field, name, kwargs[name]), case_id)
    for name in reversed(list(kwargs)):
        known = _URL_KWARGS.get(name)
        if known is not None:
            return context.Requested(
                known.object_type, _identifier(known.field, name, kwargs[name]), case_id
            )
    return None


def _requested_by_lookup(model: type[models.Model], lookup: Mapping[str, Any]) -> tuple[str, str]:
    """Object id and case number as asked for in ``get_for_user``'s lookup."""
    scalars = {k: v for k, v in lookup.items() if not isinstance(v, models.Model)}
    case_id = next(
        (
            found
            for v in lookup.values()
            if isinstance(v, models.Model) and (found := audit.case_id_of(v))
        ),
        "",
    )
    for name in ("pk", model._meta.pk.name, model._meta.pk.attname):
        if name in scalars:
            return str(scalars[name]), case_id
    return "&".join(f"{k}={v}" for k, v in sorted(scalars.items())), case_id


def _is_active(user: Actor | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def permits(user: Actor | None, action: Action, obj: Any = None) -> bool:
    """Pure check without side effects: for navigation and buttons, never for enforcement."""
    if not _is_active(user):
        return False
    predicate = _RULES.get(action)
    if predicate is None:
        logger.error("policy: no rule for action %r; denying", action)
        return False
    return bool(predicate(user, obj))


def permitted(user: Actor | None, action: Action, objects: Sequence[Any]) -> set[Any]:
    """The primary keys of the ``objects`` on which ``user`` may do ``action``: the bulk form of
    ``permits``, for list pages that show an action per row. Pure, like ``permits``."""
    if not _is_active(user) or not objects:
        return set()
    bulk = _BULK.get(action)
    if bulk is not None:
        return bulk(user, objects)
    predicate = _RULES.get(action)
    if predicate is None:
        logger.error("policy: no rule for action %r; denying", action)
        return set()
    return {obj.pk for obj in objects if predicate(user, obj)}


def has_bulk(action: Action) -> bool:
    return action in _BULK


def authorize(user: Actor | None, action: Action, obj: Any = None) -> bool:
    """Enforcement check: counts as the request's policy decision and audits a denial."""
    ctx = context.current()
    if ctx is not None:
        ctx.decisions += 1
    allowed = permits(user, action, obj)
    if not allowed:
        audit.record(action=action, actor=user, obj=obj, result=audit.DENIED, independent=True)
    return allowed


def check(user: Actor | None, action: Action, obj: Any = None) -> None:
    """``authorize`` or raise ``PermissionDenied`` (rendered as 403)."""
    if not authorize(user, action, obj):
        raise PermissionDenied(action)


def visible(user: Actor | None, model: type[M]) -> models.QuerySet[M]:
    """Rows of ``model`` the user may see at all; none when no scope grants any."""
    if not _is_active(user):
        return model._default_manager.none()
    func = _SCOPES.get(model)
    rows = func(user) if func is not None else model._default_manager.none()
    conditions = [cond for g in _GRANTS.get(model, []) if (cond := g(user)) is not None]
    if conditions:
        extra = models.Q()
        for condition in conditions:
            extra |= condition
        rows = rows | model._default_manager.filter(extra)
    return rows


def get_for_user(
    user: Actor | None,
    model_or_queryset: type[M] | models.QuerySet[M],
    *,
    action: Action | None = None,
    **lookup: Any,
) -> M:
    """One object the user may see, or 404 exactly as if it did not exist.

    Either way a 404 is logged as a denied ``<app>.<model>.view`` of the identifier asked for.
    With ``action``, a visible object the user may not act on gives 403. The object is noted as
    read so the access middleware logs it once the response is sent.
    """
    ctx = context.current()
    if ctx is not None:
        ctx.decisions += 1
    if isinstance(model_or_queryset, models.QuerySet):
        model = model_or_queryset.model
        scoped = model_or_queryset & visible(user, model)
    else:
        model = model_or_queryset
        scoped = visible(user, model)
    obj = scoped.filter(**lookup).first()
    if obj is None:
        # A row outside the user's scope and a row that does not exist cost the same: one query
        # and one denied event naming what was asked for. Asking the database which of the two
        # it was would take a second query for a hidden row only, and the difference in time
        # would tell the user that the row exists (issue 10).
        object_id, case_id = _requested_by_lookup(model, lookup)
        audit.record(
            action=view_of(model._meta.label_lower),
            actor=user,
            object_type=model._meta.label_lower,
            object_id=object_id,
            case_id=case_id,
            result=audit.DENIED,
            independent=True,
        )
        raise Http404
    if action is not None:
        check(user, action, obj)
    audit.note_read(obj)
    return obj


# --- View declarations --------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewPolicy:
    action: Action | None
    public: bool = False
    personal_data: bool = False
    before_mfa: bool = False
    # The model its URL's ``pk`` (or, without one, its last argument) identifies.
    target: str | None = None


def view_policy(view: Any) -> ViewPolicy | None:
    """The declaration on a view callback, or ``None`` if it has none."""
    declared = getattr(view, "regie_policy", None)
    if isinstance(declared, ViewPolicy):
        return declared
    # The Regie admin site declares and enforces the policy of all its views.
    declared = getattr(_admin_site(view), "regie_policy", None)
    if isinstance(declared, ViewPolicy):
        return declared
    return None


def public(view: V) -> V:
    """Allow-list a view that anyone may open (login, health, language switch)."""
    view.regie_policy = ViewPolicy(action=None, public=True, before_mfa=True)  # type: ignore[attr-defined]
    return view


def requires(
    action: Action,
    *,
    personal_data: bool = False,
    before_mfa: bool = False,
    target: type[models.Model] | None = None,
) -> Callable[[V], V]:
    """Guard a view with a feature-level rule; object checks happen inside via get_for_user.

    ``personal_data`` makes the access middleware log every successful response of this view
    as a read, even when it shows no single object. ``target`` names the model the URL's
    ``pk`` identifies, for URL arguments that ``url_kwarg`` cannot name product-wide; a refusal
    is logged against it.
    """

    def decorate(view: V) -> V:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check(request.user, action)
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        guarded.regie_policy = ViewPolicy(  # type: ignore[attr-defined]
            action=action,
            personal_data=personal_data,
            before_mfa=before_mfa,
            target=target._meta.label_lower if target is not None else None,
        )
        return guarded  # type: ignore[return-value]

    return decorate
