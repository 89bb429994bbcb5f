"""What the Woo views share: loading a publication or a redaction through the policy, and where
a post returns to.

Redactions have no scope of their own: a redaction is as visible as its publication, so it is
found through ``policy.get_for_user`` on the publication that holds it (a 404 for anyone who
may not see the publication, exactly as for a redaction that does not exist)."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse

from regie.core import policy
from regie.core.http import AuthenticatedRequest
from regie.woo.models import Publication, Redaction
from regie.woo.vocabulary import Woo

VIEW = Woo.PUBLICATION_VIEW


def load_publication(request: AuthenticatedRequest, pk: int) -> Publication:
    return policy.get_for_user(
        request.user,
        Publication.objects.select_related(
            "meeting__series", "created_by", "submitted_by", "approved_by"
        ),
        pk=pk,
    )


def load_redaction(request: AuthenticatedRequest, pk: int) -> Redaction:
    publication = policy.get_for_user(request.user, Publication, redactions=pk)
    redaction = Redaction.objects.select_related("ground", "decided_by").filter(pk=pk).first()
    if redaction is None:
        raise Http404
    redaction.publication = publication
    return redaction


def review_url(publication: Publication, anchor: str = "") -> str:
    url = reverse("woo:review", args=[publication.pk])
    return f"{url}#{anchor}" if anchor else url


def redaction_anchor(redaction: Redaction) -> str:
    return f"redactie-{redaction.pk}"
