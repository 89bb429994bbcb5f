"""The meeting pages: the series list, a series with its meetings, and the meeting itself with its
attendance, agenda, minutes, decisions and the adoption of earlier minutes.

Every write goes through ``services`` (which checks the policy and audits); the views load the
object through ``policy.get_for_user`` first, so an invisible object is a 404 and a visible one
the user may not change is a 403. Bad input comes back as form errors on the meeting page, a
concurrent edit as a clear message (409), never as a 500.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.core import policy
from regie.core.dates import long_date
from regie.core.policy import requires
from regie.meetings import documents, rules, selectors
from regie.meetings.minutes import services
from regie.meetings.minutes.forms import (
    AdoptionForm,
    ErratumForm,
    MeetingForm,
    SeriesForm,
)
from regie.meetings.minutes.views import items as views_items
from regie.meetings.models import (
    STANDING_PREVIOUS_MINUTES,
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    MinutePoint,
)
from regie.meetings.vocabulary import Meetings
from regie.organisations.models import Team

VIEW = Meetings.VIEW
MANAGE = Meetings.MANAGE


def _conflict_message() -> str:
    return _(
        "Someone else changed this meeting in the meantime. Your changes were not saved; "
        "the page now shows the current version."
    )


# --- Loading objects ----------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int, action: Meetings | None = None) -> Meeting:
    return policy.get_for_user(
        request.user,
        Meeting.objects.select_related("series", "chair", "minute_taker"),
        action=action,
        pk=pk,
    )


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    item = policy.get_for_user(
        request.user, AgendaItem.objects.select_related("meeting__series"), pk=pk
    )
    policy.check(request.user, MANAGE, item.meeting)
    return item


def _point(request: HttpRequest, pk: int) -> MinutePoint:
    # Points have no scope of their own: they are as visible as their agenda item.
    item = policy.get_for_user(
        request.user, AgendaItem.objects.select_related("meeting__series"), points=pk
    )
    policy.check(request.user, MANAGE, item.meeting)
    point = item.points.filter(pk=pk).first()
    if point is None:
        raise Http404
    point.item = item
    return point


def _decision(request: HttpRequest, pk: int) -> Decision:
    decision = policy.get_for_user(
        request.user, Decision.objects.select_related("meeting__series", "item"), pk=pk
    )
    policy.check(request.user, MANAGE, decision.meeting)
    return decision


def _meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:meeting", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def _item_url(item: AgendaItem) -> str:
    return _meeting_url(item.meeting, f"agendapunt-{item.pk}")


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


# --- Index and series ---------------------------------------------------------------------------


def _manageable_teams(user: Any) -> Any:
    return Team.objects.filter(pk__in=rules.managing_team_ids(user)).order_by("name")


@requires(VIEW, personal_data=True)
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    series = list(selectors.series_for(user))
    today = timezone.localdate()
    upcoming: dict[int, Meeting] = {}
    for meeting in (
        policy.visible(user, Meeting)
        .filter(series__in=[s.pk for s in series], date__gte=today)
        .order_by("date", "id")
    ):
        upcoming.setdefault(meeting.series_id, meeting)
    rows = [(s, upcoming.get(s.pk)) for s in series]
    guest = list(
        rules.guest_meetings(user)
        .exclude(series__in=[s.pk for s in series])
        .select_related("series")
        .order_by("-date", "-id")
    )
    may_create = policy.permits(user, MANAGE)
    form = None
    if may_create:
        form = SeriesForm(teams=_manageable_teams(user), prefix="series")
    return render(
        request,
        "meetings/index.html",
        {"rows": rows, "guest_meetings": guest, "series_form": form},
    )


@requires(MANAGE, personal_data=True)
@require_POST
def series_create(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST, teams=_manageable_teams(request.user), prefix="series")
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_series(
                actor=request.user,
                name=data["name"],
                team=data["team"],
                default_location=data["default_location"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Series created."))
            return redirect("meetings:series", pk=created.pk)
    series = list(selectors.series_for(request.user))
    return render(
        request,
        "meetings/index.html",
        {"rows": [(s, None) for s in series], "guest_meetings": [], "series_form": form},
        status=400,
    )


@requires(VIEW, personal_data=True, target=MeetingSeries)
def series(request: HttpRequest, pk: int) -> HttpResponse:
    found = policy.get_for_user(request.user, MeetingSeries, pk=pk)
    return render(
        request,
        "meetings/series.html",
        {
            "series": found,
            "meetings": list(selectors.meetings_of(request.user, found)),
            "may_manage": policy.permits(request.user, MANAGE, found),
            "today": timezone.localdate(),
        },
    )


@requires(VIEW, personal_data=True, target=MeetingSeries)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    found = policy.get_for_user(request.user, MeetingSeries, action=MANAGE, pk=pk)
    members = selectors.series_members(found)
    form = MeetingForm(
        request.POST or None,
        members=members,
        creating=True,
        initial={"location": found.default_location, "date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.create_meeting(found, actor=request.user, **form.meeting_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Meeting created from the standing agenda."))
            return redirect("meetings:meeting", pk=made.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"series": found, "form": form},
        status=400 if form.errors else 200,
    )


# --- The meeting page ---------------------------------------------------------------------------


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render the meeting, read-only but for links that open one section's form at a time
    (``views_sections``); ``bound`` holds an adoption or erratum form that failed, by its key."""
    user = request.user
    bound = bound or {}
    view = selectors.meeting_view(user, meeting)
    may_manage = not view.guest and policy.permits(user, MANAGE, meeting)
    may_edit = may_manage and policy.permits(user, Meetings.EDIT_MINUTES, meeting)
    may_erratum = may_manage and policy.permits(user, Meetings.MINUTES_ERRATUM, meeting)
    for item in view.items:
        views_items.decorate(item)
    # Adopted minutes show the actielijst and termijnagenda as adopted (the snapshot), not as
    # the lists stand today; minutes adopted before snapshots existed fall back to live data.
    adopted = meeting.adopted_document if meeting.is_adopted and not view.guest else None
    context = {
        "view": view,
        "meeting": meeting,
        "adopted_actions": documents.action_rows(adopted) if adopted else None,
        "adopted_terms": documents.term_rows(adopted) if adopted else None,
        "series": meeting.series,
        "guest": view.guest,
        "may_manage": may_manage,
        "may_edit": may_edit,
        "may_erratum": may_erratum,
        "erratum_form": bound.get("erratum") or (ErratumForm() if may_erratum else None),
        "adoption_forms": [
            (m, bound.get(f"adopt-{m.pk}") or AdoptionForm(prefix=f"adopt{m.pk}"))
            for m in (view.pending_minutes if may_edit else [])
        ],
        "adoptions_made": []
        if view.guest
        else list(meeting.adoptions_made.select_related("minutes_of").order_by("recorded_at")),
        "adoptions": selectors.adoptions_of(user, meeting, guest=view.guest),
        "errata": list(meeting.errata.order_by("recorded_at", "id")),
        "previous_minutes_key": STANDING_PREVIOUS_MINUTES,
        "today": timezone.localdate(),
        "starts_at": services.starts_at_text(meeting),
    }
    return render(request, "meetings/meeting.html", context, status=status)


