"""The login journey end to end: password, second factor, enrolment, logout, lockout, and the
access log for the auditor (and not for a case director).

Elements are found by role, form field name, ``data-testid`` or URL, never by visible text;
expected texts are rendered through Django's own translations, so these tests hold whether or
not the Dutch catalogue is compiled.
"""

from __future__ import annotations

import os
import re
from base64 import b32decode, b32encode
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page, Response, expect

from regie.accounts import services
from regie.accounts.models import Role, User
from regie.audit.models import AuditEvent
from regie.organisations.models import Organisation

from .conftest import Journey

pytestmark = pytest.mark.browser

PASSWORD = "lange zin als wachtwoord 2024"
LOCKOUT_LIMIT = 5  # REGIE_LOCKOUT_FAILURES default (settings.AXES_FAILURE_LIMIT)


# --- Helpers ----------------------------------------------------------------------------------


@dataclass
class Account:
    user: User
    secret: str | None  # base32, None when the user has no authenticator yet
    organisation: Organisation
    role: str


def make_account(
    username: str,
    role: str,
    *,
    first_name: str,
    last_name: str,
    with_device: bool = True,
    organisation_name: str = "Gemeente Amsterdam",
) -> Account:
    organisation, _ = Organisation.objects.get_or_create(
        name=organisation_name, defaults={"kind": Organisation.Kind.GEMEENTE}
    )
    user = services.create_user(
        actor=None,
        username=username,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    services.ensure_membership(actor=None, user=user, organisation=organisation, role=role)
    secret = None
    if with_device:
        secret = b32encode(os.urandom(20)).decode("ascii")
        services.install_totp_secret(actor=None, user=user, base32_secret=secret)
    return Account(user=user, secret=secret, organisation=organisation, role=role)


def totp_code(base32_secret: str) -> str:
    return f"{TOTP(b32decode(base32_secret)).token():06d}"


def nl(message: str, **values: Any) -> str:
    """The text the server shows for ``message`` in Dutch (the users' default language)."""
    with translation.override("nl"):
        text = gettext(message)
    return text % values if values else text


def role_label(role: str) -> str:
    with translation.override("nl"):
        return str(Role(role).label)


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def submit(page: Page) -> Response:
    """Submit the form in the main content (not the header's language or logout form)."""
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    response = navigation.value
    assert response is not None
    return response


def enter_password(page: Page, username: str, password: str) -> Response:
    assert path_of(page) == reverse("accounts:login"), page.url
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    return submit(page)


def enter_code(page: Page, code: str) -> Response:
    page.locator("input[name=token]").fill(code)
    return submit(page)


def wait_out_throttle(page: Page, device: TOTPDevice) -> None:
    device.refresh_from_db()
    allowed, info = device.verify_is_allowed()
    if not allowed and info and info.get("locked_until"):
        remaining = (info["locked_until"] - timezone.now()).total_seconds()
        page.wait_for_timeout(max(0.0, remaining) * 1000 + 100)


def error_alert(page: Page) -> str:
    alert = page.locator("main [role=alert]")
    expect(alert).to_have_count(1)
    return alert.inner_text().strip()


def log_in(journey: Journey, page: Page, account: Account, *, screenshots: bool = False) -> None:
    """Password and code, from an empty browser to the home page; checks every page on the way."""
    assert account.secret is not None
    page.goto(reverse("accounts:login"))
    journey.check(page, screenshot="login" if screenshots else None)
    response = enter_password(page, account.user.username, PASSWORD)
    assert response.ok
    assert path_of(page) == reverse("accounts:verify")
    journey.check(page, screenshot="verify" if screenshots else None)
    response = enter_code(page, totp_code(account.secret))
    assert response.ok
    assert path_of(page) == reverse("accounts:home"), page.url


def expect_home_for(page: Page, account: Account) -> None:
    user = account.user
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Good to see you, %(name)s", name=user.first_name)
    )
    header = page.get_by_role("banner")
    expect(header).to_contain_text(user.get_full_name())
    expect(header).to_contain_text(role_label(account.role))
    expect(header).to_contain_text(account.organisation.name)


def log_out_button(page: Page) -> Locator:
    return page.locator(f"header form[action='{reverse('accounts:logout')}'] button[type=submit]")


# --- (a) password + code ----------------------------------------------------------------------


