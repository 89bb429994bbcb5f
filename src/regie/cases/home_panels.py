"""The cards this app puts on the home page (``regie.accounts.home``): real counts and the
next few items, no placeholders."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.accounts.home import PanelContent, PanelItem
from regie.cases import selectors
from regie.core.dates import long_date
from regie.core.http import AuthenticatedRequest

SHOWN = 3


def _overdue_sentence(n: int) -> str:
    return ngettext(
        "%(n)d of them has an overdue review.", "%(n)d of them have an overdue review.", n
    ) % {"n": n}


def caseload(request: AuthenticatedRequest) -> PanelContent:
    user = request.user
    counts = selectors.open_counts(user, mine=True)
    if not counts.open:
        return PanelContent(empty=_("You direct no open cases."))
    summary = [
        ngettext("You direct %(n)d open case.", "You direct %(n)d open cases.", counts.open)
        % {"n": counts.open}
    ]
    if counts.review_overdue:
        summary.append(_overdue_sentence(counts.review_overdue))
    today = timezone.localdate()
    items = [
        PanelItem(
            label=case.number,
            url=reverse("cases:detail", args=[case.number]),
            detail=_("review %(date)s") % {"date": long_date(case.next_review_on)},
            alert=_("overdue") if case.next_review_on and case.next_review_on < today else "",
        )
        for case in selectors.next_reviews(user, SHOWN)
    ]
    return PanelContent(summary=summary, items=items)


def tasks(request: AuthenticatedRequest) -> PanelContent:
    user = request.user
    today = timezone.localdate()
    open_tasks = selectors.open_tasks_for(user)
    total = open_tasks.count()
    if not total:
        return PanelContent(empty=_("You have no open tasks."))
    overdue = open_tasks.filter(due_on__lt=today).count()
    summary = [
        ngettext("You have %(n)d open task.", "You have %(n)d open tasks.", total) % {"n": total}
    ]
    if overdue:
        summary.append(
            ngettext("%(n)d of them is overdue.", "%(n)d of them are overdue.", overdue)
            % {"n": overdue}
        )
    items = [
        PanelItem(
            label=task.title,
            url=reverse("cases:detail", args=[task.case.number]) + "#tasks",
            detail=_("%(case)s · due %(date)s")
            % {"case": task.case.number, "date": long_date(task.due_on)},
            alert=_("overdue") if task.due_on < today else "",
        )
        for task in open_tasks[:SHOWN]
    ]
    return PanelContent(summary=summary, items=items)


def overview(request: AuthenticatedRequest) -> PanelContent:
    counts = selectors.open_counts(request.user, mine=False)
    summary = [ngettext("%(n)d open case.", "%(n)d open cases.", counts.open) % {"n": counts.open}]
    if counts.unassigned:
        summary.append(
            ngettext(
                "%(n)d of them has no case director.",
                "%(n)d of them have no case director.",
                counts.unassigned,
            )
            % {"n": counts.unassigned}
        )
    if counts.review_overdue:
        summary.append(_overdue_sentence(counts.review_overdue))
    return PanelContent(summary=summary)
