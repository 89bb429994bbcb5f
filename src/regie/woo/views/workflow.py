"""The publication's steps from the review screen: submit for review, send back (with a reason),
approve (four-eyes), publish, withdraw (with a reason). Each runs its service, which checks the
policy, the status and four-eyes once more and audits; a refusal is said on the review screen
with status 400 (a refusal of the policy itself is a 403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core.forms import submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.woo import services
from regie.woo.forms import ReasonForm, VersionForm
from regie.woo.models import Publication
from regie.woo.views.review import page
from regie.woo.views.shared import VIEW, load_publication, review_url


def _step(
    request: AuthenticatedRequest,
    pk: int,
    call: Callable[[Publication, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    publication = load_publication(request, pk)
    form = VersionForm(request.POST)
    if submit(form, lambda data: call(publication, dict(data)), conflict_model=Publication).ok:
        messages.success(request, done)
        return redirect(review_url(publication))
    return page(request, publication, refusal=form)


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def submit_for_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda p, data: services.submit_for_review(
            p, actor=request.user, expected_version=data["version"]
        ),
        _("Submitted for review. Another Woo coordinator must now approve it."),
    )


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda p, data: services.approve(p, actor=request.user, expected_version=data["version"]),
        _("Approved. The publication can now be published."),
    )


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda p, data: services.publish(p, actor=request.user, expected_version=data["version"]),
        _("Published. The files below are what was published."),
    )


def _with_reason(
    request: AuthenticatedRequest,
    pk: int,
    prefix: str,
    call: Callable[[Publication, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    publication = load_publication(request, pk)
    form = ReasonForm(request.POST, prefix=prefix)
    if submit(form, lambda data: call(publication, dict(data)), conflict_model=Publication).ok:
        messages.success(request, done)
        return redirect(review_url(publication))
    if prefix == "withdraw":
        return page(request, publication, withdraw=form)
    return page(request, publication, send_back=form)


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def send_back(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _with_reason(
        request,
        pk,
        "send_back",
        lambda p, data: services.send_back(
            p, actor=request.user, reason=data["reason"], expected_version=data["version"]
        ),
        _("Sent back to draft."),
    )


@requires(VIEW, personal_data=True, target=Publication)
@require_POST
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _with_reason(
        request,
        pk,
        "withdraw",
        lambda p, data: services.withdraw(
            p, actor=request.user, reason=data["reason"], expected_version=data["version"]
        ),
        _("Withdrawn. The record and its files are kept."),
    )
