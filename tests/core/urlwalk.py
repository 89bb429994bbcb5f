"""Walk a URLconf and report every view that declares no policy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from regie.core.policy import ViewPolicy, view_policy


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str
    view: Any
    policy: ViewPolicy | None


def walk(urlconf: str | None = None) -> Iterator[Route]:
    def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}{entry.namespace}:"
                yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else ""
                yield Route(
                    prefix + str(entry.pattern), name, entry.callback, view_policy(entry.callback)
                )

    yield from _walk(get_resolver(urlconf).url_patterns, "", "")


def undeclared(urlconf: str | None = None) -> list[Route]:
    return [route for route in walk(urlconf) if route.policy is None]
