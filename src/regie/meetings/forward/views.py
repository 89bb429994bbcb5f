"""The termijnagenda (forward agenda) of a series: the list, adding an item, planning it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import Role
from regie.core import policy
from regie.core.dates import short_date
from regie.core.policy import requires
from regie.meetings import selectors
from regie.meetings.actions.views import series_context, series_or_404
from regie.meetings.forward import services
from regie.meetings.forward.forms import PlanForm, TermItemForm
from regie.meetings.models import MeetingSeries, TermItem
from regie.meetings.vocabulary import Meetings
from regie.organisations.models import Team

# --- Termijnagenda ------------------------------------------------------------------------------


@requires(Meetings.ACTIONS, personal_data=True, target=MeetingSeries)
def term_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    include_past = request.GET.get("verleden") == "1"
    today = timezone.localdate()
    items = selectors.term_agenda(series, include_past=include_past)
    roles = dict(Role.choices)
    for item in items:
        item.overdue = selectors.term_item_overdue(item, today)  # type: ignore[attr-defined]
        item.role_labels = [  # type: ignore[attr-defined]
            roles.get(role, role) for role in item.audience_roles or []
        ]
    return render(
        request,
        "meetings/calendar/term_agenda.html",
        {
            **series_context(series, "term"),
            "items": items,
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
def term_add(request: HttpRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    policy.check(request.user, Meetings.MANAGE, series)
    form = TermItemForm(
        request.POST or None,
        meetings=series.meetings.order_by("-date", "-id"),
        teams=_teams_for(series),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_term_item(
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
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Added to the termijnagenda."))
            return redirect("meetings:term_agenda", pk=series.pk)
    return render(
        request,
        "meetings/calendar/term_form.html",
        {**series_context(series, "term"), "form": form},
        status=400 if form.errors else 200,
    )


@requires(Meetings.ACTIONS, personal_data=True, target=TermItem)
def term_plan(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_for_user(request.user, TermItem, pk=pk)
    series = item.series
    policy.check(request.user, Meetings.MANAGE, series)
    initial = {"dates": ", ".join(short_date(d.date) for d in item.dates.all())}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_term_item(item, form.cleaned_data["dates"], actor=request.user)
        except ValidationError as exc:
            form.add_error("dates", exc)
        else:
            messages.success(request, _("Dates planned."))
            return redirect(reverse("meetings:term_agenda", args=[series.pk]) + f"#term-{item.pk}")
    return render(
        request,
        "meetings/calendar/term_plan.html",
        {**series_context(series, "term"), "item": item, "form": form},
        status=400 if form.errors else 200,
    )


# --- Calendar feeds -----------------------------------------------------------------------------
