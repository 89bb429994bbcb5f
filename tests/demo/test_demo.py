from __future__ import annotations

import os
import subprocess
import sys
from base64 import b32decode
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, User
from regie.audit.services import verify_chain
from regie.demo import data, services
from regie.organisations.models import Organisation

pytestmark = pytest.mark.django_db

EXPECTED_USERNAMES = {
    "teamleider",
    "programma",
    "regisseur1",
    "regisseur2",
    "projectleider-noord",
    "aandachtsfunctionaris",
    "steunpunt",
    "weegploeg",
    "secretaris",
    "woo",
    "woo2",
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


def test_demo_sends_no_mail_and_says_so_in_one_line(tmp_path: Path) -> None:
    """As a newcomer runs it (its own process and database, the console mail backend of
    development mode): one line about the demo's e-mails, none printed, none sent."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("REGIE_", "DATABASE_URL"))},
        "REGIE_DEBUG": "1",
        "REGIE_DATA_DIR": str(tmp_path),
        # deduce's lookup structures as `make install` prepared them before `make demo`: built
        # here from nothing they would take two minutes of CPU (docs/woo.md).
        "REGIE_WOO_CACHE_DIR": str(settings.REGIE_WOO_CACHE_DIR),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    for args in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        result = subprocess.run(
            [sys.executable, "-m", "regie", *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    out = result.stdout
    lines = [line for line in out.splitlines() if "e-mails" in line]
    assert len(lines) == 1, out
    count, rest = lines[0].split(" ", 1)
    assert int(count) > 0
    assert rest == "e-mails (kept in memory, not sent; shown with -v 2)"
    assert "Subject:" not in out + result.stderr
    assert out.index("e-mails") < out.index("Demo data loaded")


@override_settings(DEBUG=True)
def test_demo_shows_the_mail_with_verbosity_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def load() -> None:
        mail.send_mail("Aanmelding ter goedkeuring", "Tekst", None, ["teamleider@regie.example"])

    monkeypatch.setattr(services, "load", load)
    call_command("demo", verbosity=2)
    out = capsys.readouterr().out
    assert "1 e-mail (kept in memory, not sent)" in out
    assert "Subject: Aanmelding ter goedkeuring" in out
    assert "teamleider@regie.example" in out


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
