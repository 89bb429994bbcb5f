"""Resets of another account's password or second factor, with four eyes: a functional
administrator requests, a second person approves within 24 hours, and only then does the reset
happen; the owner is e-mailed at both steps (docs/permissions.md, "Account resets")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import mail
from regie.accounts.models import RESET_APPROVAL_WINDOW, ResetRequest, User, UserSession
from regie.accounts.services import end_all_sessions
from regie.accounts.vocabulary import Accounts
from regie.core import audit, policy


def _has_second_factor(user: User) -> bool:
    return bool(
        TOTPDevice.objects.filter(user=user).exists()
        or StaticDevice.objects.filter(user=user).exists()
    )


def _check_reachable(target: User) -> None:
    if not target.is_active:
        raise ValidationError(_("This account is deactivated; there is nothing to reset."))
    if not target.email:
        raise ValidationError(
            _(
                "This account has no e-mail address. Add one first: the owner is told of "
                "every reset by e-mail."
            )
        )


def _mark_expired(reset: ResetRequest) -> None:
    reset.status = ResetRequest.Status.EXPIRED
    reset.save(update_fields=["status"])
    audit.record(
        action=Accounts.RESET_EXPIRE,
        obj=reset,
        changes={
            "status": ["pending", "expired"],
            "user": reset.target.username,
            "kind": reset.kind,
        },
    )


@transaction.atomic
def expire_resets(*, now: Any = None) -> int:
    """Mark requests past their 24 hours as expired (`regie resets expire`)."""
    cutoff = (now or timezone.now()) - RESET_APPROVAL_WINDOW
    stale = (
        ResetRequest.objects.select_for_update()
        .select_related("target")
        .filter(status=ResetRequest.Status.PENDING, requested_at__lte=cutoff)
    )
    count = 0
    for reset in stale:
        _mark_expired(reset)
        count += 1
    return count


@transaction.atomic
def request_reset(*, actor: User, target: User, kind: str, reason: str) -> ResetRequest:
    policy.check(actor, Accounts.RESET_REQUEST, target)
    reason = reason.strip()
    if kind not in ResetRequest.Kind.values:
        raise ValidationError({"kind": _("Choose what to reset.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the reset.")})
    _check_reachable(target)
    if kind == ResetRequest.Kind.SECOND_FACTOR and not _has_second_factor(target):
        raise ValidationError(
            _("This account has no second factor yet; the owner sets it up at the next login.")
        )
    expire_resets()
    try:
        with transaction.atomic():
            reset = ResetRequest.objects.create(
                target=target, kind=kind, reason=reason, requested_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("A request to reset this is already waiting for approval.")
        ) from None
    audit.record(
        action=Accounts.RESET_REQUEST,
        actor=actor,
        obj=reset,
        changes={"status": [None, "pending"], "user": target.username, "kind": kind},
    )
    # Last: if the owner cannot be told, the request is not made at all.
    mail.send_now(target.email, mail.reset_requested(reset))
    return reset


def _locked(reset: ResetRequest) -> ResetRequest:
    return (
        ResetRequest.objects.select_for_update()
        .select_related("target", "requested_by")
        .get(pk=reset.pk)
    )


def _decide(actor: User, reset: ResetRequest, status: str, note: str) -> None:
    reset.status = status
    reset.decided_by = actor
    reset.decided_at = timezone.now()
    reset.decision_note = note
    reset.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def approve_reset(
    *, actor: User, reset: ResetRequest, absolute_url: Callable[[str], str]
) -> ResetRequest:
    """Carry out a waiting request. A request past its window is marked expired instead (and
    returned with that status), never carried out."""
    reset = _locked(reset)
    policy.check(actor, Accounts.RESET_DECIDE, reset)
    if reset.status != ResetRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if reset.is_expired():
        _mark_expired(reset)
        return reset
    _check_reachable(reset.target)
    _decide(actor, reset, ResetRequest.Status.APPROVED, "")
    audit.record(
        action=Accounts.RESET_APPROVE,
        actor=actor,
        obj=reset,
        changes={
            "status": ["pending", "approved"],
            "user": reset.target.username,
            "kind": reset.kind,
        },
    )
    link = _carry_out(actor=actor, reset=reset, absolute_url=absolute_url)
    # Last: if the owner cannot be told (and, for a password, given the link), nothing changes.
    mail.send_now(reset.target.email, mail.reset_carried_out(reset, link))
    return reset


def _carry_out(*, actor: User, reset: ResetRequest, absolute_url: Callable[[str], str]) -> str:
    target = reset.target
    devices = 0
    if reset.kind == ResetRequest.Kind.PASSWORD:
        target.set_unusable_password()
        target.save(update_fields=["password"])
        # Made after the change: the token is bound to the password, so it works once.
        uid = urlsafe_base64_encode(force_bytes(target.pk))
        token = default_token_generator.make_token(target)
        link = absolute_url(reverse("accounts:password_set", args=[uid, token]))
    else:
        for model in (TOTPDevice, StaticDevice):
            found = model.objects.filter(user=target)
            devices += found.count()
            found.delete()
        link = absolute_url(reverse("accounts:login"))
    sessions = UserSession.objects.filter(user=target).count()
    end_all_sessions(user=target, reason=f"reset {reset.kind}", actor=actor)
    audit.record(
        action=Accounts.RESET_EFFECT,
        actor=actor,
        obj=target,
        changes={
            "request": reset.pk,
            "kind": reset.kind,
            "devices_removed": devices,
            "sessions_ended": sessions,
        },
    )
    return link


@transaction.atomic
def reject_reset(*, actor: User, reset: ResetRequest, note: str) -> ResetRequest:
    reset = _locked(reset)
    policy.check(actor, Accounts.RESET_DECIDE, reset)
    note = note.strip()
    if reset.status != ResetRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not note:
        raise ValidationError({"note": _("Say why you reject the request.")})
    if reset.is_expired():
        _mark_expired(reset)
        return reset
    _decide(actor, reset, ResetRequest.Status.REJECTED, note)
    audit.record(
        action=Accounts.RESET_REJECT,
        actor=actor,
        obj=reset,
        changes={
            "status": ["pending", "rejected"],
            "user": reset.target.username,
            "kind": reset.kind,
        },
    )
    return reset


@transaction.atomic
def set_password_from_link(*, user: User, password: str) -> None:
    """The owner chose a new password through the link of an approved reset (the view has
    checked the token and the password rules)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(
        action=Accounts.RESET_PASSWORD_SET,
        actor=user,
        obj=user,
        changes={"password": "(changed)"},
    )
