"""The Weegploeg's pages (issue 14): the forwarded signals, triage sessions, and the decision
on one signal, with the duplicate check of the case form before an intake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.cases import duplicates
from regie.cases import services as cases
from regie.cases.models import Case
from regie.cases.vocabulary import Cases
from regie.core import policy
from regie.core.forms import respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.intake import selectors, services
from regie.intake.forms_desk import AddToSessionForm, DecisionForm, SessionForm
from regie.intake.models import Signal, TriageDecision, TriageSession
from regie.intake.vocabulary import Intake
from regie.meetings.models import Meeting

SESSIONS_SHOWN = 10


def _meetings(request: AuthenticatedRequest) -> Any:
    return policy.visible(request.user, Meeting).select_related("series").order_by("-date")[:50]


def _index_context(request: AuthenticatedRequest) -> dict[str, Any]:
    return {
        "rows": selectors.weegploeg_list(request.user),
        "sessions": list(policy.visible(request.user, TriageSession)[:SESSIONS_SHOWN]),
    }


@require_GET
@requires(Intake.TRIAGE)
def index(request: AuthenticatedRequest) -> HttpResponse:
    form = SessionForm(initial={"date": timezone.localdate()}, meetings=_meetings(request))
    return render(request, "intake/triage/index.html", {**_index_context(request), "form": form})


@require_POST
@requires(Intake.SESSION_CREATE)
def session_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SessionForm(request.POST, meetings=_meetings(request))
    created = submit(
        form,
        lambda d: services.create_session(actor=request.user, on=d["date"], meeting=d["meeting"]),
    )
    if created.value is not None:
        messages.success(request, _("The session has been created. Add the signals to weigh."))
        return redirect("weegploeg:session", pk=created.value.pk)
    return respond(request, "intake/triage/index.html", _index_context(request), form=form)


def _session_context(request: AuthenticatedRequest, session: TriageSession) -> dict[str, Any]:
    rows = selectors.weegploeg_list(request.user)
    return {
        "session": session,
        "rows": selectors.session_rows(request.user, session),
        "candidates": [r for r in rows if r.session_pk != session.pk],
    }


def _add_form(context: Mapping[str, Any], data: Any = None) -> AddToSessionForm:
    choices = [(r.reference, r.reference) for r in context["candidates"]]
    return AddToSessionForm(data, choices=choices)


@require_http_methods(["GET", "POST"])
@requires(Intake.TRIAGE, target=TriageSession)
def session(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = policy.get_for_user(
        request.user, TriageSession.objects.select_related("meeting"), pk=pk
    )
    context = _session_context(request, found)
    form = _add_form(context, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        added = submit(
            form,
            lambda d: services.add_to_session(
                actor=request.user,
                signal=policy.get_for_user(request.user, Signal, reference=d["signal"]),
                session=found,
            ),
        )
        if added.ok:
            messages.success(request, _("The signal has been added to the session."))
            return redirect("weegploeg:session", pk=found.pk)
    return respond(request, "intake/triage/session.html", context, form=form)


@require_POST
@requires(Intake.SESSION_REMOVE, target=TriageSession)
def session_remove(request: AuthenticatedRequest, pk: int, reference: str) -> HttpResponse:
    """One button per undecided signal on the session page: off the session, back in the list."""
    found = policy.get_for_user(
        request.user, TriageSession.objects.select_related("meeting"), pk=pk
    )
    signal = policy.get_for_user(request.user, Signal, reference=reference)
    form = forms.Form(request.POST)  # the button carries nothing but the CSRF token
    removed = submit(
        form,
        lambda _d: services.remove_from_session(actor=request.user, signal=signal, session=found),
    )
    if removed.ok:
        messages.success(
            request,
            _("Signal %(reference)s is off the session and waits in the list again.")
            % {"reference": signal.reference},
        )
        return redirect("weegploeg:session", pk=found.pk)
    context = _session_context(request, found)
    return render(
        request,
        "intake/triage/session.html",
        {**context, "form": _add_form(context), "remove_form": form},
        status=400,
    )


def _person_data(signal: Signal, form: DecisionForm) -> cases.PersonData | None:
    """What the duplicate check compares, as ``triage.decide`` registers it; ``None`` when the
    signal names no person to register (or already has one)."""
    if signal.person_id is not None or not (signal.person_first_name and signal.person_last_name):
        return None
    area = (form.cleaned_data.get("area") if form.is_bound and form.is_valid() else None) or (
        signal.person_area
    )
    return cases.PersonData(
        first_name=signal.person_first_name,
        last_name=signal.person_last_name,
        date_of_birth=signal.person_date_of_birth,
        bsn="",
        area_id=area.pk if area is not None else 0,
    )


def _decision_context(
    request: AuthenticatedRequest, signal: Signal, form: DecisionForm
) -> dict[str, Any]:
    decision = (
        TriageDecision.objects.filter(signal=signal)
        .select_related("case", "referred_to", "decided_by")
        .first()
    )
    candidates: list[duplicates.Candidate] = []
    if decision is None and (data := _person_data(signal, form)) is not None:
        candidates = duplicates.duplicate_candidates(request.user, data)
    case: Case | None = decision.case if decision is not None else None
    return {
        "signal": signal,
        "themes": [t.name for t in signal.themes.order_by("name")],
        "thread": list(signal.messages.select_related("author")),
        "age": selectors.age_of(signal),
        "decision": decision,
        "case_link": case is not None and policy.permits(request.user, Cases.VIEW, case),
        "candidates": candidates,
    }


@require_http_methods(["GET", "POST"])
@requires(Intake.TRIAGE, personal_data=True)
def decide(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    signal = policy.get_for_user(
        request.user, Signal.objects.select_related("person_area", "session"), reference=reference
    )
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial={"version": signal.version}
    )
    if request.method == "POST":
        choice = request.POST.get("duplicate", "")
        if choice != "different" and not choice.isdigit():
            choice = ""
        decided = submit(
            form,
            lambda d: services.decide(
                actor=request.user,
                signal=signal,
                outcome=d["outcome"],
                motivation=d["motivation"],
                referred_to=d["referred_to"],
                advice=d["advice"],
                theme=d["theme"],
                area=d["area"],
                duplicate=choice,
                version=d["version"],
            ),
            conflict_model=Signal,
        )
        if decided.ok:
            messages.success(request, _("The decision has been recorded."))
            return redirect("weegploeg:decide", reference=signal.reference)
        signal.refresh_from_db()
    return respond(
        request, "intake/triage/decide.html", _decision_context(request, signal, form), form=form
    )
