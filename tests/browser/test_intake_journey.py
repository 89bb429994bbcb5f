"""The front door in the browser (issue 14): the aandachtsfunctionaris submits a signal; the
Steunpunt picks it up and asks a question; the submitter answers; the Steunpunt forwards it;
the Weegploeg sees a possible duplicate and decides "instroom" for the same person; the case
appears for the teamleider; the submitter sees only "afgerond". Every page is checked with
axe; screenshots go to test-results/ (intake-queue, intake-signal, intake-session,
intake-decision)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from regie.accounts.models import Role
from regie.cases import defaults
from regie.cases.models import Case, Person, Phase
from regie.intake import services
from regie.intake.models import Signal, Stage
from regie.organisations.models import Organisation

from .conftest import Journey
from .test_login_journey import log_in, make_account, path_of

pytestmark = pytest.mark.browser


def _post(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"main form[action$='{form}'] button[type=submit]").click()


def test_intake_journey(live_server: Any, journey: Journey) -> None:
    # Transactional tests run after a flush: the themes of the data migration are gone.
    defaults.load(apps.get_model)
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    known = Person.objects.create(
        first_name="Sem", last_name="Dijk", date_of_birth=date(2008, 2, 3), area=noord
    )
    contact = make_account(
        "aandachtsfunctionaris", Role.AANDACHTSFUNCTIONARIS, first_name="Ilse", last_name="Bos"
    )
    desk = make_account("steunpunt", Role.STEUNPUNT, first_name="Kees", last_name="Smit")
    weigher = make_account("weegploeg", Role.WEEGPLOEG, first_name="Anouk", last_name="Meijer")
    lead = make_account("teamleider", Role.TEAMLEIDER, first_name="Fatima", last_name="Jansen")

    # The aandachtsfunctionaris submits a signal naming the person.
    submitter = journey.new_page()
    log_in(journey, submitter, contact)
    journey.check(submitter)
    submitter.goto(reverse("intake:submit"))
    journey.check(submitter)
    submitter.locator("main label", has_text="Rechtsextremisme").click()
    submitter.locator("main textarea[name=observation]").fill("Deelt propaganda in de aula.")
    submitter.locator("main input[name=person_first_name]").fill("Sem")
    submitter.locator("main input[name=person_last_name]").fill("van Dijk")
    submitter.locator("main input[name=person_date_of_birth]").fill("2008-02-03")
    submitter.locator("main select[name=person_area]").select_option(label="Stadsdeel Noord")
    with submitter.expect_navigation():
        submitter.locator("main form button[type=submit]").click()
    assert path_of(submitter) == reverse("intake:own")
    signal = Signal.objects.get()
    signal_url = reverse("steunpunt:signal", kwargs={"reference": signal.reference})

    # The Steunpunt finds it in the queue, picks it up and asks a question.
    steunpunt = journey.new_page()
    log_in(journey, steunpunt, desk)
    assert steunpunt.locator("main").get_by_text(signal.reference).first.is_visible()
    journey.check(steunpunt, screenshot="intake-steunpunt-home")
    steunpunt.goto(reverse("steunpunt:queue"))
    journey.check(steunpunt, screenshot="intake-queue")
    with steunpunt.expect_navigation():
        steunpunt.locator("main table a", has_text=signal.reference).click()
    assert path_of(steunpunt) == signal_url
    _post(steunpunt, "oppakken/")
    journey.check(steunpunt)
    steunpunt.locator("main form[action$='vraag/'] textarea[name=text]").fill(
        "In welke klas zit de leerling?"
    )
    _post(steunpunt, "vraag/")
    journey.check(steunpunt, screenshot="intake-signal")

    # The submitter reads the question on their own page and answers it.
    submitter.goto(reverse("intake:own_detail", kwargs={"reference": signal.reference}))
    assert submitter.locator("main").get_by_text("In welke klas zit de leerling?").is_visible()
    submitter.locator("main textarea[name=text]").fill("Klas 3B.")
    with submitter.expect_navigation():
        submitter.locator("main form button[type=submit]").click()
    journey.check(submitter)

    # The Steunpunt reads the answer and forwards the signal to the Weegploeg.
    steunpunt.goto(signal_url)
    assert steunpunt.locator("main").get_by_text("Klas 3B.").is_visible()
    _post(steunpunt, "doorsturen/")
    journey.check(steunpunt)
    signal.refresh_from_db()
    assert signal.stage == Stage.WEEGPLOEG

    # The Weegploeg sees a possible duplicate and takes the same person in.
    weegploeg = journey.new_page()
    log_in(journey, weegploeg, weigher)
    journey.check(weegploeg)
    weegploeg.goto(reverse("weegploeg:index"))
    journey.check(weegploeg, screenshot="intake-weegploeg")
    # On a session, and taken off it again with the row's one button.
    session = services.create_session(actor=weigher.user, on=date.today())
    services.add_to_session(actor=weigher.user, signal=signal, session=session)
    weegploeg.goto(reverse("weegploeg:session", kwargs={"pk": session.pk}))
    journey.check(weegploeg, screenshot="intake-session")
    with weegploeg.expect_navigation():
        weegploeg.locator("main table button", has_text="Van de zitting halen").click()
    journey.check(weegploeg)
    assert weegploeg.locator("main").get_by_text("is van de zitting gehaald").is_visible()
    signal.refresh_from_db()
    assert signal.session is None
    weegploeg.goto(reverse("weegploeg:index"))
    with weegploeg.expect_navigation():
        weegploeg.locator("main table a", has_text=signal.reference).click()
    assert weegploeg.locator("main .regie-duplicates th", has_text="Sem Dijk").is_visible()
    weegploeg.locator("main input[name=outcome][value=instroom]").check()
    weegploeg.locator("main textarea[name=motivation]").fill("Zorgen over radicalisering.")
    journey.check(weegploeg, screenshot="intake-decision")
    with weegploeg.expect_navigation():
        weegploeg.locator(f"main button[name=duplicate][value='{known.pk}']").click()
    journey.check(weegploeg, screenshot="intake-decided")
    case = Case.objects.get()
    assert (case.person, case.phase) == (known, Phase.AANMELDING)
    assert weegploeg.locator("main").get_by_text(case.number).first.is_visible()

    # The case appears for the teamleider.
    teamleider = journey.new_page()
    log_in(journey, teamleider, lead)
    journey.check(teamleider)
    teamleider.goto(reverse("cases:overview"))
    journey.check(teamleider)
    assert teamleider.locator("main").get_by_text(case.number).first.is_visible()

    # The submitter sees only that the signal is completed.
    submitter.goto(reverse("intake:own"))
    journey.check(submitter)
    row = submitter.locator("main table tr", has_text=signal.reference)
    assert "Afgerond" in row.inner_text()
    submitter.goto(reverse("intake:own_detail", kwargs={"reference": signal.reference}))
    journey.check(submitter)
    text = submitter.locator("main").inner_text()
    assert case.number not in text
    assert "instroom" not in text.lower()
