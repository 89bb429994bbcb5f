"""Issue 11 point 6: every card on the home page shows real content or is not there."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from regie.accounts.home import PANELS_BY_ROLE, _providers
from regie.accounts.models import User
from regie.cases.models import Phase, Task
from regie.demo import data
from tests.conftest import PERSONAS, verify_session

# The empty states of cards for features that did not exist ("Hier ziet u straks …").
PLACEHOLDER = re.compile(r"will appear here|Hier ziet u straks", re.IGNORECASE)


def _cards(page: str) -> list[str]:
    return re.findall(r'<section class="regie-panel"[^>]*id="card-([a-z_]+)"', page)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_card_promises_what_is_not_there(
    login_as: Callable[[str], Client], persona: str
) -> None:
    page = login_as(persona).get(reverse("accounts:home")).content.decode()
    assert not PLACEHOLDER.search(page), persona


def test_every_card_of_a_role_has_content_from_its_app() -> None:
    for role, panels in PANELS_BY_ROLE.items():
        for panel in panels:
            assert panel.key in _providers, (role, panel.key)


def test_regisseur_caseload_and_tasks_show_counts(
    login_as: Callable[[str], Client], make_case: Any, personas: dict[str, User]
) -> None:
    today = timezone.localdate()
    late = make_case(personas["regisseur_a"], next_review_on=today - timedelta(days=3))
    make_case(personas["regisseur_a"], next_review_on=today + timedelta(days=10))
    make_case(personas["regisseur_b"])
    make_case(personas["regisseur_a"], phase=Phase.AFGESLOTEN)
    Task.objects.create(
        case=late,
        kind=Task.Kind.FOLLOW_UP,
        title="Bel de moeder",
        due_on=today - timedelta(days=1),
        assignee=personas["regisseur_a"],
    )
    page = login_as("regisseur_a").get(reverse("accounts:home")).content.decode()
    assert _cards(page) == ["caseload", "tasks", "actions"]
    assert "U regisseert 2 open casussen." in page
    assert "1 daarvan heeft een verlopen evaluatie." in page
    assert late.number in page
    assert "U hebt 1 open taak." in page
    assert "Bel de moeder" in page
    assert "U bent eigenaar van geen open acties." in page


def test_teamleider_overview_counts_cases_without_director(
    login_as: Callable[[str], Client], make_case: Any, personas: dict[str, User]
) -> None:
    make_case(personas["regisseur_a"])
    make_case(None)
    page = login_as("teamleider").get(reverse("accounts:home")).content.decode()
    assert "2 open casussen." in page
    assert "1 daarvan heeft geen regisseur." in page


def test_auditor_and_beheerder_cards_count(login_as: Callable[[str], Client]) -> None:
    page = login_as("auditor").get(reverse("accounts:home")).content.decode()
    assert _cards(page) == ["audit"]
    assert re.search(r"\d+ (registratie|registraties) in de afgelopen 7 dagen\.", page)
    page = login_as("beheerder").get(reverse("accounts:home")).content.decode()
    assert _cards(page) == ["admin"]
    # every persona is an active account; the outsider has no role
    assert f"{len(PERSONAS)} actieve gebruikers." in page
    assert "1 daarvan heeft geen huidige rol." in page


def test_partner_signals_card_has_real_content(login_as: Callable[[str], Client]) -> None:
    # The placeholder card this test once kept out is now the intake's own card (issue 14).
    page = login_as("aandachtsfunctionaris").get(reverse("accounts:home")).content.decode()
    assert _cards(page) == ["shared", "signals"]
    assert "Er worden op dit moment geen casussen met uw organisatie gedeeld." in page
    assert "U hebt nog geen signalen ingediend." in page
    assert "nog niet ondersteund" not in page


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_every_demo_account_home_has_real_cards_only(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo")
    capsys.readouterr()
    for account in data.ACCOUNTS:
        client = Client()
        verify_session(client, User.objects.get(username=account.username))
        page = client.get(reverse("accounts:home")).content.decode()
        assert not PLACEHOLDER.search(page), account.username
        assert "Welkom" in page or "Goed je te zien" in page or "<h1" in page
        # The Woo coordinator has work since issue 13: the card of Woo publications.
        assert _cards(page), account.username
        if account.role == "woo":
            assert _cards(page) == ["woo"]
            assert "nog niet ondersteund" not in page
