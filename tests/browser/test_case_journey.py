"""The case journey end to end: the teamleider registers a case for regisseur1, who takes it
into direction, writes the journal, scores a ZRM and sets a flag; regisseur2 cannot find it;
the teamleider closes it. Every page is checked with axe; screenshots go to test-results/."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.accounts.models import Role
from regie.cases import defaults, services
from regie.cases.models import (
    Case,
    FlagType,
    JournalCategory,
    JournalEntry,
    Person,
    Phase,
    Theme,
    TimelineEvent,
    Visibility,
)
from regie.organisations.models import Organisation
from regie.partners.models import InformationCategory, Registration

from .conftest import Journey
from .test_login_journey import log_in, make_account, path_of, submit

pytestmark = pytest.mark.browser


def select_by_text(page: Page, name: str, text: str) -> None:
    page.locator(f"main select[name={name}]").select_option(label=text)


def open_form(page: Page, action: str) -> None:
    """The case page's action forms open on demand: the link fetches the form into the page."""
    page.locator(f"main a[href='{action}']").click()
    expect(page.locator(f"main form[action='{action}']")).to_be_visible()


def submit_form(page: Page, action: str) -> None:
    with page.expect_navigation():
        page.locator(f"main form[action='{action}'] button[type=submit]").click()


def test_case_journey(live_server: Any, journey: Journey) -> None:
    defaults.load(apps.get_model)
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    lead = make_account("teamleider", Role.TEAMLEIDER, first_name="Marieke", last_name="van Dalen")
    first = make_account("regisseur1", Role.REGISSEUR, first_name="Youssef", last_name="Amrani")
    second = make_account("regisseur2", Role.REGISSEUR, first_name="Sanne", last_name="de Wit")

    # The teamleider registers the case and assigns regisseur1.
    lead_page = journey.new_page()
    log_in(journey, lead_page, lead)
    journey.check(lead_page)
    lead_page.goto(reverse("cases:create"))
    journey.check(lead_page)
    lead_page.locator("input[name=first_name]").fill("Daan")
    lead_page.locator("input[name=last_name]").fill("Verhoeven")
    lead_page.locator("input[name=date_of_birth]").fill("2004-03-17")
    select_by_text(lead_page, "theme", "Rechtsextremisme")
    select_by_text(lead_page, "area", "Stadsdeel Noord")
    select_by_text(lead_page, "regisseur", "Youssef Amrani")
    lead_page.locator("textarea[name=summary]").fill("Aangemeld via de Weegploeg.")
    submit(lead_page)
    case = Case.objects.get(person__last_name="Verhoeven")
    assert path_of(lead_page) == reverse("cases:detail", args=[case.number])
    journey.check(lead_page)
    assert case.regisseur == first.user

    # regisseur1 finds it in the caseload and takes it into direction.
    page = journey.new_page()
    log_in(journey, page, first)
    journey.check(page)
    page.goto(reverse("cases:caseload"))
    journey.check(page, screenshot="caseload")
    with page.expect_navigation():
        page.get_by_role("link", name=case.number).click()
    journey.check(page)
    detail = reverse("cases:detail", args=[case.number])
    transition = reverse("cases:transition", args=[case.number])
    for target in (Phase.INSTROOM, Phase.REGIE):
        open_form(page, transition)
        # No phase preselected: an untouched form moves nothing (issue 11.4).
        expect(page.locator(f"form[action='{transition}'] select[name=target]")).to_have_value("")
        journey.check(page, screenshot="phase-form" if target == Phase.INSTROOM else None)
        page.locator(f"form[action='{transition}'] select[name=target]").select_option(target)
        page.locator(f"form[action='{transition}'] textarea[name=reason]").fill(
            "Besproken in het casusoverleg."
        )
        submit_form(page, transition)
        journey.check(page)
    case.refresh_from_db()
    assert case.phase == Phase.REGIE

    journal = reverse("cases:journal_add", args=[case.number])
    for text in ("Huisbezoek met de wijkagent.", "Overleg met school over aanwezigheid."):
        page.locator(f"form[action='{journal}']").evaluate(
            "form => form.closest('details').open = true"
        )
        page.locator(f"form[action='{journal}'] textarea[name=text]").fill(text)
        select_by_text(page, "category", "Contact betrokkene")
        submit_form(page, journal)
        journey.check(page)
    expect(page.locator("#journal").locator("xpath=..")).to_contain_text("Huisbezoek")

    page.goto(reverse("cases:zrm_add", args=[case.number]))
    journey.check(page)
    selects = page.locator("main select[name^=domain_]")
    for i in range(4):
        selects.nth(i).select_option(str(2 + i % 3))
    submit(page)
    journey.check(page)
    expect(page.locator("main svg.regie-zrm-chart")).to_be_visible()
    expect(page.locator("#zrm-table")).to_be_visible()

    flags = reverse("cases:flags", args=[case.number])
    family = FlagType.objects.get(code="familiebijeenkomst")
    open_form(page, flags)
    page.locator(f"form[action='{flags}'] input[value='{family.pk}']").check()
    submit_form(page, flags)
    journey.check(page, screenshot="case-page")
    assert case.flags.filter(pk=family.pk).exists()

    # A long history: the page shows the newest 25 entries; the older ones load into the list.
    category = JournalCategory.objects.get(name="Contact betrokkene")
    for day in range(30):
        services.add_journal_entry(
            actor=first.user,
            case=case,
            occurred_on=date(2026, 1, 1) + timedelta(days=day),
            category=category,
            text=f"Eerdere notitie {day + 1}.",
            visibility=Visibility.REGIE_TEAM,
        )
    page.goto(detail)
    journey.check(page)
    entries = page.locator("#journal ~ .regie-journal article.regie-entry")
    expect(entries).to_have_count(25)
    page.get_by_role("link", name="Oudere journaalregels").click()
    expect(entries).to_have_count(32)
    expect(page.locator("#journal ~ .regie-journal article.regie-entry").nth(25)).to_be_focused()
    expect(page.get_by_role("link", name="Oudere journaalregels")).to_have_count(0)
    expect(entries.last).to_contain_text("Eerdere notitie 1.")
    events = page.locator("ol.regie-timeline > li.regie-timeline__item")
    expect(events).to_have_count(25)
    page.get_by_role("link", name="Oudere gebeurtenissen").click()
    expect(events).not_to_have_count(25)
    journey.check(page, screenshot="case-page-older-history")

    # regisseur2 cannot find it: not in search, and the address gives "not found".
    other = journey.new_page()
    log_in(journey, other, second)
    journey.check(other)
    other.goto(reverse("cases:search"))
    other.get_by_role("searchbox").fill(case.number)
    other.get_by_role("button", name="Zoeken").click()
    expect(other.get_by_text("Geen casussen gevonden.")).to_be_visible()
    assert case.number not in other.url  # the search posts: nothing typed lands in a URL
    journey.check(other)
    expect(other.locator("main table")).to_have_count(0)
    response = other.goto(detail)
    assert response is not None
    assert response.status == 404
    journey.check(other)

    # The teamleider closes it with a closing reason.
    lead_page.goto(detail)
    journey.check(lead_page)
    open_form(lead_page, transition)
    lead_page.locator(f"form[action='{transition}'] select[name=target]").select_option(
        Phase.AFGESLOTEN
    )
    lead_page.locator(f"form[action='{transition}'] select[name=closing_reason]").select_option(
        label="Doelen bereikt"
    )
    lead_page.locator(f"form[action='{transition}'] textarea[name=reason]").fill(
        "Afgesloten na evaluatie."
    )
    submit_form(lead_page, transition)
    journey.check(lead_page)
    case.refresh_from_db()
    assert case.phase == Phase.AFGESLOTEN
    kinds = set(TimelineEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"created", "assignment", "phase", "journal", "zrm", "flag"} <= kinds


