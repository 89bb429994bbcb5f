"""The published files for staff, and a preview of the redacted text before publication.

Downloads serve the stored bytes exactly as published (their sha256 is on the review screen),
as an attachment that no browser may sniff into another type. The preview renders the text
export from the redactions accepted so far: what would be published if it were published now."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.woo import selectors
from regie.woo.export.text import render_text
from regie.woo.models import Publication, PublishedFile
from regie.woo.views.shared import VIEW, load_publication

CONTENT_TYPES = {
    PublishedFile.Kind.PDF: ("application/pdf", "pdf"),
    PublishedFile.Kind.TEXT: ("text/plain; charset=utf-8", "txt"),
    PublishedFile.Kind.DIWOO: ("application/xml", "xml"),
}


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@requires(VIEW, target=Publication)
@require_GET
def download(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    publication = load_publication(request, pk)
    if kind not in CONTENT_TYPES:
        raise Http404
    stored = selectors.published_files(publication).get(kind)
    if stored is None:
        raise Http404
    content_type, extension = CONTENT_TYPES[PublishedFile.Kind(kind)]
    suffix = "-metadata" if kind == PublishedFile.Kind.DIWOO else ""
    return _attachment(
        bytes(stored.content), content_type, f"woo-publicatie-{publication.pk}{suffix}.{extension}"
    )


@requires(VIEW, personal_data=True, target=Publication)
@require_GET
def preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    publication = load_publication(request, pk)
    text = render_text(publication.source_document(), selectors.accepted_spans(publication))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
