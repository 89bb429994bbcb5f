"""Request body limits: an oversized body is refused before anything reads it.

Django reads a multipart body whole (files to temporary files) as soon as anything touches
``request.POST``: the CSRF check does, so an anonymous 60 MB upload was read and stored before
it was refused. The ``Content-Length`` is checked here first, for every view; the reverse proxy
refuses larger bodies still earlier (``client_max_body_size``, docs/operations.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regie.core import audit
from regie.core.vocabulary import Kernel

# Free text typed into a form. Each field takes one of these (a test walks every form): long
# enough for what people write there, short enough that a pasted document or a script cannot
# fill the database through one field.
SHORT_TEXT = 2_000  # a reason, a note, a motivation, a correction: a paragraph or two
LONG_TEXT = 10_000  # a journal entry, a summary, a minutes point, a description: a page or two
PASSWORD_MAX = 1_024


def body_limit(request: HttpRequest) -> int:
    """Multipart forms carry files; every other body is form fields or JSON, held in memory."""
    if request.content_type == "multipart/form-data":
        return int(settings.REGIE_MAX_REQUEST_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        # Django reads an unparsable length as an empty body.
        return 0


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    audit.record(
        action=Kernel.SECURITY_REQUEST_TOO_LARGE,
        actor=getattr(request, "user", None),
        object_type="url",
        object_id=request.path[:100],
        result=audit.DENIED,
        changes={"content_length": declared_length(request), "limit": limit},
        independent=True,
    )
    # (No "Connection: close": WSGI leaves hop-by-hop headers to the server, and gunicorn's sync
    # workers close every connection after its response anyway.)
    return render(
        request, "413.html", {"limit_mb": max(1, round(limit / (1024 * 1024)))}, status=413
    )


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request)
        if declared_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 for a body whose form fields exceed the limit while being parsed: say 413,
    with the same page as the ``Content-Length`` check."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request, int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    return render(request, "400.html", status=400)