def test_login_with_password_and_code_reaches_home(
    live_server: Any, journey: Journey, page: Page
) -> None:
    account = make_account("tl.jansen", Role.TEAMLEIDER, first_name="Fatima", last_name="Jansen")

    log_in(journey, page, account, screenshots=True)
    journey.check(page, screenshot="home-teamleider")
    expect_home_for(page, account)
    expect(log_out_button(page)).to_be_visible()

    events = set(AuditEvent.objects.filter(actor="tl.jansen").values_list("action", flat=True))
    assert {"auth.login", "auth.mfa_verified"} <= events


# --- (b) first login: enrol, then log out -----------------------------------------------------


def test_new_user_enrols_authenticator_and_logs_out(
    live_server: Any, journey: Journey, page: Page
) -> None:
    account = make_account(
        "nieuw.bakker", Role.REGISSEUR, first_name="Noor", last_name="Bakker", with_device=False
    )

    page.goto(reverse("accounts:home"))
    assert path_of(page) == reverse("accounts:login"), "anonymous users go to the login page"
    journey.check(page)

    response = enter_password(page, "nieuw.bakker", PASSWORD)
    assert response.ok
    assert path_of(page) == reverse("accounts:enrol"), page.url
    journey.check(page, screenshot="enrol")
    expect(page.locator("main svg")).to_be_visible()  # the QR code

    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "").strip()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    device = TOTPDevice.objects.get(user=account.user, confirmed=False)
    assert b32decode(secret) == device.bin_key

    # A wrong code first: the page says so and nothing is confirmed.
    wrong = f"{(int(totp_code(secret)) + 500_000) % 1_000_000:06d}"
    response = enter_code(page, wrong)
    assert response.ok
    assert path_of(page) == reverse("accounts:enrol")
    expect(page.locator("input[name=token]")).to_have_attribute("aria-invalid", "true")
    journey.check(page, screenshot="enrol-wrong-code")
    assert not TOTPDevice.objects.filter(user=account.user, confirmed=True).exists()

    # django-otp throttles a device after a failed code (1 s, doubling); a person would wait.
    wait_out_throttle(page, device)
    response = enter_code(page, totp_code(secret))
    assert response.ok
    # Enrolment ends with the ten recovery codes, shown once (test_recovery_journey.py).
    expect(page.locator("main [role=status]")).to_contain_text(
        nl("Your authenticator app is set up.")
    )
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    journey.check(page)
    with page.expect_navigation():
        page.get_by_test_id("codes-stored").click()
    assert path_of(page) == reverse("accounts:home"), page.url
    journey.check(page, screenshot="home-after-enrol")
    expect_home_for(page, account)
    assert TOTPDevice.objects.filter(user=account.user, confirmed=True).count() == 1

    with page.expect_navigation():
        log_out_button(page).click()
    assert path_of(page) == reverse("accounts:login"), page.url
    journey.check(page, screenshot="logged-out")
    expect(page.locator("input[name=password]")).to_be_visible()
    expect(log_out_button(page)).to_have_count(0)

    page.goto(reverse("accounts:home"))
    assert path_of(page) == reverse("accounts:login"), page.url
    journey.check(page)
    assert AuditEvent.objects.filter(actor="nieuw.bakker", action="auth.logout").exists()


# --- (c) lockout and no account enumeration ----------------------------------------------------


def test_unknown_user_and_wrong_password_get_the_same_error(
    live_server: Any, journey: Journey, page: Page
) -> None:
    make_account("echt.iemand", Role.REGISSEUR, first_name="Echt", last_name="Iemand")

    page.goto(reverse("accounts:login"))
    journey.check(page)
    response = enter_password(page, "bestaat.niet", PASSWORD)
    assert response.status == 200
    unknown_user = error_alert(page)
    journey.check(page, screenshot="login-error")

    response = enter_password(page, "echt.iemand", "helemaal fout wachtwoord")
    assert response.status == 200
    wrong_password = error_alert(page)

    assert unknown_user == wrong_password == nl("Incorrect username or password.")
    # The username is kept (convenient), the password never comes back.
    expect(page.locator("input[name=password]")).to_have_value("")


