"""Authentication events into the audit log, and session bookkeeping."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from regie.accounts import services
from regie.accounts.models import User, UserSession
from regie.core import audit
from regie.core.middleware import client_ip
from regie.core.vocabulary import Kernel

SESSION_LOGIN_AT = "regie_login_at"
SESSION_LAST_SEEN = "regie_last_seen"


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(timezone.now().timestamp())
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_LAST_SEEN] = now
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "ip": client_ip(request)},
    )
    audit.record(action=Kernel.AUTH_LOGIN, actor=user, obj=user, independent=True)


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
    audit.record(action=Kernel.AUTH_LOGOUT, actor=user, obj=user, independent=True)


def logged_username(typed: str) -> str:
    """What the audit log keeps of a username typed at login: the username when it names an
    account, otherwise a keyed hash of it. A password typed into the username field must not
    land in the append-only log; the hash still shows repeated attempts with the same text."""
    if not typed:
        return ""
    if User.objects.filter(username=typed).exists():
        return typed
    return audit.pseudonym(typed)


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # The password never reaches the log; the username only when it is one.
    audit.record(
        action=Kernel.AUTH_LOGIN_FAILED,
        actor_name=logged_username(str(credentials.get("username", ""))),
        result=audit.DENIED,
        independent=True,
    )


@receiver(user_locked_out)
def on_locked_out(
    sender: Any, request: Any, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    audit.record(
        action=Kernel.AUTH_LOCKOUT,
        actor_name=logged_username(str(username or "")),
        result=audit.DENIED,
        independent=True,
    )


@receiver(pre_save, sender=User)
def remember_active_flag(sender: Any, instance: User, **kwargs: Any) -> None:
    if instance.pk:
        instance._was_active = (  # type: ignore[attr-defined]
            User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
        )


@receiver(post_save, sender=User)
def end_sessions_of_deactivated(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    # Whatever path deactivated the user (admin, service, shell), their sessions end.
    if not created and getattr(instance, "_was_active", False) and not instance.is_active:
        transaction.on_commit(
            lambda: services.end_all_sessions(user=instance, reason="deactivated")
        )
