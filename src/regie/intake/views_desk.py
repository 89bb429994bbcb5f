"""The Steunpunt's pages (issue 14): the queue, the overdue list, and a signal with the acts
its stage allows, each a small form posted to its own URL (400 with the page when refused)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from regie.core import policy
from regie.core.forms import respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.intake import selectors, services
from regie.intake.forms_desk import CloseForm, MessageForm, VersionForm
from regie.intake.models import Signal, Stage
from regie.intake.vocabulary import Intake

ASK_LABEL = gettext_lazy("Your question to the submitter")
ADVICE_LABEL = gettext_lazy("Your advice to the submitter")


@require_GET
@requires(Intake.QUEUE)
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """New signals and those in handling, urgent first; ``?over-tijd=1`` shows only the
    overdue ones (of both stages the Steunpunt sees)."""
    only_overdue = request.GET.get("over-tijd") == "1"
    rows = (
        selectors.overdue(request.user) if only_overdue else selectors.steunpunt_queue(request.user)
    )
    return render(
        request,
        "intake/desk/queue.html",
        {
            "rows": rows,
            "only_overdue": only_overdue,
            "overdue_count": sum(1 for r in rows if r.overdue) if not only_overdue else len(rows),
        },
    )


def _signal(request: AuthenticatedRequest, reference: str) -> Signal:
    return policy.get_for_user(
        request.user, Signal.objects.select_related("handler", "submitter"), reference=reference
    )


def _page(
    request: AuthenticatedRequest, signal: Signal, bound: Mapping[str, forms.Form] | None = None
) -> dict[str, Any]:
    forms_: dict[str, forms.Form] = {}
    user = request.user
    at_desk = signal.stage == Stage.STEUNPUNT
    initial = {"version": signal.version}
    if at_desk and policy.permits(user, Intake.SIGNAL_PICK_UP, signal):
        if signal.handler_id != user.pk:
            forms_["pick_up"] = VersionForm(initial=initial)
        if signal.submitter_id is not None:
            forms_["ask"] = MessageForm(label=ASK_LABEL)
        forms_["advise"] = MessageForm(label=ADVICE_LABEL)
        forms_["close"] = CloseForm(initial=initial)
        if signal.kind == Signal.Kind.SIGNAL:
            forms_["forward"] = VersionForm(initial=initial)
    forms_.update(bound or {})
    return {
        "signal": signal,
        "themes": [t.name for t in signal.themes.order_by("name")],
        "thread": list(signal.messages.select_related("author")),
        "forms": forms_,
        "age": selectors.age_of(signal),
    }


@require_GET
@requires(Intake.SIGNAL_VIEW, personal_data=True)
def signal_page(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    signal = _signal(request, reference)
    return render(request, "intake/desk/signal.html", _page(request, signal))


def _act(
    request: AuthenticatedRequest,
    reference: str,
    key: str,
    form: forms.Form,
    call: Callable[[Signal, Mapping[str, Any]], object],
    done: str,
) -> HttpResponse:
    signal = _signal(request, reference)
    result = submit(form, lambda data: call(signal, data), conflict_model=Signal)
    if result.ok:
        messages.success(request, done)
        return redirect("steunpunt:signal", reference=signal.reference)
    signal.refresh_from_db()
    return respond(
        request, "intake/desk/signal.html", _page(request, signal, {key: form}), form=form
    )


@require_POST
@requires(Intake.SIGNAL_PICK_UP, personal_data=True)
def pick_up(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "pick_up",
        VersionForm(request.POST),
        lambda s, d: services.pick_up(actor=request.user, signal=s, version=d["version"]),
        _("You handle this signal now."),
    )


@require_POST
@requires(Intake.SIGNAL_ASK, personal_data=True)
def ask(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "ask",
        MessageForm(request.POST, label=ASK_LABEL),
        lambda s, d: services.ask_submitter(actor=request.user, signal=s, text=d["text"]),
        _("Your question has been sent. The submitter gets an e-mail without its content."),
    )


@require_POST
@requires(Intake.SIGNAL_ADVISE, personal_data=True)
def advise(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "advise",
        MessageForm(request.POST, label=ADVICE_LABEL),
        lambda s, d: services.advise(actor=request.user, signal=s, text=d["text"]),
        _("Your advice has been sent to the submitter."),
    )


@require_POST
@requires(Intake.SIGNAL_CLOSE, personal_data=True)
def close(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "close",
        CloseForm(request.POST),
        lambda s, d: services.close(
            actor=request.user, signal=s, version=d["version"], reason=d["reason"]
        ),
        _("The signal has been closed."),
    )


@require_POST
@requires(Intake.SIGNAL_FORWARD, personal_data=True)
def forward(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "forward",
        VersionForm(request.POST),
        lambda s, d: services.forward_to_weegploeg(
            actor=request.user, signal=s, version=d["version"]
        ),
        _("The signal has been forwarded to the Weegploeg."),
    )