def test_five_wrong_passwords_lock_the_username_out(
    live_server: Any, journey: Journey, page: Page
) -> None:
    account = make_account("doel.van.aanval", Role.REGISSEUR, first_name="Doel", last_name="Aanval")
    lockout_message = nl(
        "Too many failed attempts. Logging in with this username from this address is blocked "
        "for a while; try again later or contact your administrator."
    )

    assert settings.AXES_FAILURE_LIMIT == LOCKOUT_LIMIT
    page.goto(reverse("accounts:login"))
    journey.check(page)
    statuses = []
    for attempt in range(LOCKOUT_LIMIT):
        response = enter_password(page, "doel.van.aanval", f"fout wachtwoord {attempt}")
        statuses.append(response.status)
    assert statuses[: LOCKOUT_LIMIT - 1] == [200] * (LOCKOUT_LIMIT - 1), statuses
    assert statuses[-1] == 429, statuses

    # Even the right password is refused now, with the lockout message and status 429.
    response = enter_password(page, "doel.van.aanval", PASSWORD)
    assert response.status == 429
    assert path_of(page) == reverse("accounts:login")
    assert error_alert(page) == lockout_message
    journey.check(page, screenshot="lockout")

    page.goto(reverse("accounts:home"))
    assert path_of(page) == reverse("accounts:login"), "a locked-out user is not logged in"
    journey.check(page)

    assert AuditEvent.objects.filter(action="auth.lockout", actor="doel.van.aanval").exists()
    assert not AuditEvent.objects.filter(action="auth.login", actor_id=account.user.pk).exists()


# --- (d) the access log: auditor yes, case director no ----------------------------------------


def test_auditor_filters_the_access_log(live_server: Any, journey: Journey, page: Page) -> None:
    account = make_account("privacy.officer", Role.AUDITOR, first_name="Anouk", last_name="Visser")
    log_in(journey, page, account)
    journey.check(page, screenshot="home-auditor")
    expect_home_for(page, account)

    audit_link = page.locator(f"nav a[href='{reverse('audit:log')}']")
    expect(audit_link).to_be_visible()
    with page.expect_navigation():
        audit_link.click()
    assert path_of(page) == reverse("audit:log")
    journey.check(page)
    rows = page.locator("#audit-results tbody tr")
    expect(rows.first).to_be_visible()
    # the action code, in each event's detail view (issue 11: the row shows a sentence)
    all_actions = rows.locator("[data-testid=audit-action]").all_text_contents()
    assert any(not action.startswith("auth.") for action in all_actions), all_actions

    loads_before = len(journey.watches[page].loaded)
    page.locator("main form input[name=action]").fill("auth.")
    page.locator("main form button[type=submit]").click()
    # htmx replaces the results and pushes the filter into the address bar.
    expect(page).to_have_url(re.compile(r"[?&]action=auth\."))
    expect(rows.first).to_be_visible()
    expect(rows.locator("[data-testid=audit-action]").first).to_have_text(re.compile(r"^auth\."))
    actions = [a.strip() for a in rows.locator("[data-testid=audit-action]").all_text_contents()]
    assert actions, "filtered access log shows no events"
    assert all(action.startswith("auth.") for action in actions), actions
    assert {"auth.login", "auth.mfa_verified"} <= set(actions), actions
    expect(page.locator("main form input[name=action]")).to_have_value("auth.")
    assert len(journey.watches[page].loaded) == loads_before, "htmx swaps, no page reload"
    journey.check(page, screenshot="audit-log")

    # Reading the log is itself logged.
    assert (
        AuditEvent.objects.filter(actor="privacy.officer")
        .exclude(action__startswith="auth.")
        .exists()
    )


def test_case_director_gets_403_on_the_access_log(
    live_server: Any, journey: Journey, page: Page
) -> None:
    account = make_account("regisseur.x", Role.REGISSEUR, first_name="Ruben", last_name="Smit")
    log_in(journey, page, account)
    journey.check(page)
    expect(page.locator(f"nav a[href='{reverse('audit:log')}']")).to_have_count(0)

    response = page.goto(reverse("audit:log"))
    assert response is not None
    assert response.status == 403
    journey.check(page, screenshot="forbidden")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("No access"))
    expect(page.locator("#audit-results")).to_have_count(0)
    assert AuditEvent.objects.filter(
        actor="regisseur.x", action="audit.view_log", result=AuditEvent.Result.DENIED
    ).exists()
