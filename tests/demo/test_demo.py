from __future__ import annotations

from base64 import b32decode

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, User
from regie.audit.services import verify_chain
from regie.demo import data
from regie.organisations.models import Organisation

pytestmark = pytest.mark.django_db

EXPECTED_USERNAMES = {
    "teamleider",
    "regisseur1",
    "regisseur2",
    "projectleider-noord",
    "aandachtsfunctionaris",
    "steunpunt",
    "weegploeg",
    "secretaris",
    "woo",
    "auditor",
    "beheerder",
}


@override_settings(DEBUG=True)
def test_demo_loads_accounts_and_organisations(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo")
    out = capsys.readouterr().out
    assert set(User.objects.values_list("username", flat=True)) == EXPECTED_USERNAMES
    for account in data.ACCOUNTS:
        assert account.totp_secret in out
        user = User.objects.get(username=account.username)
        assert user.is_demo
        assert user.check_password(data.PASSWORD)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert device.bin_key == b32decode(account.totp_secret)
        assert user.memberships.filter(role=account.role).exists()
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"Stadsdeel Noord", "Stadsdeel Weesp", "Gemeente Uithoorn", "GGD Amsterdam"} <= names
    assert verify_chain().intact


@override_settings(DEBUG=True)
def test_demo_is_idempotent() -> None:
    call_command("demo")
    counts = (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        TOTPDevice.objects.count(),
    )
    call_command("demo")
    assert counts == (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        TOTPDevice.objects.count(),
    )


@override_settings(DEBUG=False)
def test_demo_refuses_without_debug() -> None:
    with pytest.raises(CommandError, match="REGIE_DEBUG=0") as failure:
        call_command("demo")
    assert failure.value.returncode == 1
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_demo_refuses_a_database_with_real_accounts() -> None:
    User.objects.create_user("echte.medewerker", password="een lang wachtwoord")
    with pytest.raises(CommandError, match="not demo accounts"):
        call_command("demo")
    assert User.objects.count() == 1


@override_settings(DEBUG=True)
def test_totp_command_prints_the_current_code(capsys: pytest.CaptureFixture[str]) -> None:
    from django_otp.oath import TOTP

    call_command("totp", "auditor")
    code = capsys.readouterr().out.strip()
    expected = TOTP(
        b32decode(next(a for a in data.ACCOUNTS if a.username == "auditor").totp_secret)
    ).token()
    assert code == f"{expected:06d}"
    with pytest.raises(CommandError):
        call_command("totp", "nobody")
