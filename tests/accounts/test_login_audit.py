"""What the append-only log keeps of a typed username (issue 10, point 5).

A password typed into the username field must not stay in the log forever: the username is
stored only when it names an account, anything else as a keyed hash that still correlates
repeated attempts with the same text.
"""

from __future__ import annotations

from pathlib import Path

from django.test import Client, override_settings
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.core.audit import pseudonym
from tests.core.test_settings import PRODUCTION, run_regie

LOGIN = reverse("accounts:login")
TYPED_PASSWORD = "Zomer2026!Amsterdam"  # what someone meant to type in the password field
KEY = "een-sleutel-van-minstens-tweeendertig-tekens-lang"


def attempt(client: Client, username: str) -> None:
    client.post(LOGIN, {"username": username, "password": "wrong-password-123"})


def logged_actors(action: str = "auth.login_failed") -> list[str]:
    return list(
        AuditEvent.objects.filter(action=action).order_by("id").values_list("actor", flat=True)
    )


def test_a_password_typed_as_username_never_reaches_the_log(client: Client, personas) -> None:
    attempt(client, TYPED_PASSWORD)
    assert logged_actors() == [pseudonym(TYPED_PASSWORD)]
    assert logged_actors()[0].startswith("hmac:")
    for event in AuditEvent.objects.all():
        assert TYPED_PASSWORD not in str(event.__dict__)


def test_repeated_attempts_with_the_same_text_correlate(client: Client, personas) -> None:
    attempt(client, TYPED_PASSWORD)
    attempt(client, "iemand-anders")
    attempt(client, TYPED_PASSWORD)
    first, other, again = logged_actors()
    assert first == again != other


def test_an_existing_account_is_named_by_its_username(client: Client, personas) -> None:
    attempt(client, "regisseur_a")
    attempt(client, "Regisseur_A")  # no such account: usernames are exact
    assert logged_actors() == ["regisseur_a", pseudonym("Regisseur_A")]


def test_a_lockout_of_an_unknown_username_is_logged_as_its_hash(client: Client, db) -> None:
    for _ in range(6):
        attempt(client, TYPED_PASSWORD)
    assert set(logged_actors("auth.lockout")) == {pseudonym(TYPED_PASSWORD)}
    assert not AuditEvent.objects.filter(actor=TYPED_PASSWORD).exists()


def test_the_key_comes_from_the_environment_and_outlives_the_secret_key(db) -> None:
    derived = pseudonym(TYPED_PASSWORD)
    with override_settings(REGIE_AUDIT_HMAC_KEY=KEY):
        keyed = pseudonym(TYPED_PASSWORD)
        with override_settings(SECRET_KEY="a-rotated-secret-key-" + "y" * 40):
            assert pseudonym(TYPED_PASSWORD) == keyed
    assert keyed != derived
    # Without its own key, the hash is derived from the secret key (with a context of its own).
    with override_settings(SECRET_KEY="a-rotated-secret-key-" + "y" * 40):
        assert pseudonym(TYPED_PASSWORD) != derived


def test_a_short_key_refuses_to_start(tmp_path: Path) -> None:
    key_file = tmp_path / "hmac-key"
    key_file.write_text("te-kort\n", encoding="utf-8")
    result = run_regie(
        ["check"], {**PRODUCTION, "REGIE_AUDIT_HMAC_KEY_FILE": str(key_file)}, tmp_path
    )
    assert result.returncode != 0
    assert "REGIE_AUDIT_HMAC_KEY must be at least 32 characters long" in result.stderr
