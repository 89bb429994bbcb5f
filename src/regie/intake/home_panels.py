"""The Steunpunt's and the Weegploeg's cards on the home page (``regie.accounts.home``): what
waits in their list, what is overdue, and the first few signals."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, pgettext

from regie.accounts.home import PanelContent, PanelItem
from regie.core.http import AuthenticatedRequest
from regie.intake import selectors
from regie.intake.selectors import QueueRow

SHOWN = 3


def _content(rows: list[QueueRow], url_name: str, empty: str) -> PanelContent:
    if not rows:
        return PanelContent(empty=empty)
    late = sum(1 for r in rows if r.overdue)
    summary = [
        ngettext("%(n)d signal is waiting.", "%(n)d signals are waiting.", len(rows))
        % {"n": len(rows)}
    ]
    if late:
        summary.append(
            npgettext(
                "service level", "%(n)d of them is overdue.", "%(n)d of them are overdue.", late
            )
            % {"n": late}
        )
    items = [
        PanelItem(
            label=r.reference,
            url=reverse(url_name, kwargs={"reference": r.reference}),
            detail=ngettext("%(n)d day", "%(n)d days", r.age_days) % {"n": r.age_days},
            alert=pgettext("service level", "overdue")
            if r.overdue
            else (_("urgent") if r.urgency == "high" else ""),
        )
        for r in rows[:SHOWN]
    ]
    return PanelContent(summary=summary, items=items)


def steunpunt(request: AuthenticatedRequest) -> PanelContent:
    return _content(
        selectors.steunpunt_queue(request.user),
        "steunpunt:signal",
        _("No signals are waiting at the Steunpunt."),
    )


def weegploeg(request: AuthenticatedRequest) -> PanelContent:
    return _content(
        selectors.weegploeg_list(request.user),
        "weegploeg:decide",
        _("No signals are waiting for the Weegploeg."),
    )
