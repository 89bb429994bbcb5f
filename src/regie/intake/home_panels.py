"""The intake cards on the home page (``regie.accounts.home``): for the Steunpunt and the
Weegploeg what waits in their list, what is overdue, and the first few signals; for a submitter
their own signals, the ones with a question for them first (status only, as on their page); for
the programme team last month's count of signals and its largest themes."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, pgettext

from regie.accounts.home import PanelContent, PanelItem
from regie.core.http import AuthenticatedRequest
from regie.intake import selectors
from regie.intake.insights import counts
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


def own(request: AuthenticatedRequest) -> PanelContent:
    rows = selectors.own_signals(request.user)
    if not rows:
        return PanelContent(empty=_("You have not submitted any signals."))
    asked = [r for r in rows if r.open_question]
    summary = [
        ngettext("%(n)d signal submitted.", "%(n)d signals submitted.", len(rows))
        % {"n": len(rows)}
    ]
    if asked:
        summary.append(
            ngettext(
                "The Steunpunt asks you a question about %(n)d of them.",
                "The Steunpunt asks you a question about %(n)d of them.",
                len(asked),
            )
            % {"n": len(asked)}
        )
    first = asked + [r for r in rows if not r.open_question]
    items = [
        PanelItem(
            label=r.reference,
            url=reverse("intake:own_detail", kwargs={"reference": r.reference}),
            detail=r.status_label,
            alert=_("question for you") if r.open_question else "",
        )
        for r in first[:SHOWN]
    ]
    return PanelContent(summary=summary, items=items)


def insights(request: AuthenticatedRequest) -> PanelContent:
    """The last full month beside the month before, and its largest themes."""
    summary = counts.month_summary(request.user, timezone.localdate())
    if not summary.signals and not summary.previous_signals:
        return PanelContent(empty=_("No signals in the last two months."))
    sentences = [
        ngettext(
            "%(month)s: %(n)d signal (the month before: %(previous)d).",
            "%(month)s: %(n)d signals (the month before: %(previous)d).",
            summary.signals,
        )
        % {"month": summary.label, "n": summary.signals, "previous": summary.previous_signals}
    ]
    items = [
        PanelItem(label=name, detail=ngettext("%(n)d signal", "%(n)d signals", n) % {"n": n})
        for name, n in summary.themes
    ]
    return PanelContent(summary=sentences, items=items)
