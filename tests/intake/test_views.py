"""The submitter's pages: who may open them, a draft kept on a refusal, and only their own
signals in their list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from regie.accounts.models import User
from regie.cases.models import Theme
from regie.intake.models import Signal

ROLES = (
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
)
SUBMITTERS = {
    "aandachtsfunctionaris",
    "aandachtsfunctionaris_2",
    "partner_stadsdeel",
    "partner_other",
}


@pytest.fixture
def login(intake_personas: dict[str, User]) -> Any:
    """``login_as`` for the intake personas too (verified sessions, as after a real login)."""
    from django.test import Client

    from tests.conftest import verify_session

    def log_in(name: str) -> Client:
        client = Client()
        verify_session(client, intake_personas[name])
        return client

    return log_in


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [("intake:own", SUBMITTERS), ("intake:submit", SUBMITTERS | {"steunpunt"})],
)
def test_persona_matrix(login: Any, role: str, url_name: str, allowed: set[str]) -> None:
    response = login(role).get(reverse(url_name))
    assert response.status_code == (200 if role in allowed else 403)


def test_anonymous_goes_to_login(client: Any, db: Any) -> None:
    for name in ("intake:own", "intake:submit"):
        response = client.get(reverse(name))
        assert response.status_code == 302


def _post(client: Any, **fields: Any) -> Any:
    values = {
        "kind": "signal",
        "themes": [str(Theme.objects.order_by("pk")[0].pk)],
        "observation": "Deelt propaganda in de aula.",
        "observed_since": "2026-09-01",
        "person_first_name": "Sem",
        "person_last_name": "van Dijk",
        "person_date_of_birth": "",
        "person_area": "",
        "urgency": "normal",
        "person_is_aware": "no",
        **fields,
    }
    return client.post(reverse("intake:submit"), values)


def test_a_refused_signal_keeps_the_draft(login: Any) -> None:
    response = _post(login("aandachtsfunctionaris"), kind="consultation")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Deelt propaganda in de aula." in page
    assert 'value="van Dijk"' in page
    assert 'value="2026-09-01"' in page
    assert response.context["form"].errors["person_last_name"]
    assert not Signal.objects.exists()


def test_submit_and_follow_in_the_own_list(login: Any, make_signal: Callable[..., Signal]) -> None:
    other = make_signal(by="aandachtsfunctionaris_2")
    client = login("aandachtsfunctionaris")
    response = _post(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:own")
    signal = Signal.objects.exclude(pk=other.pk).get()
    assert signal.person_is_aware is False
    assert signal.themes.count() == 1
    page = client.get(reverse("intake:own")).content.decode()
    assert signal.reference in page
    assert other.reference not in page
    assert "Sem" not in page  # the list shows status, not the content


def test_steunpunt_records_on_behalf_of_a_caller(login: Any) -> None:
    client = login("steunpunt")
    response = _post(client)
    assert response.status_code == 400
    assert response.context["form"].errors["recorded_on_behalf_of"]
    response = _post(client, recorded_on_behalf_of="Beller van de woningcorporatie")
    assert response.status_code == 302
    assert Signal.objects.get().recorded_on_behalf_of == "Beller van de woningcorporatie"


def test_own_signal_page_shows_the_thread_and_takes_an_answer(
    login: Any, make_signal: Callable[..., Signal], intake_personas: dict[str, User]
) -> None:
    from regie.intake import services

    signal = make_signal()
    services.ask_submitter(actor=intake_personas["steunpunt"], signal=signal, text="Welke klas?")
    url = reverse("intake:own_detail", args=[signal.reference])
    client = login("aandachtsfunctionaris")
    page = client.get(url).content.decode()
    assert "Welke klas?" in page
    assert client.post(url, {"text": " "}).status_code == 400
    response = client.post(url, {"text": "Klas 3B."})
    assert response.status_code == 302
    assert list(signal.messages.values_list("kind", "text")) == [
        ("question", "Welke klas?"),
        ("answer", "Klas 3B."),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_own_signal_page_is_the_submitters_only(
    login: Any, make_signal: Callable[..., Signal], role: str
) -> None:
    signal = make_signal()
    response = login(role).get(reverse("intake:own_detail", args=[signal.reference]))
    # Other submitters get the page of a signal that does not exist; other roles the door.
    expected = 200 if role == "aandachtsfunctionaris" else 404 if role in SUBMITTERS else 403
    assert response.status_code == expected
