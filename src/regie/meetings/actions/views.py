"""The actielijst of a series, "Mijn acties" and the besluitenlijst.

The series pages are guarded at feature level by ``meetings.actions`` (everyone signed in) and
then by the series scope: whoever is not in one of the series' teams gets the same 404 as for a
series that does not exist, so these pages do not tell outsiders which series there are.
Writes go through the services, which check ``meetings.manage`` or
``meetings.subaction.update`` again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import policy
from regie.core.dates import long_date
from regie.core.forms import respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings.actions import selectors, services
from regie.meetings.actions.forms import (
    ActionForm,
    CompleteForm,
    DecisionSearchForm,
    EditSubActionForm,
    SubActionForm,
    subaction_formset,
)
from regie.meetings.minutes.selectors import series_members
from regie.meetings.models import Action, Decision, MeetingSeries, SubAction
from regie.meetings.vocabulary import Meetings
from regie.meetings.web import error_messages, one_button

if TYPE_CHECKING:
    from regie.accounts.models import User

STATUSES = ("open", "done", "all")


def series_or_404(request: AuthenticatedRequest, pk: int) -> MeetingSeries:
    return policy.get_for_user(request.user, MeetingSeries, pk=pk)


def series_context(series: MeetingSeries, current: str) -> dict[str, Any]:
    """What the series tabs (``meetings/_series_nav.html``) need."""
    return {"series": series, "current": current}


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Back to the page the form was on (the actielijst or Mijn acties), never off-site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _row_flags(user: User, subs: list[SubAction]) -> dict[str, set[int]]:
    """Which rows the reader may update (the policy's bulk form of meetings.update_subaction)
    and which are overdue, as sets of ids for the templates."""
    today = timezone.localdate()
    return {
        "updatable": policy.permitted(user, Meetings.SUBACTION_UPDATE, subs),
        "overdue_ids": {sub.pk for sub in subs if sub.is_overdue(today)},
    }


# --- Actielijst ---------------------------------------------------------------------------------


@requires(Meetings.ACTIONS, personal_data=True, target=MeetingSeries)
def actions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    rows = selectors.all_actions(series, status="" if status == "all" else status)
    may_manage = policy.permits(request.user, Meetings.MANAGE, series)
    flags = _row_flags(request.user, [sub for action in rows for sub in action.subactions.all()])
    return render(
        request,
        "meetings/actions/list.html",
        {
            **series_context(series, "actions"),
            "rows": rows,
            "status": status,
            "statuses": [("open", _("Open")), ("done", _("Done")), ("all", _("All"))],
            "may_manage": may_manage,
            "today": timezone.localdate(),
            **flags,
        },
    )


def _members(series: MeetingSeries) -> Any:
    return series_members(series)


@requires(Meetings.ACTIONS, personal_data=True, target=MeetingSeries)
def action_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    policy.check(request.user, Meetings.MANAGE, series)
    data = request.POST if request.method == "POST" else None
    meetings = series.meetings.order_by("-date", "-id")
    form = ActionForm(data, meetings=meetings)
    formset = subaction_formset(data, members=_members(series))
    if data is not None and formset.is_valid():
        added = submit(
            form,
            lambda cleaned: services.add_action(
                series,
                actor=request.user,
                subject=cleaned["subject"],
                meeting=cleaned["meeting"],
                raised_on=cleaned["raised_on"],
                subactions=[
                    services.SubActionInput(
                        description=sub.cleaned_data["description"],
                        owners=sub.owner_list(),
                        due_text=sub.cleaned_data.get("due_text", ""),
                    )
                    for sub in formset.filled()
                ],
            ),
        )
        if added.ok:
            messages.success(request, _("Action added to the actielijst."))
            return redirect("meetings:actions", pk=series.pk)
    return render(
        request,
        "meetings/actions/action_form.html",
        {**series_context(series, "actions"), "form": form, "formset": formset},
        status=400 if data is not None else 200,
    )


def _action_or_404(request: AuthenticatedRequest, pk: int) -> Action:
    """Actions have no scope of their own: they are visible with their series."""
    action = Action.objects.filter(pk=pk).first()
    if action is None:
        raise Http404
    action.series = series_or_404(request, action.series_id)
    return action


@requires(Meetings.ACTIONS, personal_data=True, target=Action)
def subaction_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request, pk)
    series = action.series
    policy.check(request.user, Meetings.MANAGE, series)
    form = SubActionForm(request.POST or None, members=_members(series))
    if request.method == "POST":
        added = submit(
            form,
            lambda data: services.add_subaction(
                action,
                services.SubActionInput(
                    description=data["description"],
                    owners=form.owner_list(),
                    due_text=data.get("due_text", ""),
                ),
                actor=request.user,
            ),
        )
        if added.ok:
            messages.success(request, _("Sub-action added."))
            return redirect(reverse("meetings:actions", args=[series.pk]) + f"#actie-{action.pk}")
    context = {**series_context(series, "actions"), "action": action, "sub": None}
    return respond(request, "meetings/actions/subaction_form.html", context, form=form)


def _subaction_or_404(request: AuthenticatedRequest, pk: int) -> SubAction:
    # The scope is a distinct queryset, so it is passed as the model and the series read after.
    sub = policy.get_for_user(request.user, SubAction, pk=pk)
    return SubAction.objects.select_related("action__series").get(pk=sub.pk)


def _owner_initial(sub: SubAction) -> dict[str, Any]:
    owners = list(sub.owners.all())
    return {
        "description": sub.description,
        "due_text": sub.due_text,
        "owners": [o.user_id for o in owners if o.user_id is not None],
        "other_owners": ", ".join(o.name for o in owners if o.user_id is None),
        "version": sub.version,
    }


@requires(Meetings.ACTIONS, personal_data=True, target=SubAction)
def subaction_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sub = _subaction_or_404(request, pk)
    series = sub.action.series
    policy.check(request.user, Meetings.MANAGE, series)
    form = EditSubActionForm(
        request.POST or None, members=_members(series), initial=_owner_initial(sub)
    )
    saved = request.method == "POST" and (
        submit(
            form,
            lambda data: services.update_subaction(
                sub,
                actor=request.user,
                description=data["description"],
                due_text=data.get("due_text", ""),
                owners=form.owner_list(),
                expected_version=data["version"],
            ),
            on_conflict=_(
                "Someone else changed this action while you were editing. "
                "Reload the page to see their change, then make yours again."
            ),
        ).ok
    )
    if saved:
        messages.success(request, _("Action saved."))
        return redirect(reverse("meetings:actions", args=[series.pk]) + f"#actie-{sub.action_id}")
    return render(
        request,
        "meetings/actions/subaction_form.html",
        {**series_context(series, "actions"), "action": sub.action, "form": form, "sub": sub},
        status=409 if form.non_field_errors() else (400 if form.errors else 200),
    )


def _after_update_url(request: AuthenticatedRequest, sub: SubAction) -> str:
    if policy.permits(request.user, Meetings.VIEW, sub.action.series):
        return reverse("meetings:actions", args=[sub.action.series_id]) + f"#actie-{sub.action_id}"
    return reverse("meetings:my_actions")


@requires(Meetings.ACTIONS, personal_data=True, target=SubAction)
@require_POST
def subaction_done(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sub = _subaction_or_404(request, pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("on", []):
            messages.error(request, str(error))
        return _back(request, _after_update_url(request, sub))
    done = submit(
        form,
        lambda data: services.complete_subaction(
            sub, actor=request.user, on=data["on"], expected_version=data.get("version")
        ),
        on_conflict=_("Someone else changed this action just now; check it again."),
    )
    if not done.ok:
        for message in error_messages(form):
            messages.error(request, message)
    elif done.value is not None:
        again = done.value
        messages.success(
            request,
            _("Done for this year; the yearly action is open again, due %(due)s.")
            % {"due": long_date(again.due_end) if again.due_end else again.due_text},
        )
    else:
        messages.success(request, _("Action marked as done."))
    return _back(request, _after_update_url(request, sub))


@requires(Meetings.ACTIONS, personal_data=True, target=SubAction)
@require_POST
def subaction_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sub = _subaction_or_404(request, pk)
    reopen = lambda: services.reopen_subaction(sub, actor=request.user)  # noqa: E731
    one_button(request, reopen, _("Action reopened."), joined=False)
    return _back(request, _after_update_url(request, sub))


# --- Mijn acties --------------------------------------------------------------------------------


@requires(Meetings.ACTIONS, personal_data=True)
def my_actions(request: AuthenticatedRequest) -> HttpResponse:
    include_done = request.GET.get("afgerond") == "1"
    today = timezone.localdate()
    rows = list(selectors.my_subactions(request.user, include_done=include_done))

    # Overdue first, then by due date (unknown and no due date last), done ones at the end.
    def order(sub: SubAction) -> tuple[Any, ...]:
        return (
            not sub.is_open,
            not sub.is_overdue(today),
            sub.due_end is None,
            sub.due_end or today,
            sub.action.raised_on,
            sub.pk,
        )

    rows.sort(key=order)
    return render(
        request,
        "meetings/actions/my_actions.html",
        {
            "rows": rows,
            "include_done": include_done,
            "today": today,
            "overdue": sum(1 for sub in rows if sub.is_overdue(today)),
            **_row_flags(request.user, rows),
        },
    )


# --- Besluitenlijst -----------------------------------------------------------------------------


def _decision_anchor(decision: Decision) -> str:
    try:
        page = reverse("meetings:meeting", args=[decision.meeting_id])
    except NoReverseMatch:  # the meeting pages are another part of the module
        page = reverse("meetings:decisions", args=[decision.meeting.series_id])
    return f"{page}#besluit-{decision.pk}"


@requires(Meetings.ACTIONS, personal_data=True, target=MeetingSeries)
def decisions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = series_or_404(request, pk)
    form = DecisionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    rows = list(selectors.decisions_of(request.user, series, query))
    return render(
        request,
        "meetings/actions/decisions.html",
        {**series_context(series, "decisions"), "rows": rows, "form": form, "query": query},
    )


@requires(Meetings.ACTIONS, personal_data=True, target=Decision)
def decision(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A stable link to one decision: it lands on the decision in its meeting's minutes, for
    whoever may see that decision (a guest of an adopted meeting too); 404 for anyone else."""
    found = policy.get_for_user(request.user, Decision, pk=pk)
    found = Decision.objects.select_related("meeting").get(pk=found.pk)
    return HttpResponseRedirect(_decision_anchor(found))
