"""Writes for accounts: users, memberships, sessions and second factors."""

from __future__ import annotations

import secrets
from base64 import b32decode
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import mail
from regie.accounts.models import (
    Membership,
    User,
    UserSession,
)
from regie.accounts.vocabulary import Accounts
from regie.core import audit, policy
from regie.core.vocabulary import Kernel

DEVICE_NAME = "authenticator"


@transaction.atomic
def end_all_sessions(*, user: User, reason: str, actor: User | None = None) -> int:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    if keys:
        audit.record(
            action=Kernel.AUTH_SESSIONS_ENDED,
            actor=actor,
            obj=user,
            changes={"reason": reason, "sessions": len(keys)},
        )
    return deleted


def deactivate_user(*, actor: User, user: User) -> None:
    """Switch an account off (prefer this to deleting it): the password no longer opens the
    product and every session ends. Checked before the transaction, so a refusal stays logged."""
    policy.check(actor, Accounts.USER_DEACTIVATE, user)
    _deactivate_user(actor=actor, user=user)


@transaction.atomic
def _deactivate_user(*, actor: User, user: User) -> None:
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.record(
            action=Accounts.USER_DEACTIVATE,
            actor=actor,
            obj=user,
            changes={"is_active": [True, False]},
        )
    end_all_sessions(user=user, reason="deactivated", actor=actor)


def reactivate_user(*, actor: User, user: User) -> None:
    """Switch a deactivated account on again (the same rule as deactivating it)."""
    policy.check(actor, Accounts.USER_DEACTIVATE, user)
    _reactivate_user(actor=actor, user=user)


@transaction.atomic
def _reactivate_user(*, actor: User, user: User) -> None:
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(
            action=Accounts.USER_REACTIVATE,
            actor=actor,
            obj=user,
            changes={"is_active": [False, True]},
        )


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device for enrolment, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


