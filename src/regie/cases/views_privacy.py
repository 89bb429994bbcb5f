"""Data-subject access requests (AVG art. 15), for the privacy officer only.

The privacy officer is the one role that finds persons across all cases, and only here, for a
data-subject request. Every view is guarded by the ``cases.dsar`` rule; every person shown is
logged as read; every export is also recorded explicitly as ``cases.dsar.export``.

The search form posts, so that names, BSNs and dates of birth stay out of URLs (and with that
out of the access log's page paths, browser histories and server logs).

An export names staff by role only. The privacy officer may include names in one export, with a
written reason (AVG art. 15(4): the rights of others are weighed per request): the export form
posts, so the reason stays out of URLs too, and the reason is kept in the export's audit event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from regie.cases import export, services_privacy
from regie.cases.models import Person
from regie.cases.services_privacy import Format
from regie.cases.vocabulary import Cases
from regie.core import audit, policy
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires

if TYPE_CHECKING:
    from regie.accounts.models import User

ACTION = Cases.DSAR
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class ExportForm(forms.Form):
    """The options of one export: staff names are left out unless ticked, with a reason."""

    staff_names = forms.BooleanField(
        label=_("Include the names of staff members in this export"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text=_(
            "Only after weighing the interests of the staff members involved (GDPR art. 15(4)); "
            "for this one export."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for including staff names"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reason = " ".join(str(data.get("reason") or "").split())
        data["reason"] = reason
        if data.get("staff_names") and len(reason) < services_privacy.REASON_MIN:
            self.add_error(
                "reason",
                _("Write down why this export names staff members (at least %(n)d characters).")
                % {"n": services_privacy.REASON_MIN},
            )
        elif reason and not data.get("staff_names"):
            self.add_error(
                "staff_names",
                _("Tick this box to include staff names, or clear the reason."),
            )
        return data


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, BSN or date of birth"),
        min_length=2,
        max_length=100,
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox", "type": "search", "autocomplete": "off"}
        ),
    )


def _person(request: AuthenticatedRequest, person_id: int) -> Person:
    person = Person.objects.select_related("area").filter(pk=person_id).first()
    if person is None:
        raise Http404
    policy.check(request.user, ACTION, person)
    audit.note_read(person)
    return person


@requires(ACTION, personal_data=True)
@require_http_methods(["GET", "POST"])
def search(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    results: list[Person] | None = None
    if form.is_valid():
        results = export.find_persons(form.cleaned_data["q"])
        for person in results:
            audit.note_read(person)
    return render(request, "cases/privacy/search.html", {"form": form, "results": results})


def _person_page(
    request: HttpRequest, subject: Person, form: ExportForm | None = None, status: int = 200
) -> HttpResponse:
    cases = export.person_cases(subject)
    return render(
        request,
        "cases/privacy/person.html",
        {
            "person": subject,
            "cases": cases,
            "protected": [case for case in cases if case.is_protected()],
            "export_form": form or ExportForm(),
        },
        status=status,
    )


@requires(ACTION, personal_data=True)
@require_GET
def person(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _person_page(request, _person(request, person_id))


def _sender(user: User) -> str:
    membership = getattr(user, "primary_membership", None)
    return str(membership.organisation.name) if membership is not None else ""


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _export(request: AuthenticatedRequest, person_id: int, fmt: Format) -> HttpResponse:
    """GET: the export with staff by role. POST: the export form; names only when ticked with
    a reason, else the person page again with the form's errors (400) and nothing exported."""
    subject = _person(request, person_id)
    named, reason = False, ""
    if request.method == "POST":
        form = ExportForm(request.POST)
        if not form.is_valid():
            return _person_page(request, subject, form, status=400)
        named, reason = bool(form.cleaned_data["staff_names"]), form.cleaned_data["reason"]
    done = services_privacy.export_subject_data(
        actor=request.user,
        person=subject,
        fmt=fmt,
        staff_names=named,
        reason=reason,
        sender=_sender(request.user),
        language=translation.get_language() or "nl",
    )
    return _download(done.content, done.content_type, done.filename)


@requires(ACTION, personal_data=True)
@require_http_methods(["GET", "POST"])
def export_json(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _export(request, person_id, "json")


@requires(ACTION, personal_data=True)
@require_http_methods(["GET", "POST"])
def export_pdf(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _export(request, person_id, "pdf")
