"""The submitter's pages in the browser (issue 14): the aandachtsfunctionaris sends a request
for advice that names a person (refused: the draft stays), corrects it, and finds the signal in
their own list, where they answer the Steunpunt's question. Checked with axe; screenshots go
to test-results/."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from regie.accounts.models import Role
from regie.cases import defaults
from regie.intake import services
from regie.intake.models import Signal
from regie.organisations.models import Organisation

from .conftest import Journey
from .test_login_journey import log_in, make_account, path_of

pytestmark = pytest.mark.browser


def test_signal_submit_journey(live_server: Any, journey: Journey) -> None:
    defaults.load(apps.get_model)
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    contact = make_account(
        "aandachtsfunctionaris", Role.AANDACHTSFUNCTIONARIS, first_name="Ilse", last_name="Bos"
    )
    page = journey.new_page()
    log_in(journey, page, contact)
    journey.check(page)
    page.goto(reverse("intake:submit"))
    journey.check(page, screenshot="signal-form")
    page.locator("main input[name=kind][value=consultation]").check()
    page.locator("main label", has_text="Rechtsextremisme").click()
    page.locator("main textarea[name=observation]").fill("Leerling deelt propaganda in de aula.")
    page.locator("main input[name=person_last_name]").fill("Dijk")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    journey.check(page, screenshot="signal-form-refused")
    # The draft is still there.
    assert page.locator("main textarea[name=observation]").input_value().startswith("Leerling")
    assert page.locator("main input[name=person_last_name]").input_value() == "Dijk"
    page.locator("main input[name=kind][value=signal]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert path_of(page) == reverse("intake:own")
    signal = Signal.objects.get()
    assert page.locator("main table").get_by_text(signal.reference).is_visible()
    journey.check(page, screenshot="my-signals")

    # The Steunpunt asks a question; the submitter reads it on the signal's page and answers.
    steunpunt = make_account("steunpunt", Role.STEUNPUNT, first_name="Kees", last_name="Smit")
    services.ask_submitter(
        actor=steunpunt.user, signal=signal, text="In welke klas zit de leerling?"
    )
    page.goto(reverse("intake:own"))
    journey.check(page)
    with page.expect_navigation():
        page.locator("main table a", has_text=signal.reference).click()
    assert page.locator("main").get_by_text("In welke klas zit de leerling?").is_visible()
    page.locator("main textarea[name=text]").fill("Klas 3B.")
    journey.check(page, screenshot="my-signal-question")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    journey.check(page)
    assert list(signal.messages.values_list("kind", flat=True)) == ["question", "answer"]