def test_journal_sharing_says_who_sees_it(live_server: Any, journey: Journey) -> None:
    """Issue 11.2: ticking a partner while "Alleen regieteam" is chosen is refused with the error
    in the group; choosing "Regieteam en gekozen partners" shares it, the confirmation names the
    partner, and the partner reads the entry."""
    defaults.load(apps.get_model)
    journal_category, _created = InformationCategory.objects.get_or_create(
        code="journal", defaults={"name": "Geselecteerde journaalposten"}
    )
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    director = make_account("regisseur1", Role.REGISSEUR, first_name="Youssef", last_name="Amrani")
    partner = make_account(
        "projectleider-noord",
        Role.PROJECTLEIDER,
        first_name="Priya",
        last_name="Ramdin",
        organisation_name="Stadsdeel Noord",
    )
    today = timezone.localdate()
    person = Person.objects.create(first_name="Daan", last_name="Verhoeven", area=noord)
    case = Case.objects.create(
        number="VR-2026-0201",
        person=person,
        theme=Theme.objects.get(name="Rechtsextremisme"),
        area=noord,
        regisseur=director.user,
        phase=Phase.REGIE,
        phase_since=timezone.now() - timedelta(days=12),
        opened_on=today - timedelta(days=40),
    )
    Registration.objects.create(
        case=case,
        organisation=noord,
        purpose="Jongerenwerk in de wijk",
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=90),
        contact_name="Priya Ramdin",
        status=Registration.Status.ACTIVE,
        requested_by=director.user,
        requested_at=timezone.now(),
    ).categories.set([journal_category])

    page = journey.new_page()
    log_in(journey, page, director)
    journey.check(page)
    detail = reverse("cases:detail", args=[case.number])
    page.goto(detail)
    journey.check(page)
    action = reverse("cases:journal_add", args=[case.number])
    form = f"main form[action='{action}']"
    page.locator(form).evaluate("form => form.closest('details').open = true")
    regie_only = page.get_by_role("radio", name="Alleen regieteam")
    with_partners = page.get_by_role("radio", name="Regieteam en gekozen partners")
    expect(regie_only).to_be_checked()  # the default: nothing leaves the team unasked
    expect(page.locator(f"{form} fieldset").first).to_contain_text("Zichtbaar voor")
    page.locator(f"{form} select[name=category]").select_option(label="Contact betrokkene")
    page.locator(f"{form} textarea[name=text]").fill("Jongerenwerk is gestart in Noord.")
    # The contradiction of the issue: a partner ticked, "Alleen regieteam" left as it was.
    page.get_by_role("checkbox", name="Stadsdeel Noord").check()
    submit_form(page, action)
    assert not JournalEntry.objects.filter(case=case).exists()
    error = page.locator("#id_visibility_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Kies 'Regieteam en gekozen partners'")
    expect(regie_only).to_have_attribute("aria-describedby", "id_visibility_error")
    expect(regie_only).to_have_attribute("aria-invalid", "true")
    # What was typed and ticked is kept for the second try.
    expect(page.locator(f"{form} textarea[name=text]")).to_have_value(
        "Jongerenwerk is gestart in Noord."
    )
    expect(page.get_by_role("checkbox", name="Stadsdeel Noord")).to_be_checked()
    page.locator(f"{form} fieldset.regie-audience").scroll_into_view_if_needed()
    journey.check(page, screenshot="journal-share-refused")

    with_partners.check()
    submit_form(page, action)
    assert path_of(page) == detail
    expect(page.get_by_text("Zichtbaar voor het regieteam en Stadsdeel Noord")).to_be_visible()
    journey.check(page, screenshot="journal-share-confirmed")
    entry = JournalEntry.objects.get(case=case)
    assert entry.visibility == Visibility.PARTNERS
    assert list(entry.shared_with.all()) == [noord]

    partner_page = journey.new_page()
    log_in(journey, partner_page, partner)
    journey.check(partner_page)
    partner_page.goto(reverse("partners:case", args=[case.number]))
    expect(partner_page.locator("main")).to_contain_text("Jongerenwerk is gestart in Noord.")
    journey.check(partner_page, screenshot="journal-share-partner")
