from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from regie import settings as production
from regie.accounts.models import User


def test_production_hashes_with_argon2() -> None:
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_argon2_hash_is_stored() -> None:
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = User.objects.create_user("hashcheck", password="a long enough passphrase")
        assert user.password.startswith("argon2")


@pytest.mark.parametrize(
    "password",
    ["short-pw", "password1234", "qwertyuiop123", "1234567890123"],
)
def test_weak_passwords_are_rejected(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    # No composition rules: long lowercase passphrases are fine.
    ["rustige ochtend aan het ij", "kwaliteitvanleven"],
)
def test_long_passphrases_are_accepted(password: str) -> None:
    validate_password(password)
