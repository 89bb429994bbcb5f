# ruff: noqa: F811  (pytest fixtures imported by name and taken as arguments)
"""Issue 13: a Woo publication of adopted minutes, end to end in the browser, with four eyes.

A Woo coordinator creates the publication from the adopted minutes, decides on the suggested
redactions, adds a redaction with the keyboard only (typed into the form) and one by selecting
text (the review screen's script fills the form), and submits it for review. A second
coordinator approves and publishes it; the PDF is downloaded and checked with pypdf: no
redacted string anywhere in the file, the ground labels in its text.

Every page is checked with axe; screenshots go to test-results/ (woo-review.png, and
woo-pdf-page.png when poppler's pdftoppm is installed).
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from regie.accounts.models import Role, User
from regie.meetings.models import Meeting
from regie.woo import selectors
from regie.woo.export.redact import redacted_strings
from regie.woo.models import Publication
from tests.woo import pdfscan
from tests.woo.views_support import adopted, meeting, secretary, series, teams  # noqa: F401

from .conftest import Journey
from .test_login_journey import log_in, make_account, nl, path_of

pytestmark = pytest.mark.browser

# The people in the adopted minutes (tests/woo/test_export_sources.SNAPSHOT) that the
# installation knows: their names are suggested for redaction on 5.1.2.e.
KNOWN = (
    ("Marloes", "Quaadvliet"),
    ("Theodoor", "Wijnbeek"),
    ("Gijs", "Ravensteijn"),
    ("Lotte", "Hendriks"),
)


def _go(page: Page, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _press(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def _block_of(publication: Publication, part: str) -> int:
    blocks = publication.source_document().blocks
    return next(i for i, b in enumerate(blocks) if part in b.text)


@pytest.mark.django_db(transaction=True)
def test_woo_journey(
    live_server: Any,
    journey: Journey,
    settings: Any,
    adopted: Meeting,
) -> None:
    # deduce is the pipeline's business (tests/woo); the known names make the suggestions here.
    settings.REGIE_WOO_CACHE_DIR = None
    for given, family in KNOWN:
        User.objects.create_user(username=family.lower(), first_name=given, last_name=family)
    first = make_account("coordinator", Role.WOO, first_name="Fatima", last_name="El Amrani")
    second = make_account("reviewer", Role.WOO, first_name="Joost", last_name="Verhoeven")

    # --- 1. The first coordinator creates the publication ---------------------------------------
    page = journey.new_page()
    log_in(journey, page, first)
    expect(page.locator("#panel-woo")).to_be_visible()
    journey.check(page)
    _go(page, page.locator(f"nav a[href='{reverse('woo:index')}']"))
    journey.check(page, screenshot="woo-list-empty")
    _go(page, page.locator(f"main a[href='{reverse('woo:create')}']"))
    journey.check(page, screenshot="woo-create")
    page.locator("#id_meeting-meeting").select_option(str(adopted.pk))
    _go(page, page.get_by_role("button", name=nl("Create from these minutes")))
    publication = Publication.objects.get()
    assert path_of(page) == reverse("woo:review", args=[publication.pk])
    journey.check(page, screenshot="woo-review-suggestions")
    suggested = list(selectors.redactions(publication))
    assert suggested, "the known names are suggested"
    expect(page.locator(".regie-woo-mark__code").first).to_have_text("5.1.2.e")

    # --- 2. Decide: one accepted on its own, then the rest at once ------------------------------
    one = suggested[0]
    _go(page, page.locator(f"#redactie-{one.pk} button[type=submit]").first)
    assert page.url.endswith(f"#redactie-{one.pk}")
    journey.check(page)
    _go(page, page.locator("form.regie-woo-bulk button"))
    journey.check(page)
    assert not publication.redactions.filter(state="suggested").exists()

    # --- 3. A manual redaction with the keyboard only: typed into the form ----------------------
    block = _block_of(publication, "notitie van de GGD")
    page.locator("#id_manual-block").focus()
    page.keyboard.type(nl("Part %(n)d: %(text)s", n=block + 1, text="")[:-1].rstrip(":"))
    expect(page.locator("#id_manual-block")).to_have_value(str(block))
    page.keyboard.press("Tab")
    expect(page.locator("#id_manual-text")).to_be_focused()
    page.keyboard.type("notitie")
    for field in ("#id_manual-occurrence", "#id_manual-every", "#id_manual-ground"):
        page.keyboard.press("Tab")
        expect(page.locator(field)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_manual-reason")).to_be_focused()
    page.keyboard.type("Verwijst naar een persoonlijk stuk.")
    _press(page, "Enter")
    manual = publication.redactions.get(source="manual")
    assert page.url.endswith(f"#redactie-{manual.pk}")
    journey.check(page)

    # --- 4. And one by selecting text: the script fills the form --------------------------------
    heading = _block_of(publication, "Casus Zuidoost")
    page.evaluate(
        """([index, word]) => {
            const block = document.querySelector(`[data-woo-block="${index}"]`);
            const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && !node.data.includes(word)) { node = walker.nextNode(); }
            const range = document.createRange();
            range.setStart(node, node.data.indexOf(word));
            range.setEnd(node, node.data.indexOf(word) + word.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [heading, "Zuidoost"],
    )
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")  # letting go of Shift ends a keyboard selection
    expect(page.locator("#id_manual-text")).to_have_value("Zuidoost")
    expect(page.locator("#id_manual-block")).to_have_value(str(heading))
    expect(page.locator("#id_manual-ground")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("Wijk van de casus.")
    _press(page, "Enter")
    assert publication.redactions.filter(source="manual").count() == 2
    journey.check(page, screenshot="woo-review")

    # A coordinator who shaped it cannot approve it: a sentence instead of a button.
    _go(page, page.get_by_role("button", name=nl("Submit for review")))
    journey.check(page)
    publication.refresh_from_db()
    assert publication.status == Publication.Status.TER_BEOORDELING
    expect(page.get_by_role("button", name=nl("Approve"))).to_have_count(0)
    expect(page.locator(".regie-woo-note")).to_be_visible()

    # --- 5. The second coordinator approves and publishes ---------------------------------------
    other = journey.new_page()
    log_in(journey, other, second)
    expect(other.locator("#card-woo")).to_contain_text(publication.title)
    journey.check(other)
    _go(other, other.locator(f"#card-woo a[href='{reverse('woo:review', args=[publication.pk])}']"))
    journey.check(other)
    _go(other, other.get_by_role("button", name=nl("Approve")))
    journey.check(other)
    _go(other, other.get_by_role("button", name=nl("Publish")))
    journey.check(other, screenshot="woo-published")
    publication.refresh_from_db()
    assert publication.status == Publication.Status.GEPUBLICEERD
    _go(other, other.locator(f"nav a[href='{reverse('woo:index')}']"))
    expect(other.locator("main table")).to_contain_text(publication.title)
    journey.check(other, screenshot="woo-list")
    _go(other, other.locator(f"main a[href='{reverse('woo:review', args=[publication.pk])}']"))
    journey.check(other)

    # --- 6. The PDF: downloaded, nothing redacted anywhere in it --------------------------------
    with other.expect_download() as download_info:
        other.locator(f"a[href='{reverse('woo:download', args=[publication.pk, 'pdf'])}']").click()
    download = download_info.value
    pdf_path = journey.results_dir / "woo-publication.pdf"
    download.save_as(pdf_path)
    data = pdf_path.read_bytes()
    assert data.startswith(b"%PDF-")
    secrets = redacted_strings(publication.source_document(), selectors.accepted_spans(publication))
    assert {"Marloes Quaadvliet", "Lotte Hendriks", "notitie", "Zuidoost"} <= secrets
    assert pdfscan.leaks(data, secrets) == {}
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf_path)).pages)
    assert "5.1.2.e" in text
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        warnings.warn(
            "pdftoppm (poppler-utils) is not installed: no test-results/woo-pdf-page.png",
            stacklevel=1,
        )
    else:
        stem = journey.results_dir / "woo-pdf-page"
        args = [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*args, str(pdf_path), str(stem)], check=True)
        assert stem.with_suffix(".png").stat().st_size > 10_000

    # --- 7. The public page: an anonymous visitor finds it, without any cookie ----------------
    visitor = journey.new_page()
    response = visitor.goto(reverse("openbaar:list"))
    assert response is not None
    assert response.status == 200
    assert "set-cookie" not in response.headers
    journey.check(visitor)
    _go(visitor, visitor.get_by_role("link", name=publication.title))
    journey.check(visitor, screenshot="woo-public-page")
    expect(visitor.locator("main")).not_to_contain_text("Quaadvliet")
    with visitor.expect_download() as public_download:
        visitor.locator(
            f"a[href='{reverse('openbaar:file', args=[publication.pk, 'diwoo'])}']"
        ).click()
    public_xml = Path(public_download.value.path()).read_bytes()
    assert public_xml == publication.files.get(kind="diwoo").content
    assert visitor.context.cookies() == []
