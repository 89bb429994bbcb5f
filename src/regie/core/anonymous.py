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
from functools import cache, wraps
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
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


@cache
def _prefixes(urlconf: str) -> tuple[str, ...]:
    """The literal start of every anonymous view's path in ``urlconf`` (up to its first
    converter); ``("/",)`` when a pattern is a regular expression, so nothing is missed."""
    found: set[str] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and max_age_of(entry.callback) is not None:
                path = prefix + str(entry.pattern)
                literal = path.split("<", 1)[0]
                plain = not isinstance(entry.pattern, RegexPattern) and not any(
                    c in literal for c in "^$\\[("
                )
                found.add("/" + literal if plain else "/")

    walk(get_resolver(urlconf).url_patterns, "")
    return tuple(sorted(found))


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

    def _max_age(self, request: HttpRequest) -> int | None:
        urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        # Resolving costs up to 0.2 ms; only paths under an anonymous view's literal prefix
        # (``/openbaar/``) are worth it.
        if not request.path_info.startswith(_prefixes(urlconf)):
            return None
        try:
            match = resolve(request.path_info, urlconf)
        except Resolver404:
            return None
        return max_age_of(match.func)
