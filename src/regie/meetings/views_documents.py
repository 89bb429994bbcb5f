"""Minutes as documents: the PDF and DOCX export of a meeting, and importing minutes written
elsewhere (paste or upload → review of the parsed draft → save)."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import audit, policy
from regie.core.dates import long_date
from regie.core.policy import requires
from regie.meetings import documents, importer, importing
from regie.meetings.forms_documents import ConfirmForm, ImportForm
from regie.meetings.models import Meeting, MeetingSeries

VIEW = "meetings.view"
IMPORT = "meetings.import"

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    # The Meeting scope already limits guests to adopted meetings they attended; the document
    # itself drops confidential items for them (``documents.build``).
    return policy.get_for_user(
        request.user,
        Meeting.objects.select_related("series__team__organisation", "chair", "minute_taker"),
        action=VIEW,
        pk=pk,
    )


def _export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    document = documents.build(request.user, meeting)
    if kind == "pdf":
        content, content_type = documents.render_pdf(document), "application/pdf"
    else:
        content, content_type = documents.render_docx(document), DOCX_TYPE
    # Besides the page-read log of the middleware: which format, and whether it was a guest's
    # copy, is what a privacy officer asks about a document that left the system.
    audit.record(
        action="meetings.minutes.export",
        actor=request.user,
        obj=meeting,
        changes={"format": kind, "guest_copy": document.guest},
        independent=True,
    )
    response = HttpResponse(content, content_type=content_type)
    # The stem is a slug: nothing in it needs quoting.
    response["Content-Disposition"] = f'attachment; filename="{document.filename_stem}.{kind}"'
    return response


@requires(VIEW, personal_data=True, target=Meeting)
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "pdf")


@requires(VIEW, personal_data=True, target=Meeting)
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "docx")


# --- Import --------------------------------------------------------------------------------------

SIGNING_SALT = "regie.meetings.import"
# Long enough to read a long draft carefully, short enough that a stale review is not saved.
REVIEW_MAX_AGE = 2 * 60 * 60


def _series(request: HttpRequest, pk: int) -> MeetingSeries:
    return policy.get_for_user(request.user, MeetingSeries, action=IMPORT, pk=pk)


def _review_page(
    request: HttpRequest, series: MeetingSeries, source: str, status: int = 200
) -> HttpResponse:
    draft = importer.parse_text(source)
    payload = signing.dumps({"series": series.pk, "text": source}, salt=SIGNING_SALT, compress=True)
    return render(
        request,
        "meetings/documents/import_review.html",
        {
            "series": series,
            "review": importing.review(series, draft),
            "confirm_form": ConfirmForm(initial={"payload": payload}),
        },
        status=status,
    )


@requires(IMPORT, personal_data=True, target=MeetingSeries)
def import_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1 (form) and 2 (review of the parsed draft)."""
    series = _series(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _review_page(request, series, form.cleaned_data["source"])
    return render(
        request,
        "meetings/documents/import_form.html",
        {"series": series, "form": form},
        status=400 if form.errors else 200,
    )


@requires(IMPORT, personal_data=True, target=MeetingSeries)
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 3: save a fresh parse of the reviewed text."""
    series = _series(request, pk)
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise signing.BadSignature("no payload")
        data = signing.loads(
            form.cleaned_data["payload"], salt=SIGNING_SALT, max_age=REVIEW_MAX_AGE
        )
        if data.get("series") != series.pk or not isinstance(data.get("text"), str):
            raise signing.BadSignature("another series")
    except signing.BadSignature:  # includes SignatureExpired
        messages.error(
            request, _("The review has expired or was changed; import the minutes again.")
        )
        return redirect("meetings:import", pk=series.pk)
    source: str = data["text"]
    try:
        result = importing.save_draft(request.user, series, importer.parse_text(source))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _review_page(request, series, source, status=400)
    messages.success(
        request,
        _(
            "The minutes of %(date)s are imported: %(items)s items, %(decisions)s decisions, "
            "%(actions)s new actions and %(terms)s new forward agenda items."
        )
        % {
            "date": long_date(result.meeting.date),
            "items": result.items,
            "decisions": result.decisions,
            "actions": result.actions_added,
            "terms": result.term_items_added,
        },
    )
    return redirect("meetings:meeting", pk=result.meeting.pk)
