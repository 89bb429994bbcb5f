"""The shareable factsheet in the browser (issue 14): a programme team member opens it from the
navigation, sees a small count as "<5" and chooses another period. Checked with axe;
screenshots go to test-results/."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import Role
from regie.cases import defaults
from regie.intake.insights.factsheet import full_quarters
from regie.intake.models import Signal
from regie.organisations.models import Organisation

from .conftest import Journey
from .test_login_journey import log_in, make_account, path_of

pytestmark = pytest.mark.browser


def test_factsheet_journey(live_server: Any, journey: Journey) -> None:
    defaults.load(apps.get_model)
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    oost = Organisation.objects.create(
        name="Stadsdeel Oost", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    last, before = reversed(full_quarters(timezone.localdate(), 2))
    for n, (area, quarter) in enumerate(
        [(noord, last)] * 2 + [(oost, last)] * 11 + [(oost, before)] * 8 + [(None, before)] * 6
    ):
        moment = timezone.make_aware(datetime.combine(quarter.start, time(9)))
        signal = Signal.objects.create(
            reference=f"SIG-B-{n:04d}", observation="—", person_area=area, stage_since=moment
        )
        Signal.objects.filter(pk=signal.pk).update(created_at=moment)
    member = make_account("programma", Role.PROGRAMMA, first_name="Noor", last_name="Visser")

    page = journey.new_page()
    log_in(journey, page, member)
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Informatiebeeld").first.click()
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Deelbare factsheet").click()
    assert path_of(page) == reverse("factsheet:index")
    noord_row = page.locator("main tr", has_text="Stadsdeel Noord")
    cells = noord_row.first.inner_text().split()
    assert "<5" in cells
    assert "2" not in cells
    journey.check(page, screenshot="factsheet")

    page.locator("main select[name=van]").select_option(before.key)
    page.locator("main select[name=tot]").select_option(before.key)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    # The district, the one quarter, the total.
    assert page.locator("main table").first.locator("thead th").count() == 3
    journey.check(page, screenshot="factsheet-one-quarter")
