"""Four eyes on another account's password or second factor: request, decide, and the owner's
link to choose a new password (docs/permissions.md, "Account resets")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from regie.accounts import selectors, services_resets
from regie.accounts.forms import ResetDecisionForm, ResetRequestForm
from regie.accounts.mail import MailFailed
from regie.accounts.models import RESET_APPROVAL_WINDOW, ResetRequest, User
from regie.accounts.vocabulary import Accounts
from regie.core import policy
from regie.core.forms import error_text, respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import public, requires

# Decided and expired requests shown under the open ones; the audit log keeps the full record.
RECENT = 50


T = TypeVar("T")


def _mail_failed() -> str:
    return _("The e-mail to the account's owner could not be sent, so nothing was done.")


def _mailed(call: Callable[[], T]) -> T:
    """``call``, where an e-mail that could not be sent refuses the post as a service refusal
    would (the service's transaction is rolled back: nothing was done)."""
    try:
        return call()
    except MailFailed as exc:
        raise ValidationError(_mail_failed()) from exc


@requires(Accounts.RESETS, personal_data=True)
def reset_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = selectors.resets_for(request.user)
    cutoff = timezone.now() - RESET_APPROVAL_WINDOW
    waiting = rows.filter(status=ResetRequest.Status.PENDING, requested_at__gt=cutoff)
    earlier = rows.exclude(pk__in=waiting.values("pk"))[:RECENT]
    return render(
        request,
        "accounts/resets/list.html",
        {"waiting": list(waiting), "earlier": list(earlier), "recent": RECENT},
    )


@requires(Accounts.RESET_REQUEST, personal_data=True, target=User)
@never_cache
def reset_request(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    target = policy.get_for_user(request.user, User, pk=user_id, action=Accounts.RESET_REQUEST)
    initial = {"kind": request.GET.get("kind", ResetRequest.Kind.PASSWORD)}
    form = ResetRequestForm(request.POST or None, initial=initial)
    if request.method == "POST":
        requested = submit(
            form,
            lambda data: _mailed(
                lambda: services_resets.request_reset(
                    actor=request.user,
                    target=target,
                    kind=data["kind"],
                    reason=data["reason"],
                )
            ),
        )
        if requested.value is not None:
            messages.success(
                request,
                _(
                    "Request registered and the owner has been e-mailed. Nothing changes until "
                    "a second person approves it, within 24 hours."
                ),
            )
            return redirect("accounts:reset", pk=requested.value.pk)
    return respond(request, "accounts/resets/request.html", {"target": target}, form=form)


def _reset(request: AuthenticatedRequest, pk: int, action: Accounts | None = None) -> ResetRequest:
    return policy.get_for_user(
        request.user,
        ResetRequest.objects.select_related("target", "requested_by", "decided_by"),
        action=action,
        pk=pk,
    )


@requires(Accounts.RESETS, personal_data=True, target=ResetRequest)
def reset_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _reset(request, pk)
    may_decide = item.is_open and policy.permits(request.user, Accounts.RESET_DECIDE, item)
    return render(
        request,
        "accounts/resets/detail.html",
        {"reset": item, "may_decide": may_decide, "form": ResetDecisionForm()},
    )


@requires(Accounts.RESETS, target=ResetRequest)
@require_POST
def reset_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _reset(request, pk, Accounts.RESET_DECIDE)
    form = ResetDecisionForm(request.POST)
    actor = request.user
    rejecting = request.POST.get("decision") == "reject"

    def decision(data: Mapping[str, Any]) -> ResetRequest:
        if rejecting:
            return services_resets.reject_reset(actor=actor, reset=item, note=data["note"])
        return services_resets.approve_reset(
            actor=actor, reset=item, absolute_url=request.build_absolute_uri
        )

    decided = submit(form, lambda data: _mailed(lambda: decision(data)))
    if decided.value is None:
        messages.error(request, error_text(form))
    else:
        item = decided.value
        if rejecting:
            done = _("Request rejected; nothing was changed on the account.")
        elif item.kind == ResetRequest.Kind.PASSWORD:
            done = _(
                "Approved: the old password no longer works, the owner is logged out "
                "everywhere and has been e-mailed a link to choose a new password."
            )
        else:
            done = _(
                "Approved: the authenticator app and recovery codes are removed, the owner "
                "is logged out everywhere and has been e-mailed; they set up a new "
                "authenticator app at their next login."
            )
        if item.status == ResetRequest.Status.EXPIRED:
            messages.error(
                request,
                _("This request is more than 24 hours old and has expired; nothing was changed."),
            )
        else:
            messages.success(request, done)
    return redirect("accounts:reset", pk=pk)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The owner's link from the e-mail of an approved password reset."""

    template_name = "accounts/password_set.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:login")
    # The URL segment that replaces the token after the first visit (not a secret).
    reset_url_token = "nieuw"  # noqa: S105

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        for name in ("new_password1", "new_password2"):
            form.fields[name].widget.attrs.update(
                {"class": "utrecht-textbox", "autocomplete": "new-password"}
            )
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        services_resets.set_password_from_link(
            user=form.user, password=form.cleaned_data["new_password1"]
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your new password is set. Log in with it."))
        return redirect(self.success_url)


# Public: the owner has no password at this point. The token in the URL is the credential
# (Django's, bound to the account's password, so it works once and expires).
password_set = public(never_cache(PasswordSetView.as_view()))
