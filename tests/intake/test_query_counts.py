"""The Steunpunt's queue, its overdue list, the Weegploeg's list and their home cards cost the
same number of queries with 3 or 30 signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.accounts.models import User
from regie.intake import services
from regie.intake.models import Signal


def _queries(client: Any, url: str) -> int:
    client.get(url)  # warm: session, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(make_signal: Callable[..., Signal], personas: dict[str, User], n: int) -> None:
    steunpunt = personas["steunpunt"]
    for i in range(n):
        signal = make_signal(urgency="high" if i % 3 == 0 else "normal")
        if i % 2:
            services.pick_up(actor=steunpunt, signal=signal)
        if i % 4 == 1:
            services.forward_to_weegploeg(actor=steunpunt, signal=signal)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("steunpunt", "/steunpunt/"),
        ("steunpunt", "/steunpunt/?over-tijd=1"),
        ("weegploeg", "/weegploeg/"),
        ("steunpunt", "/"),
        ("weegploeg", "/"),
    ],
)
def test_constant_queries(
    client_for: Any,
    make_signal: Callable[..., Signal],
    intake_personas: dict[str, User],
    persona: str,
    url: str,
) -> None:
    assert reverse("accounts:home") == "/"
    client = client_for(persona)
    _grow(make_signal, intake_personas, 3)
    small = _queries(client, url)
    _grow(make_signal, intake_personas, 27)
    large = _queries(client, url)
    assert small == large, f"{url}: {small} queries with 3 signals, {large} with 30"
