"""Writes for accounts: users, memberships, sessions and second factors."""

from __future__ import annotations

from base64 import b32decode
from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, User, UserSession
from regie.core import audit

DEVICE_NAME = "authenticator"


@transaction.atomic
def end_all_sessions(*, user: User, reason: str, actor: Any = None) -> int:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    if keys:
        audit.record(
            action="auth.sessions_ended",
            actor=actor,
            obj=user,
            changes={"reason": reason, "sessions": len(keys)},
        )
    return deleted


@transaction.atomic
def deactivate_user(*, actor: Any, user: User) -> None:
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.record(
            action="accounts.user.deactivate",
            actor=actor,
            obj=user,
            changes={"is_active": [True, False]},
        )
    end_all_sessions(user=user, reason="deactivated", actor=actor)


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device for enrolment, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


@transaction.atomic
def confirm_enrolment(*, user: User, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    audit.record(action="auth.mfa_enrolled", actor=user, obj=user)


@transaction.atomic
def create_user(
    *,
    actor: Any,
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
        action="accounts.user.create",
        actor=actor,
        obj=user,
        changes={"username": [None, username], "is_demo": [None, is_demo]},
    )
    return user


@transaction.atomic
def ensure_membership(
    *,
    actor: Any,
    user: User,
    organisation: Any,
    role: str,
    team: Any = None,
    function_title: str = "",
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"team": team, "function_title": function_title},
    )
    if created:
        audit.record(
            action="accounts.membership.create",
            actor=actor,
            obj=membership,
            changes={
                "user": [None, user.username],
                "role": [None, role],
                "organisation": [None, str(organisation)],
            },
        )
    return membership


@transaction.atomic
def install_totp_secret(*, actor: Any, user: User, base32_secret: str) -> TOTPDevice:
    """Give a user a confirmed device with a known secret (demo accounts only)."""
    key = b32decode(base32_secret).hex()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=True)
    if device.key != key:
        device.key = key
        device.save()
        audit.record(
            action="auth.mfa_enrolled",
            actor=actor,
            obj=user,
            changes={"device": "pre-enrolled demo device"},
        )
    return device
