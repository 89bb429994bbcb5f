"""The duplicate check in the browser (issue 14): the teamleider registers a person who may
already be known, sees the possible match, and answers "different person". Checked with axe;
the screenshot of the candidates goes to test-results/."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import Role
from regie.cases import defaults
from regie.cases.models import Case, DuplicateDecision, Person, Phase, Theme
from regie.organisations.models import Organisation

from .conftest import Journey
from .test_case_journey import select_by_text
from .test_login_journey import log_in, make_account, path_of

pytestmark = pytest.mark.browser


def test_duplicate_check_journey(live_server: Any, journey: Journey) -> None:
    defaults.load(apps.get_model)
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    lead = make_account("teamleider", Role.TEAMLEIDER, first_name="Marieke", last_name="van Dalen")
    known = Person.objects.create(
        first_name="Daan", last_name="Verhoeven", date_of_birth=date(2004, 3, 17), area=noord
    )
    Case.objects.create(
        number="PGA-2026-0001",
        person=known,
        theme=Theme.objects.all()[0],
        area=noord,
        phase=Phase.REGIE,
        phase_since=timezone.now(),
        opened_on=timezone.localdate(),
    )

    page = journey.new_page()
    log_in(journey, page, lead)
    journey.check(page)
    page.goto(reverse("cases:create"))
    page.locator("input[name=first_name]").fill("daan")
    page.locator("input[name=last_name]").fill("van Verhoeven")
    page.locator("input[name=date_of_birth]").fill("2004-03-17")
    select_by_text(page, "theme", "Rechtsextremisme")
    select_by_text(page, "area", "Stadsdeel Noord")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main table").get_by_role("rowheader", name="Daan Verhoeven").is_visible()
    journey.check(page, screenshot="duplicate-candidates")
    assert Person.objects.count() == 1

    with page.expect_navigation():
        page.locator("main button[value=different]").click()
    case = Case.objects.exclude(number="PGA-2026-0001").get()
    assert path_of(page) == reverse("cases:detail", args=[case.number])
    journey.check(page)
    decision = DuplicateDecision.objects.get()
    assert (decision.decision, decision.candidate, decision.decided_by) == (
        "different",
        known,
        lead.user,
    )
