"""Decisions on redactions from the review screen: accept or reject a suggestion, redact on
another ground, add a redaction by hand, accept every remaining suggestion.

Each post runs one service per redaction (which checks the policy and audits the decision),
then returns to the redaction's place on the review screen; a refusal re-renders the screen
with the error at that redaction and status 400. Without JavaScript everything works the same."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from regie.core.forms import submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.woo import selectors, services
from regie.woo.forms import DecideForm, GroundForm, VersionForm
from regie.woo.models import Publication, Redaction
from regie.woo.views.review import active_grounds, manual_form, page
from regie.woo.views.shared import (
    VIEW,
    load_publication,
    load_redaction,
    redaction_anchor,
    review_url,
)


def _back(redaction: Redaction) -> HttpResponse:
    return redirect(review_url(redaction.publication, redaction_anchor(redaction)))


@requires(VIEW, personal_data=True, target=Redaction)
@require_POST
def decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    redaction = load_redaction(request, pk)
    form = DecideForm(request.POST, prefix=f"r{pk}")
    done = submit(
        form,
        lambda data: services.decide(
            redaction,
            actor=request.user,
            accept=data["decision"] == DecideForm.ACCEPT,
            reason=data["reason"],
            expected_version=data["version"],
        ),
        conflict_model=Publication,
    )
    if not done.ok:
        return page(request, redaction.publication, failed=redaction, failed_form=form)
    accepted = form.cleaned_data["decision"] == DecideForm.ACCEPT
    messages.success(request, _("Redaction accepted.") if accepted else _("Redaction rejected."))
    return _back(redaction)


@requires(VIEW, personal_data=True, target=Redaction)
@require_POST
def change_ground(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    redaction = load_redaction(request, pk)
    form = GroundForm(request.POST, grounds=active_grounds(), prefix=f"g{pk}")
    done = submit(
        form,
        lambda data: services.change_ground(
            redaction,
            actor=request.user,
            ground=form.ground(),
            reason=data["reason"],
            expected_version=data["version"],
        ),
        conflict_model=Publication,
    )
    if not done.ok:
        return page(request, redaction.publication, failed=redaction, failed_form=form)
    messages.success(request, _("Redacted on ground %(code)s.") % {"code": redaction.ground.code})
    return _back(redaction)


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def add_manual(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    publication = load_publication(request, pk)
    form = manual_form(publication, active_grounds(), request.POST)

    def add(data: Any) -> list[Redaction]:
        document = publication.source_document()
        places = form.spans(document.blocks[data["block"]].text)
        if not places:
            return []
        version = data["version"]
        # All occurrences or none: one refused span leaves the others unwritten too.
        with transaction.atomic():
            return [
                services.add_manual(
                    publication,
                    actor=request.user,
                    block=data["block"],
                    start=start,
                    end=end,
                    ground=form.ground(),
                    reason=data["reason"],
                    expected_version=version + i if version is not None else None,
                )
                for i, (start, end) in enumerate(places)
            ]

    done = submit(form, add, conflict_model=Publication)
    if not done.ok or not done.value:
        return page(request, publication, manual=form)
    added = done.value
    messages.success(
        request,
        ngettext("%(n)d redaction added.", "%(n)d redactions added.", len(added))
        % {"n": len(added)},
    )
    return redirect(review_url(publication, redaction_anchor(added[0])))


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def accept_all(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every suggestion still open, accepted: one ``decide`` (and one audit event) each."""
    publication = load_publication(request, pk)
    form = VersionForm(request.POST)

    def accept(data: Any) -> int:
        version = data["version"]
        with transaction.atomic():
            open_ = list(selectors.redactions(publication).filter(state=Redaction.State.SUGGESTED))
            for i, redaction in enumerate(open_):
                redaction.publication = publication
                services.decide(
                    redaction,
                    actor=request.user,
                    accept=True,
                    expected_version=version + i if version is not None else None,
                )
        return len(open_)

    done = submit(form, accept, conflict_model=Publication)
    if not done.ok:
        return page(request, publication, refusal=form)
    count = done.value or 0
    messages.success(
        request,
        ngettext("%(n)d suggestion accepted.", "%(n)d suggestions accepted.", count) % {"n": count},
    )
    return redirect(review_url(publication, "document"))
