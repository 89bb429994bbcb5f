"""The submitter's pages: the signal form and the list of their own signals (issue 14)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from regie.accounts.models import Role
from regie.core.forms import respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.intake import selectors, services
from regie.intake.forms import AnswerForm, SignalForm
from regie.intake.models import Signal
from regie.intake.vocabulary import Intake


@require_http_methods(["GET", "POST"])
@requires(Intake.SIGNAL_SUBMIT)
def submit_signal(request: AuthenticatedRequest) -> HttpResponse:
    recording = request.user.has_role(Role.STEUNPUNT)
    form = SignalForm(request.POST if request.method == "POST" else None, recording=recording)
    if request.method == "POST":
        created = submit(form, lambda data: _submit(request, form, data))
        if created.value is not None:
            messages.success(
                request,
                _(
                    "Your signal has been received with reference %(reference)s. You can follow "
                    "its status under My signals."
                )
                % {"reference": created.value.reference}
                if not recording
                else _("The signal has been recorded with reference %(reference)s.")
                % {"reference": created.value.reference},
            )
            if recording:
                # The Steunpunt handles what it records: on to the signal's page.
                return redirect("steunpunt:signal", reference=created.value.reference)
            return redirect("intake:own")
    return respond(request, "intake/submit.html", {"recording": recording}, form=form)


def _submit(request: AuthenticatedRequest, form: SignalForm, data: Mapping[str, Any]) -> Signal:
    return services.submit(
        actor=request.user,
        data=services.SignalData(
            observation=data["observation"],
            kind=data["kind"],
            theme_ids=tuple(t.pk for t in data["themes"]),
            observed_since=data["observed_since"],
            person_first_name=data["person_first_name"],
            person_last_name=data["person_last_name"],
            person_date_of_birth=data["person_date_of_birth"],
            person_area_id=data["person_area"].pk if data["person_area"] else None,
            urgency=data["urgency"],
            person_is_aware=form.aware(),
        ),
        on_behalf_of=data.get("recorded_on_behalf_of", ""),
    )


@require_GET
@requires(Intake.OWN_SIGNALS)
def own(request: AuthenticatedRequest) -> HttpResponse:
    rows = selectors.own_signals(request.user)
    return render(request, "intake/own.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@requires(Intake.OWN_SIGNALS, personal_data=True)
def own_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """One of the submitter's own signals: what they wrote, its status and the thread with the
    Steunpunt, where they answer a question. Another's signal is "not found"."""
    found = selectors.own_signal(request.user, reference)
    if found is None:
        raise Http404
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        signal = Signal.objects.get(pk=found.pk)
        answered = submit(
            form,
            lambda data: services.answer(actor=request.user, signal=signal, text=data["text"]),
        )
        if answered.ok:
            messages.success(request, _("Your answer has been sent to the Steunpunt."))
            return redirect("intake:own_detail", reference=reference)
    return respond(request, "intake/own_detail.html", {"signal": found}, form=form)
