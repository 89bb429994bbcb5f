"""The pallet journey in Chromium: the regisseur agrees an intervention with stadsdeel Noord,
projectleider-noord reports progress, the regisseur proposes a change, the GGD reviewer accepts
it and the teamleider publishes the next version. Every page is checked with axe-core;
screenshots go to test-results/interventions-*.png.

Elements are found by form field name or URL, never by visible text, so the test holds whether
or not the Dutch catalogue has the new strings yet.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from regie.accounts.models import Role
from regie.cases.models import Case, Person, Phase, Theme
from regie.interventions.models import CaseIntervention, CatalogueVersion, ChangeRequest
from regie.organisations.models import Organisation
from regie.partners.models import InformationCategory, Registration
from tests.browser.conftest import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    Journey,
    axe_source,
    browser_required,
    journey,
    results_dir,
)
from tests.browser.test_login_journey import log_in, make_account, path_of, submit
from tests.interventions.fixtures import pick

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    """As in tests/browser, but for this module only (see the note there on async safety)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if browser_required():
            pytest.fail(message + " and REGIE_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def submit_to(page: Page, action: str, button: str = "") -> None:
    selector = f"main form[action='{action}'] button[type=submit]{button}"
    with page.expect_navigation():
        page.locator(selector).click()


def test_pallet_journey(live_server: Any, journey: Journey) -> None:  # noqa: F811
    amsterdam, _ = Organisation.objects.get_or_create(
        name="Gemeente Amsterdam", defaults={"kind": Organisation.Kind.GEMEENTE}
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord",
        kind=Organisation.Kind.STADSDEEL,
        parent=amsterdam,
        covenant_signed_on=timezone.localdate() - timedelta(days=400),
    )
    Organisation.objects.create(name="GGD Amsterdam", kind=Organisation.Kind.GGD)
    lead = make_account("teamleider", Role.TEAMLEIDER, first_name="Marieke", last_name="Dalen")
    director = make_account("regisseur1", Role.REGISSEUR, first_name="Youssef", last_name="Amrani")
    partner = make_account(
        "projectleider-noord",
        Role.PROJECTLEIDER,
        first_name="Priya",
        last_name="Bakker",
        organisation_name="Stadsdeel Noord",
    )
    reviewer = make_account(
        "ggd", Role.PARTNER, first_name="Gert", last_name="Smit", organisation_name="GGD Amsterdam"
    )
    person = Person.objects.create(first_name="Daan", last_name="Verhoeven", area=noord)
    case = Case.objects.create(
        number="PGA-2026-0042",
        person=person,
        theme=Theme.objects.get_or_create(name="Rechtsextremisme")[0],
        area=noord,
        regisseur=director.user,
        phase=Phase.REGIE,
        phase_since=timezone.now(),
        opened_on=timezone.localdate() - timedelta(days=30),
    )
    today = timezone.localdate()
    registration = Registration.objects.create(
        case=case,
        organisation=noord,
        purpose="Woonbegeleiding in de wijk",
        starts_on=today,
        ends_on=today + timedelta(days=180),
        contact_name="Priya Bakker",
        status=Registration.Status.ACTIVE,
        requested_by=director.user,
        requested_at=timezone.now(),
    )
    registration.categories.set(InformationCategory.objects.filter(code="interventions"))

    # The regisseur agrees an intervention carried out by Noord and shares it.
    page = journey.new_page()
    log_in(journey, page, director)
    journey.check(page)
    page.goto(reverse("cases:detail", args=[case.number]))
    journey.check(page)
    # The form opens on demand: the panel's link fetches it into the page (htmx).
    add = reverse("interventions:add", args=[case.number])
    page.locator(f"main a[href='{add}']").click()
    expect(page.locator(f"main form[action='{add}']")).to_be_visible()
    page.locator("main select[name=intervention]").select_option(str(pick("Woonbegeleiding").pk))
    page.locator("main select[name=executor]").select_option(str(noord.pk))
    page.locator("main input[name=shared_with_partners]").check()
    submit_to(page, reverse("interventions:add", args=[case.number]))
    assert path_of(page) == reverse("cases:detail", args=[case.number])
    item = CaseIntervention.objects.get(case=case)
    assert item.executor == noord
    expect(page.locator("#interventions").locator("xpath=..")).to_contain_text("Woonbegeleiding")
    journey.check(page, screenshot="interventions-case-panel")

    # The partner sees it on its shared case page and reports progress.
    partner_page = journey.new_page()
    log_in(journey, partner_page, partner)
    journey.check(partner_page)
    partner_page.goto(reverse("partners:case", args=[case.number]))
    journey.check(partner_page)
    progress = reverse("interventions:partner_update", args=[item.public_id])
    with partner_page.expect_navigation():
        partner_page.locator(f"main a[href='{progress}']").click()
    journey.check(partner_page, screenshot="interventions-partner-progress")
    partner_page.locator("main select[name=status]").select_option("lopend")
    partner_page.locator("main textarea[name=outcome]").fill("Eerste huisbezoek afgelegd.")
    submit(partner_page)
    assert path_of(partner_page) == reverse("partners:case", args=[case.number])
    expect(partner_page.locator("main")).to_contain_text("Eerste huisbezoek afgelegd.")
    journey.check(partner_page, screenshot="interventions-partner-case")
    item.refresh_from_db()
    assert item.status == CaseIntervention.Status.LOPEND

    # The regisseur proposes to rename it.
    page.goto(reverse("interventions:catalogue"))
    journey.check(page, screenshot="interventions-catalogue")
    page.goto(reverse("interventions:propose") + f"?target={pick('Woonbegeleiding').pk}")
    journey.check(page)
    page.locator("main input[name=name]").fill("Ambulante woonbegeleiding")
    page.locator("main textarea[name=motivation]").fill("Sluit aan bij de inkoop 2027.")
    submit(page)
    change = ChangeRequest.objects.get()
    assert path_of(page) == reverse("interventions:change_request", args=[change.pk])
    journey.check(page)

    # The GGD reviewer accepts it.
    review_page = journey.new_page()
    log_in(journey, review_page, reviewer)
    journey.check(review_page)
    review_page.goto(reverse("interventions:change_requests"))
    journey.check(review_page, screenshot="interventions-change-requests")
    review_page.goto(reverse("interventions:change_request", args=[change.pk]))
    journey.check(review_page, screenshot="interventions-review")
    review_page.locator("main textarea[name=reason]").fill("Akkoord.")
    submit_to(
        review_page,
        reverse("interventions:review", args=[change.pk]),
        "[value=accept]",
    )
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.ACCEPTED
    journey.check(review_page)

    # The teamleider publishes the next version.
    lead_page = journey.new_page()
    log_in(journey, lead_page, lead)
    journey.check(lead_page)
    lead_page.goto(reverse("interventions:publish"))
    journey.check(lead_page, screenshot="interventions-publish")
    lead_page.locator("main input[name=name]").fill("Basispallet 2027")
    submit(lead_page)
    assert path_of(lead_page) == reverse("interventions:catalogue")
    journey.check(lead_page)
    current = CatalogueVersion.objects.get(status=CatalogueVersion.Status.CURRENT)
    assert current.name == "Basispallet 2027"
    assert current.interventions.filter(name="Ambulante woonbegeleiding").exists()
    # The case keeps the intervention from the version it was chosen from.
    item.refresh_from_db()
    assert item.intervention.version.name == "Basispallet 2026"
    page.goto(reverse("cases:detail", args=[case.number]))
    expect(page.locator("main")).to_contain_text("Basispallet 2026")
    journey.check(page)
