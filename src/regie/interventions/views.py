from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.cases.models import Case
from regie.cases.selectors import case_for_page
from regie.core import policy
from regie.core.forms import respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.params import int_or_none
from regie.core.policy import requires
from regie.interventions import selectors, services
from regie.interventions.forms import (
    CaseInterventionForm,
    PartnerProgressForm,
    ProposalForm,
    PublishForm,
    ReviewForm,
)
from regie.interventions.models import CaseIntervention, ChangeRequest
from regie.interventions.vocabulary import Interventions

# --- The pallet ---------------------------------------------------------------------------------


@requires(Interventions.CATALOGUE)
def catalogue(request: AuthenticatedRequest) -> HttpResponse:
    requested = int_or_none(request.GET.get("version"))
    version = selectors.version_by_id(requested)
    if requested is not None and version is None:
        raise Http404
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "interventions/catalogue.html",
        {
            "version": version,
            "groups": selectors.catalogue(version) if version is not None else [],
            "versions": selectors.versions(),
            "review_due": selectors.review_due(today),
            "counts": selectors.change_request_counts(),
            "may_propose": policy.permits(user, Interventions.CHANGE_PROPOSE),
            "may_publish": policy.permits(user, Interventions.VERSION_PUBLISH),
            "may_review": policy.permits(user, Interventions.REVIEW),
        },
    )


@requires(Interventions.CHANGES)
def change_requests(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in ("open", "all", *ChangeRequest.Status.values):
        status = "open"
    rows = list(selectors.change_requests(status)[:200])
    return render(
        request,
        "interventions/change_requests.html",
        {
            "rows": rows,
            "status": status,
            "statuses": [("open", _("Open")), *ChangeRequest.Status.choices, ("all", _("All"))],
            "may_propose": policy.permits(request.user, Interventions.CHANGE_PROPOSE),
        },
    )


def _proposal_initial(request: HttpRequest) -> dict[str, Any]:
    pk = int_or_none(request.GET.get("target"))
    target = selectors.choosable_interventions().filter(pk=pk).first() if pk else None
    if target is None:
        return {"kind": ChangeRequest.Kind.ADD}
    kind = request.GET.get("kind")
    return {
        "kind": kind if kind == ChangeRequest.Kind.RETIRE else ChangeRequest.Kind.CHANGE,
        "target": target,
        "name": target.name,
        "domain": target.domain,
        "typical_partner_kind": target.typical_partner_kind,
        "description": target.description,
    }


@requires(Interventions.CHANGE_PROPOSE)
def propose(request: AuthenticatedRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, initial=_proposal_initial(request))
    if request.method == "POST":
        sent = submit(
            form,
            lambda data: services.propose_change(
                actor=request.user,
                proposal=services.Proposal(
                    kind=data["kind"],
                    target=data["target"],
                    name=data["name"],
                    domain=data["domain"],
                    typical_partner_kind=data["typical_partner_kind"],
                    description=data["description"],
                    motivation=data["motivation"],
                ),
            ),
        )
        if sent.value is not None:
            messages.success(request, _("Your request was sent for review."))
            return redirect("interventions:change_request", pk=sent.value.pk)
    return respond(request, "interventions/propose.html", {}, form=form)


def _change(
    request: AuthenticatedRequest, pk: int, action: Interventions | None = None
) -> ChangeRequest:
    change = selectors.change_requests("all").filter(pk=pk).first()
    if change is None:
        raise Http404
    if action is not None:
        policy.check(request.user, action, change)
    return change


@requires(Interventions.CHANGES, target=ChangeRequest)
def change_request(
    request: AuthenticatedRequest, pk: int, form: ReviewForm | None = None
) -> HttpResponse:
    change = _change(request, pk)
    return render(
        request,
        "interventions/change_request.html",
        {
            "change": change,
            "form": form or ReviewForm(),
            "may_review": policy.permits(request.user, Interventions.REVIEW, change),
        },
        status=400 if form is not None else 200,
    )


@requires(Interventions.REVIEW, target=ChangeRequest)
@require_POST
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    change = _change(request, pk, Interventions.REVIEW)
    form = ReviewForm(request.POST)
    rejecting = request.POST.get("decision") == "reject"

    def decision(data: Mapping[str, Any]) -> str:
        if rejecting:
            services.reject_change(actor=request.user, change=change, reason=data["reason"])
            return _("Request rejected.")
        services.accept_change(actor=request.user, change=change, reason=data["reason"])
        return _("Request accepted: it goes into the next version.")

    decided = submit(form, decision)
    if decided.value is None:
        return change_request(request, pk, form=form)
    messages.success(request, decided.value)
    return redirect("interventions:change_request", pk=pk)


def _suggested_name(current: Any) -> str:
    if current is None:
        return ""
    match = re.search(r"(\d{4})\s*$", current.name)
    if match is None:
        return ""
    year = max(int(match.group(1)) + 1, timezone.localdate().year)
    return f"{current.name[: match.start(1)]}{year}"


@requires(Interventions.VERSION_PUBLISH)
def publish(request: AuthenticatedRequest) -> HttpResponse:
    current = selectors.current_version()
    form = PublishForm(request.POST or None, initial={"name": _suggested_name(current)})
    if request.method == "POST":
        published = submit(
            form, lambda data: services.publish_version(actor=request.user, name=data["name"])
        )
        if published.value is not None:
            messages.success(
                request, _("%(name)s is now the current pallet.") % {"name": published.value.name}
            )
            return redirect("interventions:catalogue")
    context = {
        "current_version": current,
        "changes": list(selectors.accepted_unapplied()),
        "review_on": selectors.add_months(timezone.localdate(), 12),
    }
    return respond(request, "interventions/publish.html", context, form=form)


# --- Case interventions: the regie team ---------------------------------------------------------


def _case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.number]) + "#interventions"


