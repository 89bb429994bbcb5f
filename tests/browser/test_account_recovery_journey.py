"""Recovery codes and four-eyes resets end to end (issue 10, points 10 and 11).

(a) A new user enrols, gets ten recovery codes once, logs out, and logs in with one of them
instead of the authenticator code; the owner is e-mailed and the home page counts what is left.
(b) A functional administrator asks for a password reset, a second one approves it, and the
owner chooses a new password with the e-mailed link and logs in with it.

Found by role, field name, ``data-testid`` or URL; expected texts come from the translations.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from playwright.sync_api import Page, expect

from regie.accounts.models import ResetRequest, Role
from regie.audit.models import AuditEvent

from .conftest import Journey
from .test_login_journey import (
    PASSWORD,
    enter_code,
    enter_password,
    log_in,
    log_out_button,
    make_account,
    nl,
    path_of,
    submit,
    totp_code,
    wait_out_throttle,
)

pytestmark = pytest.mark.browser

NEW_PASSWORD = "een nieuwe zin als wachtwoord 2026"


def test_enrol_store_codes_and_log_in_with_one(
    live_server: Any, journey: Journey, page: Page
) -> None:
    account = make_account(
        "herstel.demir", Role.REGISSEUR, first_name="Elif", last_name="Demir", with_device=False
    )
    account.user.email = "herstel.demir@example.org"
    account.user.save(update_fields=["email"])

    page.goto(reverse("accounts:login"))
    journey.check(page)
    enter_password(page, "herstel.demir", PASSWORD)
    assert path_of(page) == reverse("accounts:enrol"), page.url
    journey.check(page)
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "").strip()
    enter_code(page, totp_code(secret))

    # The end of enrolment: ten codes, once, with the advice to store them safely.
    codes_list = page.get_by_test_id("recovery-codes")
    expect(codes_list.locator("li")).to_have_count(10)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Your recovery codes"))
    expect(page.locator("main")).to_contain_text(nl("This is the only time you see these codes."))
    journey.check(page, screenshot="recovery-codes-shown")
    codes = [c.strip() for c in codes_list.locator("code").all_inner_texts()]
    assert all(re.fullmatch(r"[a-z2-7]{5}-[a-z2-7]{5}", code) for code in codes), codes

    with page.expect_navigation():
        page.get_by_test_id("codes-stored").click()
    assert path_of(page) == reverse("accounts:home")
    journey.check(page)
    expect(page.get_by_test_id("home-codes-left")).to_contain_text("10")

    with page.expect_navigation():
        log_out_button(page).click()
    journey.check(page)

    # Next login: password, then a recovery code instead of the authenticator app.
    enter_password(page, "herstel.demir", PASSWORD)
    assert path_of(page) == reverse("accounts:verify"), page.url
    journey.check(page)
    with page.expect_navigation():
        page.get_by_test_id("use-recovery-code").click()
    assert path_of(page) == reverse("accounts:recovery")
    journey.check(page, screenshot="recovery-code-entry")

    page.locator("input[name=code]").fill("zzzzz-zzzzz")
    response = submit(page)
    assert response.status == 200
    expect(page.locator("input[name=code]")).to_have_attribute("aria-invalid", "true")
    journey.check(page, screenshot="recovery-code-wrong")

    wait_out_throttle(page, StaticDevice.objects.get(user=account.user))
    page.locator("input[name=code]").fill(codes[0].upper())
    submit(page)
    assert path_of(page) == reverse("accounts:home"), page.url
    with translation.override("nl"):
        warning = ngettext(
            "You logged in with a recovery code; it no longer works. %(count)s code is left.",
            "You logged in with a recovery code; it no longer works. %(count)s codes are left.",
            9,
        ) % {"count": 9}
    expect(page.locator("main [role=status]")).to_have_text(warning)
    expect(page.get_by_test_id("home-codes-left")).to_contain_text("9")
    journey.check(page, screenshot="home-after-recovery-code")

    assert [m.to for m in mail.outbox] == [["herstel.demir@example.org"]]
    used = AuditEvent.objects.get(action="auth.mfa_recovery_used", actor="herstel.demir")
    assert used.changes["remaining"] == 9

    # The owner's own page: how many are left, and ten new ones after the password.
    with page.expect_navigation():
        page.locator(f"main a[href='{reverse('accounts:recovery_codes')}']").click()
    journey.check(page, screenshot="recovery-codes-page")
    expect(page.get_by_test_id("codes-left")).to_contain_text("9")
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page)
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    journey.check(page)
    with page.expect_navigation():
        page.get_by_test_id("codes-stored").click()
    expect(page.get_by_test_id("codes-left")).to_contain_text("10")
    journey.check(page)


def test_password_reset_with_four_eyes(live_server: Any, journey: Journey, page: Page) -> None:
    asker = make_account("beheer.een", Role.BEHEERDER, first_name="Bas", last_name="Kok")
    approver = make_account("beheer.twee", Role.BEHEERDER, first_name="Lotte", last_name="Mol")
    owner = make_account("eigenaar", Role.REGISSEUR, first_name="Sem", last_name="Visser")
    owner.user.email = "eigenaar@example.org"
    owner.user.save(update_fields=["email"])

    # The administrator asks (the user's admin page links here: tests/accounts/test_resets.py;
    # Django's admin pages themselves are not held to the product's accessibility checks).
    log_in(journey, page, asker)
    journey.check(page)
    page.goto(reverse("accounts:reset_request", args=[owner.user.pk]) + "?kind=password")
    journey.check(page, screenshot="reset-request")
    page.locator("textarea[name=reason]").fill("Wachtwoord vergeten; teruggebeld op 06-nummer.")
    submit(page)
    reset = ResetRequest.objects.get(target=owner.user)
    assert path_of(page) == reverse("accounts:reset", args=[reset.pk])
    journey.check(page, screenshot="reset-requested")
    expect(page.locator("main button[value=approve]")).to_have_count(0)  # not their own

    # A second administrator approves.
    second = journey.new_page()
    log_in(journey, second, approver)
    journey.check(second, screenshot="home-reset-waiting")
    with second.expect_navigation():
        second.locator(f"main a[href='{reverse('accounts:resets')}']").click()
    journey.check(second, screenshot="resets-list")
    with second.expect_navigation():
        second.locator(f"main a[href='{reverse('accounts:reset', args=[reset.pk])}']").click()
    journey.check(second)
    with second.expect_navigation():
        second.locator("main button[value=approve]").click()
    expect(second.get_by_test_id("reset-status")).to_have_text(nl("approved and carried out"))
    journey.check(second, screenshot="reset-approved")

    # The owner chooses a new password with the link and logs in with it.
    assert [m.to for m in mail.outbox] == [["eigenaar@example.org"], ["eigenaar@example.org"]]
    link = re.search(r"https?://\S+", str(mail.outbox[1].body))
    assert link is not None
    third = journey.new_page()
    third.goto(link.group(0))
    journey.check(third, screenshot="password-set")
    third.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    third.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    submit(third)
    assert path_of(third) == reverse("accounts:login")
    journey.check(third)
    enter_password(third, "eigenaar", NEW_PASSWORD)
    journey.check(third)
    assert owner.secret is not None
    enter_code(third, totp_code(owner.secret))
    assert path_of(third) == reverse("accounts:home"), third.url
    journey.check(third)
