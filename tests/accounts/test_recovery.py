"""Issue 10, point 11: recovery codes (django-otp static tokens).

Ten one-time codes shown once at the end of enrolment, regenerable by the owner; the second
step accepts each code once; every use is logged and e-mailed to the owner.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import User
from regie.audit.models import AuditEvent
from tests.accounts.test_login import code_for, password_login
from tests.conftest import PASSWORD, verify_session

HOME = reverse("accounts:home")
RECOVERY = reverse("accounts:recovery")
CODES = reverse("accounts:recovery_codes")


@pytest.fixture
def owner(personas: dict[str, User]) -> User:
    user = personas["regisseur_a"]
    user.email = "regisseur_a@example.org"
    user.save(update_fields=["email"])
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


@pytest.fixture
def codes(owner: User) -> list[str]:
    return services.create_recovery_codes(actor=owner, user=owner, reason="enrolment")


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def after_password(username: str = "regisseur_a") -> Client:
    client = english()
    assert password_login(client, username)["Location"] == reverse("accounts:verify")
    return client


# --- Enrolment ends with ten codes, shown once ----------------------------------------------


def test_enrolment_shows_ten_codes_once(personas, mailoutbox) -> None:
    client = english()
    password_login(client, "regisseur_b")
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=personas["regisseur_b"], confirmed=False)

    response = client.post(reverse("accounts:enrol"), {"token": code_for(device)})

    assert response.status_code == 200
    assert response.templates[0].name == "accounts/recovery_codes_new.html"
    shown = response.context["codes"]
    assert len(shown) == len(set(shown)) == 10
    page = response.content.decode()
    assert all(code in page for code in shown)
    assert "This is the only time you see these codes." in page
    assert response.context["next_url"] == HOME
    assert f'href="{HOME}"' in page
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]
    # Kept only as digests: the database does not hold a usable code.
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & ({c.replace("-", "") for c in shown} | set(shown))
    # Never again: the enrolment page now sends the verified user on, without codes.
    again = client.get(reverse("accounts:enrol"))
    assert again.status_code == 302
    assert client.get(HOME).status_code == 200
    event = AuditEvent.objects.get(action="auth.recovery_codes_created")
    assert event.actor == "regisseur_b"
    assert event.changes == {"codes": 10, "reason": "enrolment"}


# --- The second step accepts each code once ---------------------------------------------------


def test_a_recovery_code_replaces_the_authenticator_code_once(owner, codes, mailoutbox) -> None:
    client = after_password()
    verify_page = client.get(reverse("accounts:verify")).content.decode()
    assert f'href="{RECOVERY}"' in verify_page

    response = client.post(RECOVERY, {"code": codes[3].upper().replace("-", " ")})

    assert response.status_code == 302
    assert response["Location"] == HOME
    home = client.get(HOME)
    assert home.status_code == 200
    assert [str(m) for m in home.context["messages"]] == [
        "You logged in with a recovery code; it no longer works. 9 codes are left."
    ]
    event = AuditEvent.objects.get(action="auth.mfa_recovery_used")
    assert event.actor == "regisseur_a"
    assert event.changes == {"remaining": 9, "owner_mailed": True}
    assert [m.to for m in mailoutbox] == [["regisseur_a@example.org"]]
    assert "nog 9 herstelcodes over" in mailoutbox[0].body  # Dutch, whatever the UI language

    # The same code a second time: refused.
    second = after_password()
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        refused = second.post(RECOVERY, {"code": codes[3]})
    assert refused.status_code == 200
    assert refused.context["form"].errors["code"] == [
        "That recovery code is not valid, or it was used before."
    ]
    assert second.get(HOME).status_code == 302
    # Another code still works.
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        assert second.post(RECOVERY, {"code": codes[4]}).status_code == 302
    assert services.use_recovery_code(user=owner, code=codes[3]).device is None


def test_wrong_code_is_refused_logged_and_throttled(owner, codes) -> None:
    client = after_password()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(RECOVERY, {"code": "aaaaa-aaaaa"})
        assert wrong.context["form"].errors["code"] == [
            "That recovery code is not valid, or it was used before."
        ]
        throttled = client.post(RECOVERY, {"code": codes[0]})
        assert throttled.context["form"].errors["code"] == [
            "Too many wrong codes in a row. Wait a few seconds, then try again."
        ]
        traveller.shift(timedelta(seconds=5))
        assert client.post(RECOVERY, {"code": codes[0]}).status_code == 302
    failed = AuditEvent.objects.filter(action="auth.mfa_failed", actor="regisseur_a")
    assert failed.count() == 2
    assert all(e.changes == {"method": "recovery_code"} for e in failed)


def test_a_code_typed_with_zero_or_one_for_o_or_l_works(owner) -> None:
    made = iter(["loopl-22222", *(f"aaaaa-aaa{n}{n}" for n in "234567abc")])
    with mock.patch("regie.accounts.services._new_recovery_code", side_effect=lambda: next(made)):
        codes = services.create_recovery_codes(actor=owner, user=owner, reason="enrolment")
    assert "loopl-22222" in codes
    assert after_password().post(RECOVERY, {"code": "1 00p1 22222"}).status_code == 302


def test_malformed_code_gets_a_clear_error(owner, codes) -> None:
    response = after_password().post(RECOVERY, {"code": "123"})
    assert response.context["form"].errors["code"] == [
        "A recovery code has ten letters and digits, like abcde-23456."
    ]


def test_codes_belong_to_their_owner(owner, codes, personas) -> None:
    other = personas["regisseur_b"]
    TOTPDevice.objects.create(user=other, name="app", confirmed=True)
    services.create_recovery_codes(actor=other, user=other, reason="enrolment")
    client = after_password("regisseur_b")
    assert client.post(RECOVERY, {"code": codes[0]}).status_code == 200
    assert client.get(HOME).status_code == 302


def test_recovery_code_page_is_only_the_second_step(owner, codes, db) -> None:
    anonymous = Client().get(RECOVERY)
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    verified = Client()
    verify_session(verified, owner)
    assert verified.get(RECOVERY)["Location"] == HOME


def test_login_with_a_code_does_not_wait_for_the_mail_server(owner, codes) -> None:
    client = after_password()
    with mock.patch("regie.accounts.mail.send_mail", side_effect=smtplib.SMTPException("down")):
        response = client.post(RECOVERY, {"code": codes[0]})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="auth.mfa_recovery_used")
    assert event.changes["owner_mailed"] is False


# --- The owner makes new codes -------------------------------------------------------------


def test_owner_sees_how_many_codes_are_left_and_makes_new_ones(owner, codes) -> None:
    services.use_recovery_code(user=owner, code=codes[0])
    client = english()
    verify_session(client, owner)
    page = client.get(CODES)
    assert page.status_code == 200
    assert page.context["left"] == 9
    assert "You have 9 unused recovery codes left." in page.content.decode()
    assert "9 unused recovery codes left" in client.get(HOME).content.decode()

    wrong = client.post(CODES, {"password": "not my password"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["password"] == ["That is not your password."]
    assert services.use_recovery_code(user=owner, code=codes[1]).device is not None

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = client.post(CODES, {"password": PASSWORD})
    assert response.status_code == 200
    fresh = response.context["codes"]
    assert len(fresh) == 10
    assert "Your earlier recovery codes no longer work." in response.content.decode()
    assert client.get(CODES).context["left"] == 10
    assert services.use_recovery_code(user=owner, code=codes[2]).device is None
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        assert services.use_recovery_code(user=owner, code=fresh[0]).device is not None
    assert AuditEvent.objects.filter(
        action="auth.recovery_codes_created", changes__reason="regenerated"
    ).exists()


def test_a_session_verified_with_a_code_survives_new_codes(owner, codes) -> None:
    client = after_password()
    client.post(RECOVERY, {"code": codes[0]})
    response = client.post(CODES, {"password": PASSWORD})
    assert response.status_code == 200
    assert client.get(HOME).status_code == 200


def test_only_the_owner_makes_codes(owner, personas) -> None:
    with pytest.raises(PermissionDenied):
        services.create_recovery_codes(actor=personas["beheerder"], user=owner, reason="x")
    assert not StaticToken.objects.exists()


@pytest.mark.parametrize("persona", ["teamleider", "auditor", "beheerder", "outsider"])
def test_every_user_has_their_own_codes_page(login_as: Any, persona: str) -> None:
    assert login_as(persona).get(CODES).status_code == 200
