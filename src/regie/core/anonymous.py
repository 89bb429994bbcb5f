"""Pages for everyone, served the same to everyone: no session, no cookie, cacheable.

A view marked ``@anonymous(max_age=…)`` (besides ``@public``) is answered as if the request
carried no cookie at all: ``AnonymousPageMiddleware`` drops the request's cookies before the
session, CSRF and language machinery read them, so a signed-in visitor gets exactly the page an
anonymous one gets and nothing of theirs can end up in a shared cache. On the way out it removes
every ``Set-Cookie`` and the ``Vary: Cookie`` that session access adds (the answer no longer
depends on cookies), and makes the answer cacheable by anyone.

The middleware sits before ``SessionMiddleware``: it must clear the cookies before the session
is read and see the response after the session has added its headers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

V = TypeVar("V", bound=Callable[..., HttpResponse])

ATTRIBUTE = "regie_anonymous_max_age"

# Answers worth caching as they are: a page, a moved page, not found, gone.
_CACHEABLE = frozenset({200, 301, 404, 410})


def anonymous(*, max_age: int = 300) -> Callable[[V], V]:
    """Mark a (``@public``) view as an anonymous, cacheable page for ``max_age`` seconds."""

    def decorate(view: V) -> V:
        @wraps(view)
        def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return view(request, *args, **kwargs)

        setattr(page, ATTRIBUTE, max_age)
        return page  # type: ignore[return-value]

    return decorate


def max_age_of(view: Any) -> int | None:
    value = getattr(view, ATTRIBUTE, None)
    return value if isinstance(value, int) else None


class AnonymousPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        max_age = self._max_age(request)
        if max_age is None:
            return self.get_response(request)
        request.COOKIES = {}
        request.META.pop("HTTP_COOKIE", None)
        response = self.get_response(request)
        response.cookies.clear()
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif response.has_header("Vary"):
            del response["Vary"]
        if response.status_code in _CACHEABLE:
            patch_cache_control(response, public=True, max_age=max_age)
        else:
            # A refused filter (400) or a failure is not worth keeping.
            patch_cache_control(response, no_cache=True, max_age=0)
        return response

    @staticmethod
    def _max_age(request: HttpRequest) -> int | None:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        return max_age_of(match.func)
