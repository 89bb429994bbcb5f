from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from regie.core import audit
from regie.core.policy import public
from regie.core.vocabulary import Kernel

logger = logging.getLogger(__name__)


@public
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness for load balancers; reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@public
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: may this node take requests? Not when the database cannot be reached, nor
    when the audit chain's head cannot be read: every audited write appends to it, so a node
    that cannot read it could only refuse (or, worse, lose) work. Reveals nothing else."""
    try:
        # In a savepoint: a failed read must not leave a transaction aborted behind it.
        with transaction.atomic():
            audit.chain_head()
    except Exception:
        logger.exception("not ready: the audit chain's head cannot be read")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ready"})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


# Django's reasons, as codes: the texts of some name the Referer, which may carry a query string.
_CSRF_REASONS = (
    ("Origin checking failed", "bad_origin"),
    ("Referer checking failed - no Referer", "no_referer"),
    ("Referer checking failed - Referer is malformed", "malformed_referer"),
    ("Referer checking failed - Referer is insecure", "insecure_referer"),
    ("Referer checking failed", "bad_referer"),
    ("CSRF cookie not set", "no_cookie"),
    ("CSRF token missing", "token_missing"),
    ("has incorrect length", "token_malformed"),
    ("has invalid characters", "token_malformed"),
    ("incorrect", "token_incorrect"),
)


def csrf_reason(reason: str) -> str:
    return next((code for text, code in _CSRF_REASONS if text in reason), "other")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the refusal is logged, and the page says what happened."""
    audit.record(
        action=Kernel.SECURITY_CSRF_FAILED,
        actor=getattr(request, "user", None),
        changes={"reason": csrf_reason(reason)},
        result=audit.DENIED,
        independent=True,
    )
    return render(request, "403_csrf.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Same page whether the object does not exist or is not visible to this user.
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this handler inside its ``except`` block: the exception is the current one.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        # The database cannot be reached (restarting, failing over): temporary, and the
        # request's transaction did not commit. The next request reconnects by itself
        # (CONN_HEALTH_CHECKS).
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    # No context processors: they may need the very database that just failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
