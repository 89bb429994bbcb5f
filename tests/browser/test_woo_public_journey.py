"""An anonymous visitor on the public Woo pages: the list, a search that matches nothing, a bad
date (the Dutch 400 page), a published document with its files and checksums, and a withdrawn
one. Every page is checked with axe; screenshots go to test-results/ (woo-public-*.png)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from regie.organisations.models import Organisation
from regie.woo.models import PublishedFile
from tests.woo.public_world import SECRETS, TITLES, make_world

from .conftest import Journey

pytestmark = pytest.mark.browser


def test_an_anonymous_visitor_finds_and_reads_published_documents(
    live_server: Any, journey: Journey, organisations: dict[str, Organisation]
) -> None:
    world = make_world(organisations)
    published, withdrawn = world["gepubliceerd"], world["ingetrokken"]
    page = journey.new_page()

    response = page.goto(reverse("openbaar:list"))
    assert response is not None
    assert response.status == 200
    assert "set-cookie" not in response.headers
    expect(page.get_by_role("heading", level=1)).to_have_text("Gepubliceerde documenten")
    expect(page.get_by_role("link", name=TITLES["gepubliceerd"])).to_be_visible()
    expect(page.get_by_role("link", name=TITLES["concept"])).to_have_count(0)
    journey.check(page, "woo-public-list")

    # The skip link is the first stop of the keyboard and takes the visitor to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de hoofdinhoud")).to_be_focused()

    page.get_by_label("Woorden in de titel").fill("april")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name=TITLES["gepubliceerd"])).to_be_visible()
    expect(page.get_by_role("link", name=TITLES["ingetrokken"])).to_have_count(0)
    journey.check(page)

    page.get_by_label("Vastgesteld vanaf").fill("2021-06-16")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Geen enkel openbaar gemaakt document past bij deze")).to_be_visible()
    journey.check(page)

    bad = page.goto(reverse("openbaar:list") + "?van=31-02-2021")
    assert bad is not None
    assert bad.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Geef een datum zoals")
    journey.check(page, "woo-public-list-400")

    page.goto(reverse("openbaar:list"))
    page.get_by_role("link", name=TITLES["gepubliceerd"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES["gepubliceerd"])
    pdf = PublishedFile.objects.get(publication=published, kind="pdf")
    expect(page.get_by_text(pdf.sha256)).to_be_visible()
    expect(page.get_by_role("row", name="Woo art. 5.1.2.e")).to_contain_text("2")
    journey.check(page, "woo-public-detail")
    assert SECRETS["gepubliceerd"] not in page.content()

    href = page.get_by_role("link", name="Document (pdf)").get_attribute("href")
    assert href == reverse("openbaar:file", args=[published.pk, "pdf"])
    file = page.request.get(href)
    assert file.status == 200
    assert file.headers["content-type"] == "application/pdf"
    assert file.body() == bytes(pdf.content)

    page.goto(reverse("openbaar:detail", args=[withdrawn.pk]))
    expect(page.get_by_text("Ingetrokken op")).to_be_visible()
    expect(page.get_by_text("Bevat een fout in de datering.")).to_be_visible()
    expect(page.get_by_role("link", name="Document (pdf)")).to_have_count(0)
    journey.check(page, "woo-public-withdrawn")
    gone = page.request.get(reverse("openbaar:file", args=[withdrawn.pk, "pdf"]))
    assert gone.status == 410
