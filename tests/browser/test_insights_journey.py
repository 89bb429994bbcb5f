"""The informatiebeeld's trends in the browser (issue 14): a programmamedewerker opens the page
from the home card, reads the theme's line chart and the tables, switches to per kwartaal; axe
checks every page. Screenshots: insights-home, insights-month, insights-quarter."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import Role
from regie.cases import defaults
from regie.cases.models import Theme
from regie.intake.insights import period
from regie.intake.models import Signal, TriageDecision
from regie.organisations.models import Organisation

from .conftest import Journey
from .test_login_journey import log_in, make_account, path_of

pytestmark = pytest.mark.browser


def _signals(n: int) -> None:
    """``n`` signals spread over the last two years, made directly: the journey is about the
    counts, not the intake."""
    rng = random.Random(14)
    amsterdam = Organisation.objects.get(name="Gemeente Amsterdam")
    areas = [
        Organisation.objects.create(name=name, kind=Organisation.Kind.STADSDEEL, parent=amsterdam)
        for name in ("Stadsdeel Noord", "Stadsdeel Oost", "Stadsdeel West")
    ]
    sources = [
        Organisation.objects.create(name=name, kind=kind)
        for name, kind in (("Politie Test", "politie"), ("Scholengroep Test", "onderwijs"))
    ]
    themes = list(Theme.objects.order_by("order")[:5])
    end = period.default(timezone.localdate()).end
    now = timezone.now()
    for i in range(n):
        month = period.add_months(end, -rng.randint(1, 24))
        signal = Signal.objects.create(
            reference=f"SIG-TEST-{i:04d}",
            observation="Testsignaal.",
            person_area=rng.choice([*areas, None]),
            source_organisation=rng.choice([*sources, None]),
            stage_since=now,
        )
        signal.themes.set(rng.sample(themes, rng.choice([1, 1, 2])))
        at = datetime(month.year, month.month, rng.randint(1, 28), 11, tzinfo=UTC)
        Signal.objects.filter(pk=signal.pk).update(created_at=at)
        if rng.random() < 0.6:
            TriageDecision.objects.create(
                signal=signal,
                outcome=rng.choice(list(TriageDecision.Outcome)),
                motivation="Gewogen.",
            )


def test_insights_journey(live_server: Any, journey: Journey) -> None:
    # Transactional tests run after a flush: the themes of the data migration are gone.
    defaults.load(apps.get_model)
    programme = make_account("programma", Role.PROGRAMMA, first_name="Noor", last_name="de Vries")
    _signals(120)

    page = journey.new_page()
    log_in(journey, page, programme)
    card = page.locator("main").get_by_role("link", name="Naar de trends")
    assert card.is_visible()
    journey.check(page, screenshot="insights-home")
    with page.expect_navigation():
        card.click()
    assert path_of(page) == reverse("insights:index")
    main = page.locator("main")
    assert main.get_by_role("heading", name="Per thema").is_visible()
    assert main.locator("svg[role=img]").count() == 4
    assert main.locator("table").count() == 4
    assert main.get_by_role("columnheader", name="Vorige periode").first.is_visible()
    journey.check(page, screenshot="insights-month")

    page.locator("main select[name=per]").select_option(label="kwartaal")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "per=kwartaal" in page.url
    theme_table = main.locator("table").first
    assert theme_table.get_by_role("columnheader", name="K1 ").count() >= 1
    journey.check(page, screenshot="insights-quarter")

    # The confidential version is offered, for the period on the page.
    link = main.get_by_role("link", name="Vertrouwelijke versie (pdf)")
    assert "per=kwartaal" in (link.get_attribute("href") or "")
