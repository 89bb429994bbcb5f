"""Request context, view-declaration enforcement and the access log of reads."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.defaults import permission_denied

from regie.core import audit, context, policy
from regie.core.http import Actor
from regie.core.vocabulary import AuditAction, Kernel, read_of, view_of

logger = logging.getLogger(__name__)
# One line per request (docs/operations.md#access-log); gunicorn's own access log is off.
access_logger = logging.getLogger("regie.access")

# What a proxy may send as X-Request-ID: nginx's $request_id (32 hex digits) or a UUID.
_REQUEST_ID = re.compile(r"[0-9A-Za-z]{8,32}")


def client_ip(request: HttpRequest) -> str | None:
    """The client address, trusting exactly ``REGIE_PROXY_COUNT`` reverse proxies."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [p.strip() for p in header.split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "") or None


def incoming_request_id(request: HttpRequest) -> str | None:
    """The proxy's X-Request-ID, so its log and the audit events share one id. Trusted only
    behind ``REGIE_PROXY_COUNT`` proxies, which set (and overwrite) the header: a client could
    otherwise choose the ids its requests leave in the audit log."""
    if not getattr(settings, "AXES_IPWARE_PROXY_COUNT", None):
        return None
    value = str(request.META.get("HTTP_X_REQUEST_ID", "")).replace("-", "")
    return value if _REQUEST_ID.fullmatch(value) else None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        ctx = context.RequestContext(
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            path=request.path,
            path_info=request.path_info,
        )
        if (forwarded_id := incoming_request_id(request)) is not None:
            ctx.request_id = forwarded_id
        request.regie_context = ctx  # type: ignore[attr-defined]
        with context.request_context(ctx):
            try:
                response = self.get_response(request)
                self._log_reads(request, response, ctx)
                self._log_refusal(request, response, ctx)
            finally:
                audit.flush_pending(ctx)
        response["X-Request-ID"] = ctx.request_id
        _private(request, response)
        if settings.REGIE_ACCESS_LOG:
            # The path as the audit log has it: no query string (searches carry names and
            # dates of birth), tokens in the URL masked. No body, no user.
            access_logger.info(
                "%s %s %s %.0fms %s",
                request.method,
                ctx.path,
                response.status_code,
                (time.monotonic() - started) * 1000,
                ctx.request_id,
            )
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> None:
        # First of all middleware: the second-factor gate and CSRF refuse before the policy
        # middleware runs, and their refusals name the requested object and path too.
        ctx: context.RequestContext | None = getattr(request, "regie_context", None)
        if ctx is not None:
            ctx.requested = policy.requested_object(view_func, view_kwargs)
            ctx.path = audit.masked_path(request.path, view_kwargs)
            ctx.resolved = ctx.view_resolved = True

    @staticmethod
    def _log_refusal(
        request: HttpRequest, response: HttpResponse, ctx: context.RequestContext
    ) -> None:
        """A 403 or 404 of a view that logged no refusal itself (a hand-written lookup that
        found nothing, a ``PermissionDenied`` raised without the policy) is logged here, so no
        refused request of a signed-in user goes unrecorded."""
        if response.status_code not in (403, 404) or ctx.denials or not ctx.view_resolved:
            return
        user: Actor | None = getattr(request, "user", None)
        declared: policy.ViewPolicy | None = getattr(request, "regie_view_policy", None)
        if user is None or not user.is_authenticated or declared is None or declared.public:
            return
        requested = ctx.requested
        action: AuditAction
        if response.status_code == 403:
            action = declared.action or Kernel.PAGE
        elif requested is not None and "." in requested.object_type:  # a model's row
            action = view_of(requested.object_type)
        else:
            action = Kernel.PAGE_NOT_FOUND
        audit.record(
            action=action,
            actor=user,
            object_type="" if requested else "url",
            object_id="" if requested else ctx.path[:100],
            result=audit.DENIED,
            independent=True,
        )

    @staticmethod
    def _log_reads(
        request: HttpRequest, response: HttpResponse, ctx: context.RequestContext
    ) -> None:
        declared: policy.ViewPolicy | None = getattr(request, "regie_view_policy", None)
        if declared is None or response.status_code >= 400:
            return
        user: Actor | None = getattr(request, "user", None)
        action = read_of(declared.action)
        if ctx.reads:
            for object_type, object_id, case_id in ctx.reads:
                audit.record(
                    action=action,
                    actor=user,
                    object_type=object_type,
                    object_id=object_id,
                    case_id=case_id,
                    independent=True,
                )
        elif declared.personal_data and response.status_code < 300:
            audit.record(
                action=action,
                actor=user,
                object_type="page",
                # The path only: query strings can hold names or dates of birth (searches),
                # which must not end up in a log that outlives the data's retention.
                object_id=request.path[:100],
                independent=True,
            )


def _private(request: HttpRequest, response: HttpResponse) -> None:
    """What a signed-in user is shown stays out of caches: no copy on the disk of a shared
    workstation, none in a proxy. And a URL that answers htmx with a fragment and a browser with
    a page must not have one stand in for the other (back and forward)."""
    patch_vary_headers(response, ["HX-Request"])
    user: Actor | None = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
        add_never_cache_headers(response)


class PolicyMiddleware:
    """Refuses to run any view that declares neither ``@requires`` nor ``@public``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        declared = policy.view_policy(view_func)
        if declared is None:
            logger.error("view %s has no policy declaration; refusing", view_func)
            audit.record(
                action=Kernel.POLICY_UNDECLARED_VIEW,
                actor=getattr(request, "user", None),
                object_type="url",
                object_id=request.path[:100],
                result=audit.DENIED,
                independent=True,
            )
            return permission_denied(request, PermissionDenied("undeclared view"))
        request.regie_view_policy = declared  # type: ignore[attr-defined]
        return None
