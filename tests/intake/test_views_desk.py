"""The Steunpunt's pages: the queue, the signal page and each act on it (done, refused with
400 and nothing written, or not allowed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.intake.models import Signal, SignalMessage, Stage, Status

Make = Callable[..., Signal]


def _url(name: str, signal: Signal) -> str:
    return reverse(name, kwargs={"reference": signal.reference})


def test_queue_urgent_first_with_age_and_overdue(make_signal: Make, client_for: Any) -> None:
    old = make_signal()
    Signal.objects.filter(pk=old.pk).update(stage_since=timezone.now() - timedelta(days=9))
    urgent = make_signal(urgency="high")
    response = client_for("steunpunt").get(reverse("steunpunt:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(urgent.reference) < html.index(old.reference)
    assert "9 dagen" in html or "9 days" in html
    assert "regie-overdue" in html
    assert reverse("intake:submit") in html
    overdue = client_for("steunpunt").get(reverse("steunpunt:queue") + "?over-tijd=1")
    assert old.reference in overdue.content.decode()
    assert urgent.reference not in overdue.content.decode()


def test_signal_page_shows_content_thread_and_actions(make_signal: Make, client_for: Any) -> None:
    signal = make_signal()
    response = client_for("steunpunt").get(_url("steunpunt:signal", signal))
    assert response.status_code == 200
    html = response.content.decode()
    assert "extremistische filmpjes" in html
    for name in ("pick_up", "ask", "advise", "close", "forward"):
        assert _url(f"steunpunt:{name}", signal) in html


def test_pick_up_assigns_the_handler(
    make_signal: Make, client_for: Any, intake_personas: dict[str, User]
) -> None:
    signal = make_signal()
    response = client_for("steunpunt").post(
        _url("steunpunt:pick_up", signal), {"version": signal.version}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert (signal.handler, signal.status) == (intake_personas["steunpunt"], Status.IN_BEHANDELING)


def test_pick_up_with_a_stale_version_is_refused(make_signal: Make, client_for: Any) -> None:
    signal = make_signal()
    Signal.objects.filter(pk=signal.pk).update(version=5)
    response = client_for("steunpunt").post(_url("steunpunt:pick_up", signal), {"version": 1})
    assert response.status_code == 400
    signal.refresh_from_db()
    assert signal.handler is None


def test_ask_sends_a_question_and_a_mail_without_content(
    make_signal: Make, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    signal = make_signal()
    User.objects.filter(submitted_signals=signal).update(email="af@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("steunpunt").post(
            _url("steunpunt:ask", signal), {"text": "Sinds wanneer precies?"}
        )
    assert response.status_code == 302
    assert SignalMessage.objects.get(signal=signal).kind == SignalMessage.Kind.QUESTION
    assert len(mail.outbox) == 1
    assert "Sinds wanneer" not in mail.outbox[0].body
    own = client_for("aandachtsfunctionaris").get(_url("intake:own_detail", signal))
    assert "Sinds wanneer precies?" in own.content.decode()


def test_an_empty_question_is_refused_and_nothing_written(
    make_signal: Make, client_for: Any
) -> None:
    signal = make_signal()
    response = client_for("steunpunt").post(_url("steunpunt:ask", signal), {"text": "  "})
    assert response.status_code == 400
    assert not SignalMessage.objects.exists()


def test_advise_writes_advice(make_signal: Make, client_for: Any) -> None:
    signal = make_signal(
        kind="consultation", person_first_name="", person_last_name="", person_date_of_birth=None
    )
    response = client_for("steunpunt").post(_url("steunpunt:advise", signal), {"text": "Bel ons."})
    assert response.status_code == 302
    assert SignalMessage.objects.get(signal=signal).kind == SignalMessage.Kind.ADVICE


def test_close_needs_a_reason(make_signal: Make, client_for: Any) -> None:
    signal = make_signal()
    url = _url("steunpunt:close", signal)
    refused = client_for("steunpunt").post(url, {"version": signal.version, "reason": ""})
    assert refused.status_code == 400
    signal.refresh_from_db()
    assert signal.stage == Stage.STEUNPUNT
    done = client_for("steunpunt").post(url, {"version": signal.version, "reason": "Geen zorg."})
    assert done.status_code == 302
    signal.refresh_from_db()
    assert (signal.stage, signal.closing_reason) == (Stage.AFGEROND, "Geen zorg.")
    own = client_for("aandachtsfunctionaris").get(_url("intake:own_detail", signal))
    assert "Geen zorg." not in own.content.decode()


def test_forward_and_refusal_at_the_wrong_stage(make_signal: Make, client_for: Any) -> None:
    signal = make_signal()
    url = _url("steunpunt:forward", signal)
    assert client_for("steunpunt").post(url, {"version": signal.version}).status_code == 302
    signal.refresh_from_db()
    assert signal.stage == Stage.WEEGPLOEG
    again = client_for("steunpunt").post(url, {"version": signal.version})
    assert again.status_code == 400


def test_a_consultation_cannot_be_forwarded(make_signal: Make, client_for: Any) -> None:
    signal = make_signal(
        kind="consultation", person_first_name="", person_last_name="", person_date_of_birth=None
    )
    response = client_for("steunpunt").post(
        _url("steunpunt:forward", signal), {"version": signal.version}
    )
    assert response.status_code == 400
    signal.refresh_from_db()
    assert signal.stage == Stage.STEUNPUNT


def test_others_may_not_act(make_signal: Make, client_for: Any) -> None:
    signal = make_signal()
    for who in ("weegploeg", "aandachtsfunctionaris", "teamleider"):
        response = client_for(who).post(
            _url("steunpunt:pick_up", signal), {"version": signal.version}
        )
        assert response.status_code == 403, who
    # The Weegploeg sees forwarded signals only: one still at the Steunpunt is "not found".
    assert client_for("weegploeg").get(_url("steunpunt:signal", signal)).status_code == 404
    signal.refresh_from_db()
    assert signal.handler is None


def test_a_recorded_signal_opens_on_the_steunpunt_page(client_for: Any) -> None:
    from regie.cases.models import Theme

    response = client_for("steunpunt").post(
        reverse("intake:submit"),
        {
            "kind": "signal",
            "themes": [Theme.objects.order_by("pk").first().pk],  # type: ignore[union-attr]
            "observation": "Beller meldt propaganda.",
            "urgency": "high",
            "recorded_on_behalf_of": "Beller van de woningcorporatie",
        },
    )
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("steunpunt:signal", signal)
    queue = client_for("steunpunt").get(reverse("steunpunt:queue")).content.decode()
    assert signal.reference in queue
