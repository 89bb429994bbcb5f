from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from regie.accounts import selectors, services
from regie.accounts.forms import ConfirmPasswordForm, LoginForm, RecoveryCodeForm, TokenForm
from regie.accounts.home import notices as home_notices
from regie.accounts.home import shown_panels
from regie.accounts.vocabulary import Accounts
from regie.core import audit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import public, requires
from regie.core.vocabulary import Kernel

NEXT_KEY = "regie_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        next_url = _safe_next(self.request, self.request.POST.get("next"))
        super().form_valid(form)  # logs in and rotates the session key
        self.request.session[NEXT_KEY] = next_url
        if services.confirmed_device(form.get_user()):
            return redirect("accounts:verify")
        return redirect("accounts:enrol")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["expired"] = self.request.GET.get("expired") == "1"
        return context


login_view = public(never_cache(LoginView.as_view()))


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Rendered by django-axes instead of the login result once a lockout is in force."""
    form = LoginForm(request)
    return render(request, "accounts/login.html", {"form": form, "locked_out": True}, status=429)


def _next_url(request: HttpRequest) -> str:
    # The stored value may be a URL name (the default); a link needs the path.
    return str(resolve_url(request.session.pop(NEXT_KEY, None) or settings.LOGIN_REDIRECT_URL))


def _finish_login(request: HttpRequest) -> HttpResponseRedirect:
    return redirect(_next_url(request))


def _show_codes(
    request: HttpRequest, codes: list[str], next_url: str, *, after_enrolment: bool
) -> HttpResponse:
    return render(
        request,
        "accounts/recovery_codes_new.html",
        {"codes": codes, "next_url": next_url, "after_enrolment": after_enrolment},
    )


@requires(Accounts.MFA, before_mfa=True)
@never_cache
def verify(request: AuthenticatedRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    device = services.confirmed_device(user)
    if device is None:
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            audit.record(action=Kernel.AUTH_MFA_VERIFIED, actor=user, obj=user, independent=True)
            return _finish_login(request)
        audit.record(
            action=Kernel.AUTH_MFA_FAILED,
            actor=user,
            obj=user,
            result=audit.DENIED,
            independent=True,
        )
        if allowed:
            form.add_error("token", _("That code is not valid. Wait for a new code and try again."))
        else:
            # django-otp doubles the wait after every failed code.
            form.add_error(
                "token",
                _(
                    "Too many wrong codes in a row. Wait a few seconds, "
                    "then enter the current code."
                ),
            )
    return render(request, "accounts/verify.html", {"form": form})


@requires(Accounts.MFA, before_mfa=True)
@never_cache
def enrol(request: AuthenticatedRequest) -> HttpResponse:
    user: Any = request.user
    if services.confirmed_device(user) is not None:
        # Replacing an existing second factor is an administrator's job, never self-service
        # behind a password alone.
        return redirect("accounts:home" if user.is_verified() else "accounts:verify")
    device = services.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token",
                _(
                    "Too many wrong codes in a row. Wait a few seconds, "
                    "then enter the current code."
                ),
            )
        elif device.verify_token(form.cleaned_data["token"]):
            codes = services.confirm_enrolment(user=user, device=device)
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            # Shown in this response only, never stored readable: a reload does not show them.
            return _show_codes(request, codes, _next_url(request), after_enrolment=True)
        else:
            form.add_error(
                "token",
                _(
                    "That code is not valid. Check the time on your phone and enter the current "
                    "code."
                ),
            )
    secret = b32encode(device.bin_key).decode("ascii")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "qr_svg": qr_svg, "secret": grouped},
    )


@requires(Accounts.MFA, before_mfa=True)
@never_cache
def recovery(request: AuthenticatedRequest) -> HttpResponse:
    """The second step with a recovery code instead of the authenticator app."""
    user: Any = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    if services.confirmed_device(user) is None:
        return redirect("accounts:enrol")
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.use_recovery_code(user=user, code=form.cleaned_data["code"])
        if result.device is not None:
            otp_login(request, result.device)
            messages.warning(
                request,
                ngettext(
                    "You logged in with a recovery code; it no longer works. "
                    "%(count)s code is left.",
                    "You logged in with a recovery code; it no longer works. "
                    "%(count)s codes are left.",
                    result.remaining,
                )
                % {"count": result.remaining},
            )
            return _finish_login(request)
        audit.record(
            action=Kernel.AUTH_MFA_FAILED,
            actor=user,
            obj=user,
            result=audit.DENIED,
            changes={"method": "recovery_code"},
            independent=True,
        )
        if result.throttled:
            form.add_error(
                "code",
                _("Too many wrong codes in a row. Wait a few seconds, then try again."),
            )
        else:
            form.add_error("code", _("That recovery code is not valid, or it was used before."))
    return render(request, "accounts/recovery.html", {"form": form})


@requires(Accounts.MFA)
@never_cache
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    """The owner's page: how many recovery codes are left, and ten new ones on request."""
    user = request.user
    has_device = services.confirmed_device(user) is not None
    form = ConfirmPasswordForm(user, request.POST or None)
    # Recovery codes back up an authenticator app; without one there is nothing to back up.
    if request.method == "POST" and has_device and form.is_valid():
        codes = services.create_recovery_codes(actor=user, user=user, reason="regenerated")
        return _show_codes(
            request, codes, reverse("accounts:recovery_codes"), after_enrolment=False
        )
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "form": form,
            "left": selectors.recovery_codes_left(user),
            "has_device": has_device,
        },
    )


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@requires(Accounts.HOME)
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/home.html",
        {
            "panels": shown_panels(request),
            "notices": home_notices(request),
            "recovery_codes_left": selectors.recovery_codes_left(request.user),
        },
    )
