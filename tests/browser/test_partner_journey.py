"""The intervention partner journey end to end: the regisseur registers Stadsdeel Noord on a case,
the teamleider approves (four eyes), `projectleider-noord` sees that one case with only what is
shared, adds a journal entry; the regisseur ends the registration and the partner's next click
is "not found". Every page is checked with axe; screenshots go to test-results/."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.accounts.models import Role
from regie.cases import defaults
from regie.cases.models import Case, JournalEntry, Person, Phase, Theme
from regie.organisations.models import Organisation
from regie.partners.models import InformationCategory, Registration

from .conftest import Journey
from .test_login_journey import log_in, make_account, path_of, submit

pytestmark = pytest.mark.browser

CATEGORIES = [
    ("contact", "Contactgegevens regisseur"),
    ("identity", "Identificatie"),
    ("phase", "Fase"),
    ("theme", "Thema"),
    ("interventions", "Afgesproken interventies"),
    ("journal", "Geselecteerde journaalposten"),
    ("zrm", "ZRM-scores"),
]
SHARED_CODES = ("phase", "journal", "contact")
REGIE_ONLY = "Alleen voor het regieteam: zorgen over de thuissituatie."
SHARED = "Voor Stadsdeel Noord: jongerenwerk is gestart."
BY_PARTNER = "Stadsdeel Noord: kennismaking met de jongerenwerker gehad."
BSN = "111222333"
BIRTH_DATE = date(2004, 3, 17)


def submit_form(page: Page, action: str, button: str = "button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(f"main form[action='{action}'] {button}").click()


def open_details(page: Page, selector: str) -> None:
    page.locator(selector).evaluate("form => form.closest('details').open = true")


def click_link(page: Page, href: str, scope: str = "main") -> Any:
    with page.expect_navigation() as navigation:
        page.locator(f"{scope} a[href='{href}']").first.click()
    return navigation.value


def write_journal(page: Page, case: Case, text: str, *, share_with: Organisation | None) -> None:
    action = reverse("cases:journal_add", args=[case.number])
    form = f"main form[action='{action}']"
    open_details(page, form)
    page.locator(f"{form} select[name=category]").select_option(label="Overleg partners")
    if share_with is not None:
        page.locator(f"{form} input[name=visibility][value=partners]").check()
        page.locator(f"{form} input[name=shared_with][value='{share_with.pk}']").check()
    page.locator(f"{form} textarea[name=text]").fill(text)
    submit_form(page, action)


def test_partner_journey(live_server: Any, journey: Journey) -> None:
    defaults.load(apps.get_model)
    categories = {
        code: InformationCategory.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in CATEGORIES
    }
    amsterdam = Organisation.objects.create(
        name="Gemeente Amsterdam", kind=Organisation.Kind.GEMEENTE
    )
    noord = Organisation.objects.create(
        name="Stadsdeel Noord",
        kind=Organisation.Kind.STADSDEEL,
        parent=amsterdam,
        covenant_signed_on=date(2021, 6, 15),
        covenant_document="Convenant iPGA-R 2021",
    )
    Organisation.objects.create(
        name="Stadsdeel Oost", kind=Organisation.Kind.STADSDEEL, parent=amsterdam
    )
    lead = make_account("teamleider", Role.TEAMLEIDER, first_name="Marieke", last_name="van Dalen")
    director = make_account("regisseur1", Role.REGISSEUR, first_name="Youssef", last_name="Amrani")
    partner = make_account(
        "projectleider-noord",
        Role.PROJECTLEIDER,
        first_name="Priya",
        last_name="Ramdin",
        organisation_name="Stadsdeel Noord",
    )
    assert partner.organisation == noord

    today = timezone.localdate()
    theme = Theme.objects.get(name="Rechtsextremisme")

    def new_case(number: str, first_name: str, last_name: str, bsn: str = "") -> Case:
        person = Person.objects.create(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=BIRTH_DATE,
            bsn=bsn,
            area=noord,
        )
        return Case.objects.create(
            number=number,
            person=person,
            theme=theme,
            area=noord,
            regisseur=director.user,
            phase=Phase.REGIE,
            phase_since=timezone.now() - timedelta(days=12),
            opened_on=today - timedelta(days=40),
        )

    case = new_case("VR-2026-0101", "Daan", "Verhoeven", BSN)
    # Noord once worked on another case: that registration ended and gives nothing.
    other = new_case("VR-2026-0102", "Lotte", "Brouwer")
    Registration.objects.create(
        case=other,
        organisation=noord,
        purpose="Eerder traject",
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=20),
        contact_name="Priya Ramdin",
        status=Registration.Status.ENDED,
        requested_by=director.user,
        requested_at=timezone.now() - timedelta(days=200),
    ).categories.set([categories["journal"], categories["identity"]])

    detail = reverse("cases:detail", args=[case.number])

    # The regisseur writes a regie-only entry, then registers Stadsdeel Noord on the case.
    page = journey.new_page()
    log_in(journey, page, director)
    journey.check(page)
    page.goto(detail)
    journey.check(page)
    write_journal(page, case, REGIE_ONLY, share_with=None)
    assert path_of(page) == detail
    journey.check(page)

    register = reverse("partners:register", args=[case.number])
    click_link(page, register)
    assert path_of(page) == register
    journey.check(page)
    form = "main form"
    page.locator(f"{form} select[name=organisation]").select_option(label="Stadsdeel Noord")
    # Only signed organisations can be chosen.
    options = page.locator(f"{form} select[name=organisation] option").all_inner_texts()
    assert "Stadsdeel Noord" in options
    assert "Stadsdeel Oost" not in options
    page.locator(f"{form} textarea[name=purpose]").fill(
        "Jongerenwerk en dagbesteding in de wijk; afstemming met school."
    )
    for code in SHARED_CODES:
        page.locator(f"{form} input[name=categories][value='{categories[code].pk}']").check()
    page.locator(f"{form} input[name=starts_on]").fill(today.isoformat())
    page.locator(f"{form} input[name=ends_on]").fill((today + timedelta(days=180)).isoformat())
    page.locator(f"{form} input[name=contact_name]").fill("Priya Ramdin")
    page.locator(f"{form} input[name=contact_details]").fill("020 555 0101")
    submit(page)
    registration = Registration.objects.get(case=case, organisation=noord)
    url = reverse("partners:registration", args=[registration.public_id])
    assert path_of(page) == url
    journey.check(page)
    assert registration.status == Registration.Status.REQUESTED
    assert {c.code for c in registration.categories.all()} == set(SHARED_CODES)
    # Four eyes: the regisseur cannot approve their own registration.
    expect(
        page.locator(
            f"main form[action='{reverse('partners:decide', args=[registration.public_id])}']"
        )
    ).to_have_count(0)

    # The teamleider finds it among the pending registrations and approves it.
    lead_page = journey.new_page()
    log_in(journey, lead_page, lead)
    journey.check(lead_page)
    lead_page.goto(reverse("partners:registrations"))
    journey.check(lead_page)
    click_link(lead_page, url)
    assert path_of(lead_page) == url
    journey.check(lead_page, screenshot="registration")
    decide = reverse("partners:decide", args=[registration.public_id])
    lead_page.locator(f"main form[action='{decide}'] textarea[name=note]").fill(
        "Akkoord: noodzakelijk voor het jongerenwerk."
    )
    submit_form(lead_page, decide, "button[name=decision][value=approve]")
    assert path_of(lead_page) == url
    journey.check(lead_page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ACTIVE
    assert registration.decided_by == lead.user

    # Now Noord is an active partner, the regisseur shares one entry with it.
    page.goto(detail)
    journey.check(page)
    write_journal(page, case, SHARED, share_with=noord)
    journey.check(page)
    assert JournalEntry.objects.get(text=SHARED).shared_with.get() == noord

    # projectleider-noord sees exactly that one case, with only what is shared.
    partner_page = journey.new_page()
    log_in(journey, partner_page, partner)
    journey.check(partner_page)
    cases_url = reverse("partners:cases")
    click_link(partner_page, cases_url, scope="nav")
    assert path_of(partner_page) == cases_url
    journey.check(partner_page, screenshot="partner-cases")
    shared_url = reverse("partners:case", args=[case.number])
    rows = partner_page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator(f"a[href='{shared_url}']")).to_have_count(1)
    main = partner_page.locator("main")
    expect(main).not_to_contain_text(other.number)
    expect(main).not_to_contain_text("Brouwer")

    click_link(partner_page, shared_url)
    assert path_of(partner_page) == shared_url
    journey.check(partner_page)
    expect(main).to_contain_text("Verhoeven")
    expect(main).to_contain_text(SHARED)
    expect(main).to_contain_text("Youssef Amrani")  # contact is shared
    html = partner_page.content()
    assert REGIE_ONLY not in html
    assert BSN not in html
    for shown in ("2004-03-17", "17-03-2004", "17 maart 2004", "17 mrt 2004", "March 17, 2004"):
        assert shown not in html, shown  # identity is not shared: no date of birth
    assert theme.name not in html  # the theme is not shared

    # The partner adds its own journal entry.
    own = "main form:has(textarea[name=text])"
    open_details(partner_page, own)
    partner_page.locator(f"{own} select[name=category]").select_option(label="Overleg partners")
    partner_page.locator(f"{own} textarea[name=text]").fill(BY_PARTNER)
    with partner_page.expect_navigation():
        partner_page.locator(f"{own} button[type=submit]").click()
    assert path_of(partner_page) == shared_url
    journey.check(partner_page, screenshot="partner-case")
    expect(main).to_contain_text(BY_PARTNER)
    expect(main).to_contain_text(SHARED)
    assert REGIE_ONLY not in partner_page.content()
    entry = JournalEntry.objects.get(text=BY_PARTNER)
    assert entry.author == partner.user
    assert entry.author_organisation == noord

    # Back to the list of shared cases (to click the case again later).
    click_link(partner_page, cases_url, scope="nav")
    journey.check(partner_page)

    # The regisseur reads the partner's entry, then ends the registration with a reason.
    page.goto(detail)
    journey.check(page)
    expect(page.locator("main")).to_contain_text(BY_PARTNER)
    click_link(page, url)
    assert path_of(page) == url
    journey.check(page)
    end = reverse("partners:end", args=[registration.public_id])
    page.locator(f"main form[action='{end}'] textarea[name=reason]").fill(
        "Traject jongerenwerk afgerond."
    )
    submit_form(page, end)
    assert path_of(page) == detail
    journey.check(page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ENDED
    assert registration.ended_by == director.user

    # The partner's next click on the (stale) list: not found, and the reload too.
    response = click_link(partner_page, shared_url)
    assert response is not None
    assert response.status == 404
    journey.check(partner_page)
    assert "Verhoeven" not in partner_page.content()
    response = partner_page.reload()
    assert response is not None
    assert response.status == 404
    journey.check(partner_page)
    click_link(partner_page, cases_url, scope="nav")
    journey.check(partner_page)
    expect(partner_page.locator("main table")).to_have_count(0)
    expect(partner_page.locator("main")).not_to_contain_text(case.number)

    # The partner asks to join two cases: one that exists and is open (its old registration on
    # it has ended), and a number that does not exist. Both are listed alike; only the first
    # reaches the teamleider.
    join = reverse("partners:join")
    for number in (other.number, "VR-2026-0999"):
        form = f"main form[action='{join}']"
        partner_page.locator(f"{form} input[name=case_number]").fill(number)
        partner_page.locator(f"{form} textarea[name=purpose]").fill("Bekend uit het jongerenwerk.")
        submit_form(partner_page, join)
        assert path_of(partner_page) == cases_url
        journey.check(partner_page)
    rows = partner_page.locator("main tr[data-join-request]")
    expect(rows).to_have_count(2)
    for row in rows.all():
        expect(row).to_contain_text("aangevraagd")
    journey.check(partner_page, screenshot="partner-requests")
    lead_page.goto(reverse("partners:registrations"))
    journey.check(lead_page)
    expect(lead_page.locator("main")).to_contain_text(other.number)
    expect(lead_page.locator("main")).not_to_contain_text("VR-2026-0999")
