"""The termijnagenda (forward agenda) of a series: the list, adding an item, planning it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Role
from regie.core import policy
from regie.core.dates import short_date
from regie.core.forms import respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings.actions.views import series_context, series_or_404
from regie.meetings.forward import selectors, services
from regie.meetings.forward.forms import PlanForm, TermItemForm
from regie.meetings.models import MeetingSeries, TermItem
from regie.meetings.vocabulary import Meetings
from regie.organisations.models import Team

# --- Termijnagenda ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermItemRow:
    """A row of the termijnagenda: the item, whether its period passed without a date, and
    the roles it is for in words."""

    item: TermItem
    overdue: bool
    role_labels: list[str]


def term_rows(items: list[TermItem], today: dt.date) -> list[TermItemRow]:
    roles = dict(Role.choices)
    return [
        TermItemRow(
            item,
            selectors.term_item_overdue(item, today),
            [str(roles.get(role, role)) for role in item.audience_roles or []],
        )
        for item in items
    ]


@requires(Meetings.ACTIONS, personal_data=True, target=MeetingSeries)
def term_agenda(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    include_past = request.GET.get("verleden") == "1"
    today = timezone.localdate()
    items = selectors.term_agenda(series, include_past=include_past)
    return render(
        request,
        "meetings/calendar/term_agenda.html",
        {
            **series_context(series, "term"),
            "rows": term_rows(items, today),
            "include_past": include_past,
            "today": today,
            "may_manage": policy.permits(request.user, Meetings.MANAGE, series),
        },
    )


def _teams_for(series: MeetingSeries) -> Any:
    # The audience is chosen from the teams of the series' own organisation(s).
    organisations = {series.team.organisation_id}
    return Team.objects.filter(organisation_id__in=organisations).order_by("name")


@requires(Meetings.ACTIONS, personal_data=True, target=MeetingSeries)
def term_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    policy.check(request.user, Meetings.MANAGE, series)
    form = TermItemForm(
        request.POST or None,
        meetings=series.meetings.order_by("-date", "-id"),
        teams=_teams_for(series),
    )
    added = request.method == "POST" and (
        submit(
            form,
            lambda data: services.add_term_item(
                series,
                actor=request.user,
                subject=data["subject"],
                kind=data["kind"],
                when_text=data["when_text"],
                dates=data["dates"],
                to_plan=data["to_plan"],
                audience_teams=list(data["audience_teams"]),
                audience_roles=data["audience_roles"],
                meeting=data["meeting"],
            ),
        ).ok
    )
    if added:
        messages.success(request, _("Added to the termijnagenda."))
        return redirect("meetings:term_agenda", pk=series.pk)
    return respond(
        request, "meetings/calendar/term_form.html", series_context(series, "term"), form=form
    )


@requires(Meetings.ACTIONS, personal_data=True, target=TermItem)
def term_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = policy.get_for_user(request.user, TermItem, pk=pk)
    series = item.series
    policy.check(request.user, Meetings.MANAGE, series)
    initial = {"dates": ", ".join(short_date(d.date) for d in item.dates.all())}
    form = PlanForm(request.POST or None, initial=initial)
    planned = request.method == "POST" and (
        submit(
            form, lambda data: services.plan_term_item(item, data["dates"], actor=request.user)
        ).ok
    )
    if planned:
        messages.success(request, _("Dates planned."))
        return redirect(reverse("meetings:term_agenda", args=[series.pk]) + f"#term-{item.pk}")
    context = {**series_context(series, "term"), "item": item}
    return respond(request, "meetings/calendar/term_plan.html", context, form=form)


# --- Calendar feeds -----------------------------------------------------------------------------
