from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.cases.models import Case
from regie.cases.selectors import case_for_page
from regie.cases.vocabulary import Cases
from regie.core import audit, policy
from regie.core.forms import error_text, respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.organisations.models import Organisation
from regie.partners import documents, extensions, selectors, services
from regie.partners.forms import (
    DecisionForm,
    EndForm,
    JoinRequestForm,
    PartnerJournalForm,
    RegistrationForm,
)
from regie.partners.models import Registration
from regie.partners.vocabulary import Partners

# --- Partner side -------------------------------------------------------------------------------


def _cases_page(
    request: AuthenticatedRequest, join_form: JoinRequestForm | None = None, status: int = 200
) -> HttpResponse:
    registrations = list(
        selectors.active_registrations(request.user)
        .select_related("case", "case__person", "case__area", "organisation")
        .order_by("case__number", "id")
    )
    for registration in registrations:
        audit.note_read(registration.case)
    return render(
        request,
        "partners/cases.html",
        {
            "registrations": registrations,
            "join_form": join_form or JoinRequestForm(),
            "join_requests": selectors.join_requests_for(request.user),
            "request_days": settings.REGIE_PARTNER_REQUEST_DAYS,
        },
        status=status,
    )


@requires(Partners.CASES, personal_data=True)
def cases(request: AuthenticatedRequest) -> HttpResponse:
    return _cases_page(request)


@requires(Partners.CASE_VIEW, personal_data=True)
def case(request: AuthenticatedRequest, number: str) -> HttpResponse:
    shared = policy.get_for_user(
        request.user,
        Case.objects.select_related("person", "area", "theme", "regisseur").prefetch_related(
            "flags"
        ),
        number=number,
    )
    registration = selectors.registration_for(request.user, shared)
    if registration is None:  # visible only through a registration; none left means gone
        from django.http import Http404

        raise Http404
    view = selectors.shared_view(request.user, shared, registration)
    view.extras["panels"] = extensions.shared_panels(request, shared, registration)
    form = PartnerJournalForm(request.POST or None)
    if request.method == "POST":
        added = submit(
            form,
            lambda data: services.add_partner_journal_entry(
                actor=request.user,
                case=shared,
                occurred_on=data["occurred_on"],
                category=data["category"],
                text=data["text"],
            ),
        )
        if added.ok:
            messages.success(request, _("Your journal entry was added."))
            return redirect("partners:case", number=number)
    return respond(
        request, "partners/case.html", {"view": view, "may_write": shared.is_open}, form=form
    )


@requires(Partners.REQUEST)
@require_POST
def join(request: AuthenticatedRequest) -> HttpResponse:
    form = JoinRequestForm(request.POST)
    sent = submit(
        form,
        lambda data: services.request_to_join(
            actor=request.user,
            case_number=data["case_number"],
            organisation=Organisation.objects.get(
                pk=selectors.partner_organisation_ids(request.user)[0]
            ),
            purpose=data["purpose"],
            contact_details=data["contact_details"],
        ),
    )
    if not sent.ok:
        return _cases_page(request, form, status=400)
    # The same answer whatever the number: the request is on the partner's list either way.
    messages.success(
        request,
        _(
            "Your request has been sent. If the case number is known, "
            "the case director will contact you."
        ),
    )
    return redirect("partners:cases")


# --- Regie side ---------------------------------------------------------------------------------


@requires(Partners.REGISTRATIONS, personal_data=True)
def registrations(request: AuthenticatedRequest) -> HttpResponse:
    pending = list(selectors.pending_for(request.user)[:200])
    return render(request, "partners/registrations.html", {"pending": pending})


@requires(Cases.VIEW, personal_data=True)
def register(request: AuthenticatedRequest, number: str) -> HttpResponse:
    target = policy.get_for_user(
        request.user, case_for_page(number), action=Partners.REGISTRATION_CREATE, number=number
    )
    today = timezone.localdate()
    form = RegistrationForm(
        request.POST or None,
        initial={
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 1)
            if not (today.month == 2 and today.day == 29)
            else today.replace(year=today.year + 1, day=28),
        },
    )
    if request.method == "POST":
        registered = submit(
            form,
            lambda data: services.register(
                actor=request.user,
                case=target,
                data=services.RegistrationData(
                    organisation=data["organisation"],
                    purpose=data["purpose"],
                    categories=list(data["categories"]),
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    contact_name=data["contact_name"],
                    contact_details=data["contact_details"],
                ),
            ),
        )
        if registered.value is not None:
            messages.success(request, _("Registration saved; the team leader has to approve it."))
            return redirect("partners:registration", public_id=registered.value.public_id)
    return respond(request, "partners/register.html", {"case": target}, form=form)


def _registration(
    request: AuthenticatedRequest, public_id: UUID, action: Partners | None = None
) -> Registration:
    return policy.get_for_user(
        request.user,
        Registration.objects.select_related(
            "case", "organisation", "requested_by", "decided_by", "ended_by"
        ).prefetch_related("categories"),
        action=action,
        public_id=public_id,
    )


@requires(Partners.REGISTRATIONS, personal_data=True, target=Registration)
def registration(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    item = _registration(request, public_id)
    return render(
        request,
        "partners/registration.html",
        {
            "registration": item,
            "decision_form": DecisionForm(),
            "end_form": EndForm(),
            "may_approve": policy.permits(request.user, Partners.APPROVE, item),
            "may_end": policy.permits(request.user, Partners.REGISTRATION_END, item),
            "categories": selectors.categories(),
        },
    )


@requires(Partners.REGISTRATIONS, target=Registration)
@require_POST
def decide(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    item = _registration(request, public_id, Partners.APPROVE)
    form = DecisionForm(request.POST)
    rejecting = request.POST.get("decision") == "reject"

    def decision(data: Mapping[str, Any]) -> str:
        if rejecting:
            services.reject(actor=request.user, registration=item, note=data["note"])
            return _("Registration rejected.")
        chosen = request.POST.getlist("categories")
        categories = list(selectors.categories().filter(pk__in=chosen)) if chosen else None
        services.approve(
            actor=request.user, registration=item, note=data["note"], categories=categories
        )
        return _("Registration approved: the partner has access now.")

    decided = submit(form, decision)
    if decided.value is None:
        messages.error(request, error_text(form))
    else:
        messages.success(request, decided.value)
    return redirect("partners:registration", public_id=public_id)


@requires(Partners.REGISTRATIONS, target=Registration)
@require_POST
def end(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    item = _registration(request, public_id, Partners.REGISTRATION_END)
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for ending the registration."))
        return redirect("partners:registration", public_id=public_id)
    ended = submit(
        form,
        lambda data: services.end(actor=request.user, registration=item, reason=data["reason"]),
    )
    if not ended.ok:
        messages.error(request, error_text(form))
        return redirect("partners:registration", public_id=public_id)
    messages.success(request, _("Registration ended: the partner's access has ended."))
    return redirect(reverse("cases:detail", args=[item.case.number]))


@requires(Partners.DOCUMENTS, personal_data=True, target=Registration)
def form_pdf(request: AuthenticatedRequest, public_id: UUID) -> FileResponse:
    item = _registration(request, public_id, Partners.REGISTRATION_FORM)
    pdf = documents.registration_pdf(item, request)
    audit.record(action=Partners.REGISTRATION_FORM, actor=request.user, obj=item, independent=True)
    return FileResponse(
        iter([pdf]),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"convenant-aanmelding-{item.case.number}-{slugify(item.organisation.name)}.pdf",
    )
