from __future__ import annotations

from base64 import b32encode
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import UserSession
from regie.audit.models import AuditEvent
from regie.core.audit import pseudonym
from tests.conftest import PASSWORD, verify_session

LOGIN = reverse("accounts:login")
HOME = reverse("accounts:home")


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def password_login(client: Client, username: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_login_page_renders_with_a_password_field(client: Client, db) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b'type="password"' in response.content
    assert b'autocomplete="current-password"' in response.content


def test_unknown_user_and_wrong_password_get_the_same_error(client: Client, personas) -> None:
    unknown = password_login(client, "nobody-here", "whatever-password")
    wrong = password_login(client, "regisseur_a", "not-the-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()
    failed = AuditEvent.objects.filter(action="auth.login_failed", result="denied")
    # An existing account by its username; anything else only as a keyed hash (issue 10).
    assert set(failed.values_list("actor", flat=True)) == {pseudonym("nobody-here"), "regisseur_a"}
    assert not failed.filter(changes__has_key="password").exists()


def test_password_alone_does_not_open_the_product(client: Client, personas) -> None:
    response = password_login(client, "regisseur_a")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:enrol")
    assert client.get(HOME)["Location"] == reverse("accounts:enrol")
    assert client.get(reverse("audit:log")).status_code == 302


def test_login_rotates_the_session_key(client: Client, personas) -> None:
    client.get(LOGIN)
    client.cookies["sessionid"] = "x" * 32  # a planted (fixated) session id
    password_login(client, "regisseur_a")
    assert client.cookies["sessionid"].value != "x" * 32
    assert UserSession.objects.filter(user=personas["regisseur_a"]).count() == 1


def test_full_login_with_enrolled_device(client: Client, personas) -> None:
    user = personas["teamleider"]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = password_login(client, "teamleider")
    assert response["Location"] == reverse("accounts:verify")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(reverse("accounts:verify"), {"token": "000000"})
        assert wrong.status_code == 200
        assert wrong.context["form"].errors
        throttled = client.post(reverse("accounts:verify"), {"token": code_for(device)})
        assert (
            gettext(
                "Too many wrong codes in a row. Wait a few seconds, then enter the current code."
            )
            in throttled.context["form"].errors["token"]
        )
        traveller.shift(timedelta(seconds=5))
        response = client.post(reverse("accounts:verify"), {"token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    actions = list(AuditEvent.objects.filter(actor="teamleider").values_list("action", flat=True))
    assert {"auth.login", "auth.mfa_failed", "auth.mfa_verified"} <= set(actions)


def test_enrolment_shows_qr_and_confirms_device(client: Client, personas) -> None:
    password_login(client, "regisseur_b")
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=personas["regisseur_b"], confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert secret[:4] in page.content.decode()
    response = client.post(reverse("accounts:enrol"), {"token": code_for(device)})
    # The end of enrolment shows the ten recovery codes, once (tests/accounts/test_recovery.py).
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(action="auth.mfa_enrolled", actor="regisseur_b").exists()


def test_enrolment_cannot_replace_an_existing_device(client: Client, personas) -> None:
    TOTPDevice.objects.create(user=personas["regisseur_a"], name="app", confirmed=True)
    password_login(client, "regisseur_a")
    response = client.get(reverse("accounts:enrol"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")
    assert not TOTPDevice.objects.filter(user=personas["regisseur_a"], confirmed=False).exists()


def test_lockout_after_repeated_failures_per_username_and_ip(client: Client, personas) -> None:
    for _ in range(5):
        password_login(client, "regisseur_a", "wrong-password-123")
    locked = password_login(client, "regisseur_a")  # even the right password
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.lockout", actor="regisseur_a").exists()
    # Another address is not locked out for this username.
    other = Client().post(
        LOGIN, {"username": "regisseur_a", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 302, other.content.decode()[-3000:]


def test_unknown_usernames_lock_out_the_same_way(client: Client, db) -> None:
    for _ in range(5):
        password_login(client, "ghost", "wrong-password-123")
    assert password_login(client, "ghost", "wrong-password-123").status_code == 429


def test_logout_ends_the_session(personas) -> None:
    client = Client()
    verify_session(client, personas["regisseur_a"])
    key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout", actor="regisseur_a").exists()


def test_logout_requires_post(personas) -> None:
    client = Client()
    verify_session(client, personas["regisseur_a"])
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_idle_timeout_after_15_minutes(personas) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        verify_session(client, personas["regisseur_a"])
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=14))
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=16))
        response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?expired=1"
    assert client.get(HOME).status_code == 302
    event = AuditEvent.objects.get(action="auth.session_expired")
    assert event.changes == {"reason": "idle"}


def test_absolute_timeout_after_12_hours_even_when_active(personas) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        verify_session(client, personas["regisseur_a"])
        for _ in range(12 * 6 + 1):
            traveller.shift(timedelta(minutes=10))
            response = client.get(HOME)
            if response.status_code != 200:
                break
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?expired=1"
    assert AuditEvent.objects.get(action="auth.session_expired").changes == {"reason": "absolute"}


@pytest.mark.django_db(transaction=True)
def test_deactivating_a_user_ends_their_sessions(personas) -> None:
    client = Client()
    verify_session(client, personas["regisseur_a"])
    assert client.get(HOME).status_code == 200
    services.deactivate_user(actor=personas["beheerder"], user=personas["regisseur_a"])
    assert not UserSession.objects.filter(user=personas["regisseur_a"]).exists()
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.filter(action="auth.sessions_ended").exists()


@pytest.mark.django_db(transaction=True)
def test_deactivating_through_a_plain_save_also_ends_sessions(personas) -> None:
    client = Client()
    user = personas["regisseur_b"]
    verify_session(client, user)
    key = client.session.session_key
    user.is_active = False
    user.save()
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(HOME).status_code == 302


def test_demo_accounts_cannot_log_in_outside_development(client: Client, personas) -> None:
    user = personas["regisseur_a"]
    user.is_demo = True
    user.save(update_fields=["is_demo"])
    with override_settings(DEBUG=False):
        refused = password_login(client, "regisseur_a")
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    with override_settings(DEBUG=True):
        assert password_login(client, "regisseur_a").status_code == 302