@requires(VIEW, personal_data=True, target=Meeting)
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


def _fail(
    request: HttpRequest, meeting: Meeting, key: str, form: forms.Form, exc: ValidationError | None
) -> HttpResponse:
    if exc is not None:
        form.add_error(None, exc)
        # Also at the top: the form may not be on the page (e.g. once the minutes are locked).
        messages.error(request, _error_text(exc))
    else:
        messages.error(request, _("Not saved: see the form below."))
    return _meeting_page(request, meeting, bound={key: form}, status=400)


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def attendee_remove(request: HttpRequest, pk: int, attendee: int) -> HttpResponse:
    """Take someone off the list (invited by mistake). The service refuses it on locked
    minutes and for a speaker of a point, with a message that says why."""
    found = _meeting(request, pk, MANAGE)
    row = found.attendees.filter(pk=attendee).first()
    if row is None:
        raise Http404
    name = row.display_name
    try:
        services.remove_attendee(row, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("%(name)s is no longer on the list.") % {"name": name})
    return redirect(_meeting_url(found, "aanwezigheid"))


# --- Agenda -------------------------------------------------------------------------------------


def _simple(request: HttpRequest, item_or_meeting_url: str, call: Any, done: str) -> HttpResponse:
    """Run a one-button action; a refusal by the rules of the minutes shows as a message."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)
    return redirect(item_or_meeting_url)


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    up = request.POST.get("direction") != "down"
    return _simple(
        request,
        _item_url(item),
        lambda: services.move_item(item, actor=request.user, up=up),
        _("Agenda renumbered."),
    )


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _simple(
        request,
        _meeting_url(item.meeting, "agenda"),
        lambda: services.remove_item(item, actor=request.user),
        _("Agenda item removed."),
    )


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_defer(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    deferred = request.POST.get("deferred") == "1"
    return _simple(
        request,
        _item_url(item),
        lambda: services.defer_item(item, actor=request.user, deferred=deferred),
        _("Deferred to the next meeting.") if deferred else _("No longer deferred."),
    )


# --- Minutes: points and decisions -------------------------------------------------------------


@requires(VIEW, personal_data=True, target=MinutePoint)
@require_POST
def point_remove(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    return _simple(
        request,
        _item_url(point.item),
        lambda: services.remove_point(point, actor=request.user),
        _("Point removed."),
    )


@requires(VIEW, personal_data=True, target=Decision)
@require_POST
def decision_remove(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    return _simple(
        request,
        _item_url(decision.item),
        lambda: services.remove_decision(decision, actor=request.user),
        _("Decision removed."),
    )


# --- Minutes lifecycle --------------------------------------------------------------------------


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    return _simple(
        request,
        _meeting_url(found),
        lambda: services.submit_minutes(found, actor=request.user),
        _("The minutes were sent to the attendees for adoption at the next meeting."),
    )


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    return _simple(
        request,
        _meeting_url(found),
        lambda: services.withdraw_minutes(found, actor=request.user),
        _("The minutes are a draft again."),
    )


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def adopt(request: HttpRequest, pk: int, minutes_of: int) -> HttpResponse:
    """Record, at this meeting, what happened to earlier minutes."""
    found = _meeting(request, pk, MANAGE)
    earlier = policy.get_for_user(request.user, Meeting, pk=minutes_of)
    form = AdoptionForm(request.POST, prefix=f"adopt{earlier.pk}")
    key = f"adopt-{earlier.pk}"
    if not form.is_valid():
        return _fail(request, found, key, form, None)
    try:
        adoption = services.record_adoption(
            earlier,
            found,
            form.cleaned_data["outcome"],
            actor=request.user,
            changes=form.cleaned_data["changes"],
        )
    except ValidationError as exc:
        return _fail(request, found, key, form, exc)
    messages.success(
        request,
        _("Minutes of %(date)s: %(outcome)s.")
        % {"date": long_date(earlier.date), "outcome": adoption.get_outcome_display()},
    )
    return redirect(_meeting_url(found, "vorig-verslag"))


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def erratum(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    form = ErratumForm(request.POST)
    if not form.is_valid():
        return _fail(request, found, "erratum", form, None)
    try:
        services.add_erratum(found, actor=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return _fail(request, found, "erratum", form, exc)
    messages.success(request, _("Erratum recorded."))
    return redirect(_meeting_url(found, "errata"))
