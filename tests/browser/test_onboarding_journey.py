"""Onboarding by the functional administrator end to end (issue 11, point 1).

The beheerder creates an account in *Beheer* with a first password and a regisseur membership,
sees it in the user list and the membership list, and logs out; the new user logs in with that
password, sets up the authenticator app (the code is computed here from the secret the page
shows), and lands on the home of a regisseur.

Found by field name, ``data-testid``, role or URL; expected texts come from the translations.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from regie.accounts.models import Membership, Role, User
from regie.audit.models import AuditEvent
from regie.organisations.models import Team

from .conftest import Journey
from .test_login_journey import (
    enter_code,
    enter_password,
    log_in,
    log_out_button,
    make_account,
    nl,
    path_of,
    role_label,
    totp_code,
)

pytestmark = pytest.mark.browser

FIRST_PASSWORD = "eerste wachtwoord voor Sanne 2026"


def save_admin_form(page: Page) -> None:
    with page.expect_navigation():
        page.locator("#user_form input[name=_save]").click()


def test_beheerder_onboards_a_regisseur_who_logs_in_and_enrols(
    live_server: Any, journey: Journey, page: Page
) -> None:
    beheerder = make_account("fb.visser", Role.BEHEERDER, first_name="Bram", last_name="Visser")
    pool = Team.objects.create(
        name="Regisseurspool", kind="regisseurspool", organisation=beheerder.organisation
    )

    leaver = make_account("oud.jansen", Role.REGISSEUR, first_name="Olaf", last_name="Jansen")

    log_in(journey, page, beheerder)
    journey.check(page)

    # Beheer in Dutch, also django-otp's app and model.
    page.goto(reverse("admin:index"))
    journey.check(page, screenshot="onboarding-admin-index")
    content = page.locator("#content")
    expect(content).to_contain_text(nl("Second factor"))
    expect(content).not_to_contain_text("TOTP")

    # A new account: username, first password, name, and its role in the same form.
    page.goto(reverse("admin:accounts_user_add"))
    journey.check(page, screenshot="onboarding-add-user")
    main = page.locator("#content")
    expect(main).to_contain_text(
        nl(
            "Give the new account a username, a first password to pass on in person, and at "
            "least one role. At their first login the new user sets up their authenticator app."
        )
    )
    page.locator("input[name=username]").fill("s.dekker")
    page.locator("input[name=password1]").fill(FIRST_PASSWORD)
    page.locator("input[name=password2]").fill(FIRST_PASSWORD)
    page.locator("input[name=first_name]").fill("Sanne")
    page.locator("input[name=last_name]").fill("Dekker")
    page.locator("input[name=email]").fill("s.dekker@example.org")
    row = "memberships-0"
    page.locator(f"select[name={row}-organisation]").select_option(str(beheerder.organisation.pk))
    page.locator(f"select[name={row}-team]").select_option(str(pool.pk))
    page.locator(f"select[name={row}-role]").select_option(Role.REGISSEUR)
    page.locator(f"input[name={row}-function_title]").fill("Regisseur")
    # The role's dates: from today (the default), until empty (open-ended).
    expect(page.locator(f"input[name={row}-starts_on]")).not_to_have_value("")
    save_admin_form(page)

    newcomer = User.objects.get(username="s.dekker")
    membership = Membership.objects.get(user=newcomer)
    assert (membership.role, membership.team, membership.starts_on) == (
        Role.REGISSEUR,
        pool,
        timezone.localdate(),
    )
    assert AuditEvent.objects.filter(
        action="accounts.membership.create", actor="fb.visser", object_id=str(membership.pk)
    ).exists()

    # Django continues on the new account's page, where the role can be changed or ended.
    assert path_of(page) == reverse("admin:accounts_user_change", args=[newcomer.pk]), page.url
    journey.check(page, screenshot="onboarding-user-page")
    expect(page.locator(f"select[name={row}-role]")).to_have_value(Role.REGISSEUR)
    expect(page.locator(".messagelist")).to_be_visible()

    # Who holds which role: the user list shows it, the membership list filters by it.
    page.goto(reverse("admin:accounts_user_changelist"))
    journey.check(page, screenshot="onboarding-user-list")
    expect(page.locator("#result_list")).to_contain_text(
        f"{role_label(Role.REGISSEUR)} ({beheerder.organisation.name} / {pool.name})"
    )
    page.goto(reverse("admin:accounts_membership_changelist") + f"?role__exact={Role.REGISSEUR}")
    journey.check(page, screenshot="onboarding-membership-list")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)  # and oud.jansen
    expect(page.locator("#result_list")).to_contain_text("s.dekker")

    # Someone leaves: deactivated from the user list, not deleted.
    page.goto(reverse("admin:accounts_user_changelist"))
    journey.check(page)
    page.locator(f"input[name=_selected_action][value='{leaver.user.pk}']").check()
    page.locator("select[name=action]").select_option("deactivate_users")
    with page.expect_navigation():
        page.locator("#changelist-form button[name=index]").click()
    journey.check(page, screenshot="onboarding-deactivated")
    expect(page.locator(".messagelist")).to_contain_text("Olaf Jansen")
    leaver.user.refresh_from_db()
    assert not leaver.user.is_active

    page.goto(reverse("accounts:home"))
    journey.check(page)
    with page.expect_navigation():
        log_out_button(page).click()
    journey.check(page)

    # The new user: password, then the authenticator app, then the home of a regisseur.
    enter_password(page, "s.dekker", FIRST_PASSWORD)
    assert path_of(page) == reverse("accounts:enrol"), page.url
    journey.check(page, screenshot="onboarding-enrol")
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "").strip()
    enter_code(page, totp_code(secret))
    expect(page.locator("main [role=status]")).to_contain_text(
        nl("Your authenticator app is set up.")
    )
    journey.check(page)
    with page.expect_navigation():
        page.get_by_test_id("codes-stored").click()
    assert path_of(page) == reverse("accounts:home"), page.url
    journey.check(page, screenshot="onboarding-regisseur-home")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Good to see you, %(name)s", name="Sanne")
    )
    header = page.get_by_role("banner")
    expect(header).to_contain_text("Sanne Dekker")
    expect(header).to_contain_text(role_label(Role.REGISSEUR))
    # A regisseur's home leads to their caseload.
    expect(page.locator(f"a[href='{reverse('cases:caseload')}']").first).to_be_visible()
    assert AuditEvent.objects.filter(actor="s.dekker", action="auth.mfa_enrolled").exists()
