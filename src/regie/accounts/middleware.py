"""Session lifetime (idle and absolute) and the second-factor gate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from regie.accounts.signals import SESSION_LAST_SEEN, SESSION_LOGIN_AT
from regie.core import audit
from regie.core.policy import view_policy
from regie.core.vocabulary import Kernel

# Writing the session on every request costs a query; a minute of slack is invisible.
_TOUCH_EVERY = 60


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if user.is_authenticated:
            now = int(timezone.now().timestamp())
            login_at = int(request.session.get(SESSION_LOGIN_AT, now))
            last_seen = int(request.session.get(SESSION_LAST_SEEN, now))
            idle = now - last_seen > settings.REGIE_SESSION_IDLE.total_seconds()
            too_old = now - login_at > settings.REGIE_SESSION_ABSOLUTE.total_seconds()
            if idle or too_old:
                audit.record(
                    action=Kernel.AUTH_SESSION_EXPIRED,
                    actor=user,
                    obj=user,
                    changes={"reason": "idle" if idle else "absolute"},
                    independent=True,
                )
                logout(request)
                return redirect(f"{reverse('accounts:login')}?expired=1")
            if now - last_seen >= _TOUCH_EVERY or SESSION_LOGIN_AT not in request.session:
                request.session[SESSION_LAST_SEEN] = now
                request.session.setdefault(SESSION_LOGIN_AT, now)
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Until a second factor is verified, only login, enrolment and verification are open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        declared = view_policy(view_func)
        if declared is not None and declared.before_mfa:
            return None
        from regie.accounts.services import confirmed_device

        # A session that has only passed the password step asked for a page of the product:
        # refused (sent to the second factor) and logged against what it asked for.
        audit.record(
            action=Kernel.AUTH_MFA_REQUIRED, actor=user, result=audit.DENIED, independent=True
        )
        target = "accounts:verify" if confirmed_device(user) else "accounts:enrol"
        return redirect(target)
