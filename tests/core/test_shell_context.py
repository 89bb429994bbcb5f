"""The shell's context (navigation) is built once per request, for that user and path."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from regie.core import context_processors, navigation


class _User:
    is_authenticated = True

    def __init__(self, pk: int, verified: bool = True) -> None:
        self.pk = pk
        self.verified = verified

    def is_verified(self) -> bool:
        return self.verified


@pytest.fixture
def built(monkeypatch) -> list[tuple[Any, str]]:
    calls: list[tuple[Any, str]] = []

    def for_user(user: Any, path: str = "") -> list[dict[str, Any]]:
        calls.append((user.pk, path))
        return [{"label": "x", "url": "/", "current": path == "/", "key": str(user.pk)}]

    monkeypatch.setattr(navigation, "for_user", for_user)
    return calls


def test_built_once_per_request(built) -> None:
    request = RequestFactory().get("/casussen/")
    request.user = _User(1)  # type: ignore[assignment]
    first = context_processors.shell(request)
    second = context_processors.shell(request)
    assert built == [(1, "/casussen/")]
    assert first == second
    assert first is not second  # each render gets its own dict


def test_rebuilt_for_another_user_path_or_second_factor(built) -> None:
    request = RequestFactory().get("/casussen/")
    request.user = _User(1)  # type: ignore[assignment]
    context_processors.shell(request)
    request.user = _User(2)  # type: ignore[assignment]
    assert context_processors.shell(request)["nav_items"][0]["key"] == "2"
    request.path = "/"
    assert context_processors.shell(request)["nav_items"][0]["current"] is True
    request.user = _User(2, verified=False)  # type: ignore[assignment]
    assert context_processors.shell(request)["nav_items"] == []
    assert built == [(1, "/casussen/"), (2, "/casussen/"), (2, "/")]


def test_a_new_request_builds_again(built) -> None:
    for _ in range(2):
        request = RequestFactory().get("/")
        request.user = _User(1)  # type: ignore[assignment]
        context_processors.shell(request)
    assert len(built) == 2


def test_anonymous_has_no_navigation(built) -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert context_processors.shell(request)["nav_items"] == []
    assert built == []
