"""The cards this app puts on the home page (``regie.accounts.home``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.accounts.home import PanelContent, PanelItem
from regie.core.dates import long_date
from regie.core.http import AuthenticatedRequest
from regie.meetings import selectors

SHOWN = 3


def actions(request: AuthenticatedRequest) -> PanelContent:
    user = request.user
    today = timezone.localdate()
    subs = list(selectors.my_subactions(user))
    if not subs:
        return PanelContent(empty=_("You own no open actions."))
    overdue = sum(1 for sub in subs if sub.is_overdue(today))
    summary = [
        ngettext("You own %(n)d open action.", "You own %(n)d open actions.", len(subs))
        % {"n": len(subs)}
    ]
    if overdue:
        summary.append(
            ngettext("%(n)d of them is overdue.", "%(n)d of them are overdue.", overdue)
            % {"n": overdue}
        )
    items = []
    for sub in subs[:SHOWN]:
        if sub.due_end:
            due = _("due %(date)s") % {"date": long_date(sub.due_end)}
        else:
            due = sub.due_text or _("no due date")
        items.append(
            PanelItem(
                label=sub.action.subject,
                detail=f"{sub.action.series.name} · {due}",
                alert=_("overdue") if sub.is_overdue(today) else "",
            )
        )
    return PanelContent(summary=summary, items=items)


def meetings(request: AuthenticatedRequest) -> PanelContent:
    upcoming = selectors.upcoming_meetings(request.user, SHOWN)
    if not upcoming:
        return PanelContent(empty=_("No meetings are planned."))
    items = []
    for meeting in upcoming:
        when = long_date(meeting.date)
        if meeting.start_time:
            when = f"{when}, {meeting.start_time:%H:%M}"
        items.append(
            PanelItem(
                label=meeting.series.name,
                url=reverse("meetings:meeting", args=[meeting.pk]),
                detail=when,
            )
        )
    return PanelContent(summary=[_("Next meetings:")], items=items)
