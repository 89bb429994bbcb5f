"""Data-subject access requests (AVG art. 15), for the privacy officer only.

The privacy officer is the one role that finds persons across all cases, and only here, for a
data-subject request. Every view is guarded by the ``cases.dsar`` rule; every person shown is
logged as read; every export is also recorded explicitly as ``cases.dsar.export``.

The search form posts, so that names, BSNs and dates of birth stay out of URLs (and with that
out of the access log's page paths, browser histories and server logs).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from regie.cases import export
from regie.cases.models import Person
from regie.core import audit, policy
from regie.core.policy import requires

ACTION = "cases.dsar"


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, BSN or date of birth"),
        min_length=2,
        max_length=100,
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox", "type": "search", "autocomplete": "off"}
        ),
    )


def _person(request: HttpRequest, person_id: int) -> Person:
    person = Person.objects.select_related("area").filter(pk=person_id).first()
    if person is None:
        raise Http404
    policy.check(request.user, ACTION, person)
    audit.note_read(person)
    return person


@requires(ACTION, personal_data=True)
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    results: list[Person] | None = None
    if form.is_valid():
        results = export.find_persons(form.cleaned_data["q"])
        for person in results:
            audit.note_read(person)
    return render(request, "cases/privacy/search.html", {"form": form, "results": results})


@requires(ACTION, personal_data=True)
@require_GET
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    subject = _person(request, person_id)
    return render(
        request,
        "cases/privacy/person.html",
        {"person": subject, "cases": export.person_cases(subject)},
    )


def _sender(user: Any) -> str:
    membership = getattr(user, "primary_membership", None)
    return str(membership.organisation.name) if membership is not None else ""


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@requires(ACTION, personal_data=True)
@require_GET
def export_json(request: HttpRequest, person_id: int) -> HttpResponse:
    subject = _person(request, person_id)
    now = timezone.now()
    data = export.subject_access_data(subject, generated_at=now, sender=_sender(request.user))
    audit.record(
        action="cases.dsar.export", actor=request.user, obj=subject, changes={"format": "json"}
    )
    filename = f"{export.reference_for(subject, now)}.json"
    return _download(export.render_json(data), "application/json", filename)


@requires(ACTION, personal_data=True)
@require_GET
def export_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    subject = _person(request, person_id)
    now = timezone.now()
    data = export.subject_access_data(subject, generated_at=now, sender=_sender(request.user))
    reference = export.reference_for(subject, now)
    pdf = export.render_pdf(
        data,
        options=export.PdfOptions(reference=reference, language=translation.get_language() or "nl"),
    )
    audit.record(
        action="cases.dsar.export", actor=request.user, obj=subject, changes={"format": "pdf"}
    )
    return _download(pdf, "application/pdf", f"{reference}.pdf")