@transaction.atomic
def confirm_enrolment(*, user: User, device: TOTPDevice) -> list[str]:
    """Confirm the authenticator and hand out the first recovery codes (shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    audit.record(action=Kernel.AUTH_MFA_ENROLLED, actor=user, obj=user)
    return create_recovery_codes(actor=user, user=user, reason="enrolment")


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_demo: bool = False,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record(
        action=Accounts.USER_CREATE,
        actor=actor,
        obj=user,
        changes={"username": [None, username], "is_demo": [None, is_demo]},
    )
    return user


def ensure_membership(
    *,
    actor: User | None,
    user: User,
    organisation: Any,
    role: str,
    team: Any = None,
    function_title: str = "",
) -> Membership:
    # Checked before the transaction, so the refusal's audit event is not rolled back with it.
    refuse_self_grant(actor=actor, user=user)
    return _ensure_membership(
        actor=actor,
        user=user,
        organisation=organisation,
        role=role,
        team=team,
        function_title=function_title,
    )


@transaction.atomic
def _ensure_membership(
    *,
    actor: User | None,
    user: User,
    organisation: Any,
    role: str,
    team: Any,
    function_title: str,
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"team": team, "function_title": function_title},
    )
    if created:
        audit.record(
            action=Accounts.MEMBERSHIP_CREATE,
            actor=actor,
            obj=membership,
            changes={
                "user": [None, user.username],
                "role": [None, role],
                "organisation": [None, str(organisation)],
            },
        )
    return membership


def save_membership(*, actor: User, membership: Membership, changes: dict[str, Any]) -> Membership:
    """Give or change a membership (the user page in the admin), validated and audited.

    The policy is asked about the membership as stored and as it will be, so a role the actor
    may not give can neither be given nor changed into something else. Checked before the
    transaction, so a refusal's audit event is not rolled back with it.
    """
    refuse_self_grant(actor=actor, user=membership.user)
    stored = Membership.objects.filter(pk=membership.pk).first() if membership.pk else None
    for row in (stored, membership):
        if row is not None:
            policy.check(actor, Accounts.MEMBERSHIP_GRANT, row)
    return _save_membership(
        actor=actor, membership=membership, created=stored is None, changes=changes
    )


@transaction.atomic
def _save_membership(
    *, actor: User, membership: Membership, created: bool, changes: dict[str, Any]
) -> Membership:
    membership.full_clean()
    membership.save()
    if created:
        changes = {"user": [None, membership.user.username], **changes}
        changes.setdefault("role", [None, membership.role])
        changes.setdefault("organisation", [None, str(membership.organisation)])
    audit.record(
        action=Accounts.MEMBERSHIP_CREATE if created else Accounts.MEMBERSHIP_CHANGE,
        actor=actor,
        obj=membership,
        changes=changes,
    )
    return membership


@transaction.atomic
def install_totp_secret(*, actor: User | None, user: User, base32_secret: str) -> TOTPDevice:
    """Give a user a confirmed device with a known secret (demo accounts only)."""
    key = b32decode(base32_secret).hex()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=True)
    if device.key != key:
        device.key = key
        device.save()
        audit.record(
            action=Kernel.AUTH_MFA_ENROLLED,
            actor=actor,
            obj=user,
            changes={"device": "pre-enrolled demo device"},
        )
    return device


def refuse_self_grant(*, actor: User | None, user: User) -> None:
    """Whoever manages memberships never gives one to themselves: roles come from another."""
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        audit.record(
            action=Accounts.MEMBERSHIP_CREATE,
            actor=actor,
            obj=user,
            result=audit.DENIED,
            changes={"reason": "own account"},
            independent=True,
        )
        raise PermissionDenied(_("You cannot give yourself a role; ask another administrator."))


def notify_email_changed(*, actor: User, user: User, old_address: str) -> None:
    """Tell the old address when someone else changes an account's e-mail address: resets are
    announced by e-mail, so a silently changed address would hide them from the owner."""
    if old_address and old_address != user.email and actor.pk != user.pk:
        compose = mail.email_changed(user, user.email, actor=actor)
        transaction.on_commit(lambda: mail.send_best_effort(old_address, compose))


# --- Recovery codes (django-otp static tokens) -------------------------------------------------

RECOVERY_CODE_COUNT = 10
# Base32: letters and the digits 2-7, so no 0 or 1 to mistake for o or l.
_RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
_RECOVERY_DEVICE = "recovery codes"


def normalise_recovery_code(code: str) -> str:
    # Codes never contain 0 or 1, so a typed 0 or 1 can only mean the letter o or l.
    typed = "".join(ch for ch in code.lower() if ch.isalnum())
    return typed.replace("0", "o").replace("1", "l")


def _recovery_digest(code: str) -> str:
    # Kept as a keyed digest, never the code: a copy of the database alone does not pass the
    # second step. 16 hex characters is what django-otp's token column holds.
    digest = salted_hmac("regie.accounts.recovery_code", normalise_recovery_code(code))
    return digest.hexdigest()[:16]


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def create_recovery_codes(*, actor: User, user: User, reason: str) -> list[str]:
    """Ten new one-time codes for the owner; earlier codes stop working. Returns the codes,
    which exist nowhere else in readable form."""
    if getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied(_("Only the account's owner can make recovery codes."))
    device = StaticDevice.objects.select_for_update().filter(user=user).order_by("id").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=_RECOVERY_DEVICE, confirmed=True)
    else:
        # The same device, so a session verified with a recovery code stays verified.
        device.token_set.all().delete()
        device.throttle_reset(commit=True)
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(_new_recovery_code())
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=_recovery_digest(code)) for code in codes
    )
    audit.record(
        action=Kernel.AUTH_RECOVERY_CODES_CREATED,
        actor=actor,
        obj=user,
        changes={"codes": RECOVERY_CODE_COUNT, "reason": reason},
    )
    return sorted(codes)


@dataclass(frozen=True)
class RecoveryResult:
    device: StaticDevice | None
    throttled: bool = False
    remaining: int = 0


@transaction.atomic
def use_recovery_code(*, user: User, code: str) -> RecoveryResult:
    """Accept one recovery code once, tell the owner, and log it."""
    device = (
        StaticDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("id")
        .first()
    )
    if device is None:
        return RecoveryResult(None)
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        return RecoveryResult(None, throttled=True)
    if not device.verify_token(_recovery_digest(code)):
        return RecoveryResult(None)
    remaining = device.token_set.count()
    mailed = mail.send_best_effort(
        user.email, mail.recovery_code_used(user, remaining, timezone.now())
    )
    audit.record(
        action=Kernel.AUTH_MFA_RECOVERY_USED,
        actor=user,
        obj=user,
        changes={"remaining": remaining, "owner_mailed": mailed},
    )
    return RecoveryResult(device, remaining=remaining)