@requires(Interventions.CASE, personal_data=True)
def add(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = policy.get_for_user(
        request.user,
        case_for_page(number),
        action=Interventions.CASE_ADD,
        number=number,
    )
    executors = selectors.executor_choices(case)
    form = CaseInterventionForm(request.POST or None, executors=executors)
    if request.method == "POST":
        added = submit(
            form,
            lambda data: services.add_case_intervention(
                actor=request.user,
                case=case,
                data=services.CaseInterventionData(
                    intervention=data["intervention"],
                    executor=data["executor"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    status=data["status"],
                    outcome=data["outcome"],
                    shared_with_partners=data["shared_with_partners"],
                ),
            ),
        )
        if added.ok:
            messages.success(request, _("Intervention added."))
            return redirect(_case_url(case))
    if request.method == "GET" and getattr(request, "htmx", False):
        # The case page opens the form on demand: htmx replaces the panel's link with it, so
        # the focus moves into the form. Without JavaScript the link opens the page below.
        form.fields["intervention"].widget.attrs["autofocus"] = True
        return render(request, "interventions/_add_form.html", {"case": case, "form": form})
    return respond(request, "interventions/case_form.html", {"case": case, "item": None}, form=form)


@requires(Interventions.CASE, personal_data=True, target=CaseIntervention)
def update(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    item = policy.get_for_user(
        request.user,
        selectors.case_intervention_for_page(public_id),
        action=Interventions.CASE_UPDATE,
        public_id=public_id,
    )
    form = CaseInterventionForm(
        request.POST or None,
        executors=selectors.executor_choices(item.case),
        adding=False,
        initial={
            "executor": item.executor,
            "starts_on": item.starts_on,
            "ends_on": item.ends_on,
            "status": item.status,
            "outcome": item.outcome,
            "shared_with_partners": item.shared_with_partners,
            "version": item.version,
        },
    )
    if request.method == "POST":
        saved = submit(
            form,
            lambda data: services.update_case_intervention(
                actor=request.user,
                item=item,
                executor=data["executor"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                status=data["status"],
                outcome=data["outcome"],
                shared_with_partners=data["shared_with_partners"],
                expected_version=data["version"],
            ),
            conflict_model=CaseIntervention,
        )
        if saved.ok:
            messages.success(request, _("Intervention saved."))
            return redirect(_case_url(item.case))
    return respond(
        request, "interventions/case_form.html", {"case": item.case, "item": item}, form=form
    )


# --- Case interventions: the executing partner --------------------------------------------------


@requires(Interventions.CASE_PARTNER_UPDATE, personal_data=True, target=CaseIntervention)
def partner_update(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    item: CaseIntervention = policy.get_for_user(
        request.user,
        selectors.case_intervention_for_page(public_id),
        action=Interventions.CASE_PARTNER_UPDATE,
        public_id=public_id,
    )
    form = PartnerProgressForm(
        request.POST or None,
        initial={
            "status": item.status,
            "ends_on": item.ends_on,
            "outcome": item.outcome,
            "version": item.version,
        },
    )
    if request.method == "POST":
        saved = submit(
            form,
            lambda data: services.partner_update_case_intervention(
                actor=request.user,
                item=item,
                status=data["status"],
                ends_on=data["ends_on"],
                outcome=data["outcome"],
                expected_version=data["version"],
            ),
            conflict_model=CaseIntervention,
        )
        if saved.ok:
            messages.success(request, _("Progress saved."))
            return redirect(reverse("partners:case", args=[item.case.number]) + "#interventions")
    return respond(request, "interventions/partner_form.html", {"item": item}, form=form)
