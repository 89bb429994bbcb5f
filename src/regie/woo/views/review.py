"""The review screen: the document with its redactions marked per ground, a decision per
suggestion, the manual redaction form, the status with its history, and the acts this user may
do now. The policy decides which acts show; the status decides when (as the services do).

The page shows the unredacted text, so it is a read of personal data (``personal_data=True``)
and the publication is noted as read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regie.core import policy
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.woo import selectors
from regie.woo.forms import ManualForm, ReasonForm
from regie.woo.models import Ground, Publication, Redaction
from regie.woo.views import display
from regie.woo.views.shared import VIEW, load_publication
from regie.woo.vocabulary import Woo

Status = Publication.Status


def active_grounds() -> list[Ground]:
    return list(Ground.objects.filter(is_active=True))


def manual_form(publication: Publication, grounds: list[Ground], data: Any = None) -> ManualForm:
    return ManualForm(
        data,
        grounds=grounds,
        blocks=display.block_choices(publication.source_document()),
        initial={"version": publication.version},
        prefix="manual",
    )


def _acts(request: AuthenticatedRequest, publication: Publication) -> dict[str, bool]:
    user, status = request.user, publication.status

    def may(action: Woo, needed: str) -> bool:
        return status == needed and policy.permits(user, action, publication)

    acts = {
        "decide": may(Woo.REDACTION_ACCEPT, Status.CONCEPT),
        "add": may(Woo.REDACTION_ADD, Status.CONCEPT),
        "submit": may(Woo.PUBLICATION_SUBMIT, Status.CONCEPT),
        "approve": may(Woo.PUBLICATION_APPROVE, Status.TER_BEOORDELING),
        "send_back": may(Woo.PUBLICATION_SEND_BACK, Status.TER_BEOORDELING),
        "publish": may(Woo.PUBLICATION_PUBLISH, Status.GOEDGEKEURD),
        "withdraw": may(Woo.PUBLICATION_WITHDRAW, Status.GEPUBLICEERD),
        "preview": status in (Status.CONCEPT, Status.TER_BEOORDELING, Status.GOEDGEKEURD),
    }
    # A coordinator who shaped the publication is told why they cannot approve it.
    acts["involved"] = (
        status == Status.TER_BEOORDELING
        and not acts["approve"]
        and policy.permits(user, Woo.PUBLICATION_VIEW)
    )
    return acts


def page(
    request: AuthenticatedRequest,
    publication: Publication,
    *,
    failed: Redaction | None = None,
    failed_form: forms.BaseForm | None = None,
    manual: ManualForm | None = None,
    send_back: ReasonForm | None = None,
    withdraw: ReasonForm | None = None,
    refusal: forms.BaseForm | None = None,
) -> HttpResponse:
    """The review screen; with a refused form, that form's errors at its place and status 400."""
    redactions = list(selectors.redactions(publication))
    palette = display.colours(redactions)
    grounds = active_grounds()
    acts = _acts(request, publication)
    version = {"version": publication.version}
    context = {
        "publication": publication,
        "blocks": display.blocks(publication.source_document(), redactions, palette),
        "legend": display.legend(redactions, palette),
        "history": display.history(publication),
        "redaction_count": len(redactions),
        "undecided": sum(1 for r in redactions if r.state == Redaction.State.SUGGESTED),
        "grounds": grounds,
        "acts": acts,
        "files": (
            list(selectors.published_files(publication).values())
            if publication.status in Publication.FINAL
            else []
        ),
        "manual_form": manual or manual_form(publication, grounds),
        "send_back_form": send_back or ReasonForm(initial=version, prefix="send_back"),
        "withdraw_form": withdraw or ReasonForm(initial=version, prefix="withdraw"),
        "failed": failed,
        "failed_form": failed_form,
        "refusal": refusal,
    }
    bad = any(f is not None and f.errors for f in (failed_form, manual, send_back, withdraw))
    bad = bad or bool(refusal is not None and refusal.errors)
    return render(request, "woo/review.html", context, status=400 if bad else 200)


@requires(VIEW, personal_data=True, target=Publication)
@require_GET
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return page(request, load_publication(request, pk))
