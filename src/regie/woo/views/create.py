"""Creating a publication: from a meeting whose minutes are adopted and stored, or from an
uploaded file. The services make the suggestions; what they refuse (minutes not adopted, a file
of the wrong type or too large) comes back as a form error with status 400, and nothing is
created. A created publication opens on its review screen."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from regie.core.forms import submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.woo import selectors, services
from regie.woo.forms import FromMeetingForm, UploadForm
from regie.woo.models import Publication
from regie.woo.vocabulary import Woo

CREATE = Woo.PUBLICATION_CREATE
# What ``export.sources`` says about the file itself: shown at the file field.
FILE_REFUSALS = {
    "too_large",
    "file_type",
    "encoding",
    "unreadable",
    "encrypted",
    "no_text_layer",
    "empty",
}


def _page(
    request: AuthenticatedRequest,
    meeting_form: FromMeetingForm | None = None,
    upload_form: UploadForm | None = None,
) -> HttpResponse:
    meetings = selectors.publishable_meetings()
    forms_ = {
        "meeting_form": meeting_form or FromMeetingForm(meetings=meetings, prefix="meeting"),
        "upload_form": upload_form or UploadForm(prefix="upload"),
    }
    bad = any(f.errors for f in forms_.values())
    return render(request, "woo/create.html", forms_, status=400 if bad else 200)


def _created(request: AuthenticatedRequest, publication: Publication) -> HttpResponse:
    count = publication.redactions.count()
    messages.success(
        request,
        _("Publication created with %(n)d suggested redaction(s). Decide on each of them.")
        % {"n": count},
    )
    return redirect("woo:review", pk=publication.pk)


@requires(CREATE)
@require_GET
def create(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request)


@requires(CREATE, personal_data=True)
@require_POST
def create_from_meeting(request: AuthenticatedRequest) -> HttpResponse:
    form = FromMeetingForm(
        request.POST, meetings=selectors.publishable_meetings(), prefix="meeting"
    )

    def create(data: dict[str, object]) -> Publication:
        try:
            return services.create_from_meeting(
                form.cleaned_data["meeting"],
                actor=request.user,
                information_category=form.cleaned_data["information_category"],
                document_type=form.cleaned_data["document_type"],
            )
        except ValidationError as refused:
            if getattr(refused, "code", None) == "not_adopted":
                raise ValidationError({"meeting": [refused]}) from refused
            raise

    made = submit(form, lambda data: create(dict(data)))
    if made.value is None:
        return _page(request, meeting_form=form)
    return _created(request, made.value)


@requires(CREATE, personal_data=True)
@require_POST
def create_from_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, prefix="upload")

    def create(data: dict[str, object]) -> Publication:
        upload = form.cleaned_data["file"]
        try:
            return services.create_from_upload(
                upload,
                actor=request.user,
                title=form.cleaned_data["title"],
                file_name=upload.name or "",
                information_category=form.cleaned_data["information_category"],
                document_type=form.cleaned_data["document_type"],
                adopted_on=form.cleaned_data["adopted_on"],
            )
        except ValidationError as refused:
            if getattr(refused, "code", None) in FILE_REFUSALS:
                raise ValidationError({"file": [refused]}) from refused
            raise

    made = submit(form, lambda data: create(dict(data)))
    if made.value is None:
        return _page(request, upload_form=form)
    return _created(request, made.value)
