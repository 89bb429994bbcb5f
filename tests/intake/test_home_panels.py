"""The intake home cards (Steunpunt, Weegploeg, submitters) and navigation entries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from regie.intake import services
from regie.intake.models import Signal


def test_steunpunt_card_counts_waiting_and_overdue(make_signal: Any, client_for: Any) -> None:
    old = make_signal()
    Signal.objects.filter(pk=old.pk).update(stage_since=timezone.now() - timedelta(days=30))
    make_signal()
    html = client_for("steunpunt").get("/").content.decode()
    assert "/steunpunt/" in html
    assert old.reference in html
    assert "2 signalen wachten" in html or "2 signals are waiting" in html
    assert "1 daarvan is over tijd" in html or "1 of them is overdue" in html


def test_weegploeg_card(forwarded_signal: Signal, client_for: Any) -> None:
    html = client_for("weegploeg").get("/").content.decode()
    assert "/weegploeg/" in html
    assert forwarded_signal.reference in html


def test_empty_cards_say_so(client_for: Any, intake_personas: Any) -> None:
    assert client_for("weegploeg").get("/").status_code == 200
    html = client_for("steunpunt").get("/").content.decode()
    assert "/steunpunt/" in html


def test_others_have_no_desk_entries(client_for: Any, intake_personas: Any) -> None:
    html = client_for("teamleider").get("/").content.decode()
    assert 'href="/steunpunt/"' not in html
    assert 'href="/weegploeg/"' not in html


def test_a_submitter_card_puts_a_question_for_them_first(
    make_signal: Any, client_for: Any, intake_personas: Any
) -> None:
    asked = make_signal()
    make_signal()
    services.ask_submitter(
        actor=intake_personas["steunpunt"], signal=asked, text="In welke klas zit de leerling?"
    )
    html = client_for("aandachtsfunctionaris").get("/").content.decode()
    card = html[html.index('id="panel-signals"') :]
    assert "2 signalen ingediend." in card
    assert "Het Steunpunt stelt u een vraag over 1 ervan." in card
    assert card.index(asked.reference) < card.index("vraag aan u")
    # Status only, as on the submitter's own page: not the question, not the stage.
    assert "In welke klas" not in card
    assert "Weegploeg" not in card[: card.index("</section>")]


def test_a_submitter_without_signals_is_told_so(client_for: Any, intake_personas: Any) -> None:
    html = client_for("aandachtsfunctionaris_2").get("/").content.decode()
    assert "U hebt nog geen signalen ingediend." in html
    assert "panel-signals" not in client_for("regisseur_a").get("/").content.decode()
