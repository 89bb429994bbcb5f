"""Issue 11, a finished look: the home cards of a regisseur (point 6), the ZRM chart of a case
with two assessments (point 15) and the access log as the auditor reads it (point 8). Every
page is checked with axe; screenshots go to test-results/ (look-*.png)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from regie.accounts.models import Role
from regie.cases import defaults, services
from regie.cases.models import LifeDomain, Theme
from regie.organisations.models import Organisation

from .conftest import Journey
from .test_login_journey import log_in, make_account

pytestmark = pytest.mark.browser


def test_look_journey(live_server: Any, journey: Journey) -> None:
    defaults.load(apps.get_model)
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    director = make_account("regisseur1", Role.REGISSEUR, first_name="Youssef", last_name="Amrani")
    lead = make_account("teamleider", Role.TEAMLEIDER, first_name="Marieke", last_name="van Dalen")
    auditor = make_account("auditor", Role.AUDITOR, first_name="Els", last_name="de Graaf")
    today = timezone.localdate()
    case = services.create_case(
        actor=lead.user,
        person_data=services.PersonData(
            first_name="Sam",
            last_name="Jansen",
            date_of_birth=today.replace(year=today.year - 19),
            bsn="",
            area_id=noord.pk,
        ),
        theme=Theme.objects.all()[0],
        area=noord,
        regisseur=director.user,
    )
    domains = list(LifeDomain.objects.all())
    earlier = {d: (1, 2, 3, 2, 4, 3, 2, 1, 3, 2, 4, 3)[i % 12] for i, d in enumerate(domains)}
    later = {d: min(5, s + (i % 3) - 1 or 1) for i, (d, s) in enumerate(earlier.items())}
    services.add_zrm(
        actor=director.user, case=case, assessed_on=today - timedelta(days=90), scores=earlier
    )
    services.add_zrm(
        actor=director.user, case=case, assessed_on=today - timedelta(days=5), scores=later
    )

    # Point 6: the regisseur's home has cards with real content, all aligned.
    page = journey.new_page()
    log_in(journey, page, director)
    cards = page.locator("main .regie-panel")
    expect(cards.first).to_be_visible()
    text = page.locator("main").inner_text()
    assert "Hier ziet u straks" not in text
    assert "U regisseert 1 open casus." in text
    tops = [box["y"] for box in (cards.nth(i).bounding_box() for i in range(cards.count())) if box]
    heights = [
        box["height"] for box in (cards.nth(i).bounding_box() for i in range(cards.count())) if box
    ]
    # the cards of the first row start and end together
    first_row = [i for i, top in enumerate(tops) if abs(top - min(tops)) < 1]
    assert len(first_row) == 3, tops
    assert len({round(heights[i]) for i in first_row}) == 1, heights
    journey.check(page, screenshot="look-home-regisseur")

    # Point 15: the ZRM chart with its five levels, both assessments and the change.
    page.goto(reverse("cases:detail", args=[case.number]) + "#zrm")
    chart = page.locator("main svg.regie-zrm-chart")
    expect(chart).to_be_visible()
    expect(chart.locator(".zrm-level-number")).to_have_count(5)
    expect(chart.locator(".zrm-bar--latest")).to_have_count(len(domains))
    assert chart.locator(".zrm-change").count() == len(domains)
    expect(page.locator("#zrm-table")).to_contain_text("Verschil")
    journey.check(page)
    page.locator("section[aria-labelledby=zrm]").screenshot(
        path=str(journey.results_dir / "look-zrm-chart.png")
    )

    # Point 8: the auditor reads sentences, names, and the codes in a detail view.
    page = journey.new_page()
    log_in(journey, page, auditor)
    expect(page.locator("#card-audit")).to_contain_text("in de afgelopen 7 dagen")
    journey.check(page, screenshot="look-home-auditor")
    page.goto(reverse("audit:log"))
    rows = page.locator("[data-testid=audit-event]")
    expect(rows.first).to_be_visible()
    log_text = page.locator("#audit-results").inner_text()
    assert "Youssef Amrani heeft" in log_text
    assert not re.search(r"\bauth\.[a-z_]+", log_text)
    rows.first.locator("summary").click()
    expect(rows.first.locator("code").first).to_be_visible()
    journey.check(page, screenshot="look-audit-log")

    # A reversed date range says why it shows nothing.
    page.fill("#id_date_from", str(today))
    page.fill("#id_date_to", str(today - timedelta(days=7)))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#audit-results [role=alert]")).to_contain_text("vóór de begindatum")
    journey.check(page, screenshot="look-audit-reversed")
