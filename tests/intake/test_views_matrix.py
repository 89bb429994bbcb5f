"""Every intake view (the submitter's, the Steunpunt's and the Weegploeg's) against the shared
personas, the intake roles and an anonymous visitor, with a signal at each stage (the rows
without an object are also in tests/core/test_persona_matrix.py). Posts send an empty form:
who may act gets the 400 of a refused form, and nothing changes. An anonymous visitor is sent
to the login page from every one of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.intake import services
from regie.intake.models import Signal, SignalMessage, TriageSession

PERSONAS = (
    "aandachtsfunctionaris",
    "aandachtsfunctionaris_2",
    "partner_stadsdeel",
    "partner_other",
    "steunpunt",
    "weegploeg",
    "teamleider",
    "regisseur_a",
    "auditor",
    "beheerder",
    "secretaris",
    "outsider",
    "anonymous",
)

STEUNPUNT = {"steunpunt": 200}
WEEGPLOEG = {"weegploeg": 200}
# Who sends signals: the signals here are the aandachtsfunctionaris' own.
SUBMITTERS = (
    "aandachtsfunctionaris",
    "aandachtsfunctionaris_2",
    "partner_stadsdeel",
    "partner_other",
)
OWN = dict.fromkeys(SUBMITTERS, 200)
NOT_THEIRS = dict.fromkeys(SUBMITTERS, 404)

# (method, url name, which signal: "desk" at the Steunpunt / "forwarded" / "session",
#  {persona: status}, default status)
ROWS: list[tuple[str, str, str, dict[str, int], int]] = [
    ("get", "intake:own", "", OWN, 403),
    # The Steunpunt records phoned-in signals through the same form.
    ("get", "intake:submit", "", {**OWN, "steunpunt": 200}, 403),
    ("post", "intake:submit", "", {**dict.fromkeys(SUBMITTERS, 400), "steunpunt": 400}, 403),
    ("get", "intake:own_detail", "desk", {**NOT_THEIRS, "aandachtsfunctionaris": 200}, 403),
    ("post", "intake:own_detail", "desk", {**NOT_THEIRS, "aandachtsfunctionaris": 400}, 403),
    ("get", "steunpunt:queue", "", STEUNPUNT, 403),
    ("get", "steunpunt:signal", "desk", {"steunpunt": 200, "weegploeg": 404}, 403),
    # The Weegploeg reads a forwarded signal's page too (its content and thread).
    ("get", "steunpunt:signal", "forwarded", {"steunpunt": 200, "weegploeg": 200}, 403),
    ("post", "steunpunt:pick_up", "desk", {"steunpunt": 400}, 403),
    ("post", "steunpunt:ask", "desk", {"steunpunt": 400}, 403),
    ("post", "steunpunt:advise", "desk", {"steunpunt": 400}, 403),
    ("post", "steunpunt:close", "desk", {"steunpunt": 400}, 403),
    ("post", "steunpunt:forward", "desk", {"steunpunt": 400}, 403),
    ("get", "weegploeg:index", "", WEEGPLOEG, 403),
    ("post", "weegploeg:session_create", "", {"weegploeg": 400}, 403),
    ("get", "weegploeg:session", "session", WEEGPLOEG, 403),
    ("post", "weegploeg:session", "session", {"weegploeg": 400}, 403),
    ("get", "weegploeg:decide", "forwarded", WEEGPLOEG, 403),
    # Not forwarded: for the Weegploeg it does not exist.
    ("get", "weegploeg:decide", "desk", {"weegploeg": 404}, 403),
    ("post", "weegploeg:decide", "forwarded", {"weegploeg": 400}, 403),
    # Taking a signal off a session it is not in: refused (400) for the Weegploeg.
    ("post", "weegploeg:session_remove", "session_forwarded", {"weegploeg": 400}, 403),
    ("post", "weegploeg:session_remove", "session_desk", {"weegploeg": 404}, 403),
]


@pytest.fixture
def objects(
    make_signal: Any, forwarded_signal: Signal, intake_personas: dict[str, User]
) -> dict[str, Any]:
    session = services.create_session(actor=intake_personas["weegploeg"], on=timezone.localdate())
    desk = make_signal().reference
    return {
        "desk": {"reference": desk},
        "forwarded": {"reference": forwarded_signal.reference},
        "session": {"pk": session.pk},
        "session_forwarded": {"pk": session.pk, "reference": forwarded_signal.reference},
        "session_desk": {"pk": session.pk, "reference": desk},
        "": {},
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "url_name", "which", "allowed", "default"), ROWS)
def test_matrix(
    client_for: Any,
    objects: dict[str, Any],
    persona: str,
    method: str,
    url_name: str,
    which: str,
    allowed: dict[str, int],
    default: int,
) -> None:
    client: Client = Client() if persona == "anonymous" else client_for(persona)
    url = reverse(url_name, kwargs=objects[which])
    state = ("version", "stage", "handler_id", "session_id")
    before = list(Signal.objects.order_by("pk").values_list(*state))
    messages = SignalMessage.objects.count()
    response = getattr(client, method)(url, {})
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == allowed.get(persona, default)
    after = list(Signal.objects.order_by("pk").values_list(*state))
    assert after == before
    assert SignalMessage.objects.count() == messages
    assert TriageSession.objects.count() == 1
