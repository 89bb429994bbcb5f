"""Minutes as documents: the PDF and DOCX export of a meeting. (Importing minutes written
elsewhere lives in ``meetings.importing``.)"""

from __future__ import annotations

from django.http import HttpResponse

from regie.core import audit, policy
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings.documents import compose, docx, pdf
from regie.meetings.models import Meeting
from regie.meetings.vocabulary import Meetings

VIEW = Meetings.VIEW

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meeting(request: AuthenticatedRequest, pk: int) -> Meeting:
    # The Meeting scope already limits guests to adopted meetings they attended; the document
    # itself drops confidential items for them (``documents.build``).
    return policy.get_for_user(
        request.user,
        Meeting.objects.select_related("series__team__organisation", "chair", "minute_taker"),
        action=VIEW,
        pk=pk,
    )


def _export(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    document = compose.build(request.user, meeting)
    if kind == "pdf":
        content, content_type = pdf.render_pdf(document), "application/pdf"
    else:
        content, content_type = docx.render_docx(document), DOCX_TYPE
    # Besides the page-read log of the middleware: which format, and whether it was a guest's
    # copy, is what a privacy officer asks about a document that left the system.
    audit.record(
        action=Meetings.MINUTES_EXPORT,
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
def export_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "pdf")


@requires(VIEW, personal_data=True, target=Meeting)
def export_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "docx")
