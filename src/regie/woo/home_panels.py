"""The Woo coordinator's card on the home page (``regie.accounts.home``): their own concepts
and the publications waiting for a second reviewer they can be."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.accounts.home import PanelContent, PanelItem
from regie.core.http import AuthenticatedRequest
from regie.woo import selectors

SHOWN = 3


def woo(request: AuthenticatedRequest) -> PanelContent:
    user = request.user
    concepts = list(selectors.own_concepts(user)[: SHOWN + 1])
    waiting = list(selectors.waiting_for_review(user)[: SHOWN + 1])
    if not concepts and not waiting:
        return PanelContent(empty=_("Nothing is waiting for you. Start a new publication."))
    summary = []
    if waiting:
        summary.append(
            ngettext(
                "%(n)s publication waits for your review.",
                "%(n)s publications wait for your review.",
                len(waiting),
            )
            % {"n": f"{SHOWN}+" if len(waiting) > SHOWN else len(waiting)}
        )
    if concepts:
        summary.append(
            ngettext(
                "You have %(n)s draft in progress.",
                "You have %(n)s drafts in progress.",
                len(concepts),
            )
            % {"n": f"{SHOWN}+" if len(concepts) > SHOWN else len(concepts)}
        )
    items = [
        PanelItem(
            label=p.title,
            url=reverse("woo:review", args=[p.pk]),
            detail=_("to review"),
            alert=_("four eyes"),
        )
        for p in waiting[:SHOWN]
    ]
    items += [
        PanelItem(label=p.title, url=reverse("woo:review", args=[p.pk]), detail=_("your draft"))
        for p in concepts[:SHOWN]
    ]
    return PanelContent(summary=summary, items=items)
