"""The meeting pages: the series list, a series with its meetings, and the meeting itself with its
attendance, agenda, minutes, decisions and the adoption of earlier minutes.

Every write goes through ``services`` (which checks the policy and audits); the views load the
object through ``policy.get_for_user`` first, so an invisible object is a 404 and a visible one
the user may not change is a 403. Bad input comes back as form errors on the meeting page, a
concurrent edit as a clear message (409), never as a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.core import policy
from regie.core.dates import long_date
from regie.core.forms import Submitted, respond
from regie.core.forms import submit as submit_form
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings import rules
from regie.meetings.minutes import selectors, services
from regie.meetings.minutes.forms import (
    AdoptionForm,
    ErratumForm,
    MeetingForm,
    SeriesForm,
)
from regie.meetings.minutes.views.display import meeting_page
from regie.meetings.minutes.views.shared import MANAGE, VIEW
from regie.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    MinutePoint,
)
from regie.meetings.vocabulary import Meetings
from regie.meetings.web import error_messages, one_button
from regie.organisations.models import Team

if TYPE_CHECKING:
    from regie.accounts.models import User

T = TypeVar("T")

# --- Loading objects ----------------------------------------------------------------------------


def _meeting(request: AuthenticatedRequest, pk: int, action: Meetings | None = None) -> Meeting:
    return policy.get_for_user(
        request.user,
        Meeting.objects.select_related("series", "chair", "minute_taker"),
        action=action,
        pk=pk,
    )


def _item(request: AuthenticatedRequest, pk: int) -> AgendaItem:
    item = policy.get_for_user(
        request.user, AgendaItem.objects.select_related("meeting__series"), pk=pk
    )
    policy.check(request.user, MANAGE, item.meeting)
    return item


def _point(request: AuthenticatedRequest, pk: int) -> MinutePoint:
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


def _decision(request: AuthenticatedRequest, pk: int) -> Decision:
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


# --- Index and series ---------------------------------------------------------------------------


def _manageable_teams(user: User) -> Any:
    return Team.objects.filter(pk__in=rules.managing_team_ids(user)).order_by("name")


@requires(VIEW, personal_data=True)
def index(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    series = list(selectors.series_for(user))
    upcoming = selectors.next_meetings(user, series)
    rows = [(s, upcoming.get(s.pk)) for s in series]
    guest = selectors.guest_meetings_outside(user, series)
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
def series_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SeriesForm(request.POST, teams=_manageable_teams(request.user), prefix="series")
    created = submit_form(
        form,
        lambda data: services.create_series(
            actor=request.user,
            name=data["name"],
            team=data["team"],
            default_location=data["default_location"],
        ),
    )
    if created.value is not None:
        messages.success(request, _("Series created."))
        return redirect("meetings:series", pk=created.value.pk)
    series = list(selectors.series_for(request.user))
    return render(
        request,
        "meetings/index.html",
        {"rows": [(s, None) for s in series], "guest_meetings": [], "series_form": form},
        status=400,
    )


@requires(VIEW, personal_data=True, target=MeetingSeries)
def series(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = policy.get_for_user(request.user, MeetingSeries, action=MANAGE, pk=pk)
    members = selectors.series_members(found)
    form = MeetingForm(
        request.POST or None,
        members=members,
        creating=True,
        initial={"location": found.default_location, "date": timezone.localdate()},
    )
    if request.method == "POST":
        made = submit_form(
            form,
            lambda _data: services.create_meeting(
                found, actor=request.user, **form.meeting_fields()
            ),
        )
        if made.value is not None:
            messages.success(request, _("Meeting created from the standing agenda."))
            return redirect("meetings:meeting", pk=made.value.pk)
    return respond(request, "meetings/meeting_form.html", {"series": found}, form=form)


# --- The meeting page ---------------------------------------------------------------------------


def _meeting_page(
    request: AuthenticatedRequest,
    meeting: Meeting,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render the meeting (``display.meeting_page``); ``bound`` holds an adoption or erratum
    form that failed, by its key."""
    context = meeting_page(request.user, meeting, bound)
    return render(request, "meetings/meeting.html", context, status=status)


@requires(VIEW, personal_data=True, target=Meeting)
def meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


def _lifecycle_post(
    request: HttpRequest, form: forms.Form, call: Callable[[Mapping[str, Any]], T]
) -> Submitted[T]:
    """Run a post of the meeting page's own forms (adoption, erratum); a refusal is said also
    at the top, since the form may not be on the page (e.g. once the minutes are locked)."""
    if not form.is_valid():
        messages.error(request, _("Not saved: see the form below."))
        return Submitted(False)
    done = submit_form(form, call)
    if not done.ok:
        messages.error(request, " ".join(error_messages(form)))
    return done


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def attendee_remove(request: AuthenticatedRequest, pk: int, attendee: int) -> HttpResponse:
    """Take someone off the list (invited by mistake). The service refuses it on locked
    minutes and for a speaker of a point, with a message that says why."""
    found = _meeting(request, pk, MANAGE)
    row = found.attendees.filter(pk=attendee).first()
    if row is None:
        raise Http404
    done = _("%(name)s is no longer on the list.") % {"name": row.display_name}
    one_button(request, lambda: services.remove_attendee(row, actor=request.user), done)
    return redirect(_meeting_url(found, "aanwezigheid"))


# --- Agenda -------------------------------------------------------------------------------------


def _simple(
    request: HttpRequest, item_or_meeting_url: str, call: Callable[[], object], done: str
) -> HttpResponse:
    """Run a one-button action; a refusal by the rules of the minutes shows as a message."""
    one_button(request, call, done)
    return redirect(item_or_meeting_url)


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def item_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _simple(
        request,
        _meeting_url(item.meeting, "agenda"),
        lambda: services.remove_item(item, actor=request.user),
        _("Agenda item removed."),
    )


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_defer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def point_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    return _simple(
        request,
        _item_url(point.item),
        lambda: services.remove_point(point, actor=request.user),
        _("Point removed."),
    )


@requires(VIEW, personal_data=True, target=Decision)
@require_POST
def decision_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    return _simple(
        request,
        _meeting_url(found),
        lambda: services.submit_minutes(found, actor=request.user),
        _("The minutes were sent to the attendees for adoption at the next meeting."),
    )


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    return _simple(
        request,
        _meeting_url(found),
        lambda: services.withdraw_minutes(found, actor=request.user),
        _("The minutes are a draft again."),
    )


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def adopt(request: AuthenticatedRequest, pk: int, minutes_of: int) -> HttpResponse:
    """Record, at this meeting, what happened to earlier minutes."""
    found = _meeting(request, pk, MANAGE)
    earlier = policy.get_for_user(request.user, Meeting, pk=minutes_of)
    form = AdoptionForm(request.POST, prefix=f"adopt{earlier.pk}")
    adopted = _lifecycle_post(
        request,
        form,
        lambda data: services.record_adoption(
            earlier, found, data["outcome"], actor=request.user, changes=data["changes"]
        ),
    )
    if adopted.value is None:
        return _meeting_page(request, found, bound={f"adopt-{earlier.pk}": form}, status=400)
    adoption = adopted.value
    messages.success(
        request,
        _("Minutes of %(date)s: %(outcome)s.")
        % {"date": long_date(earlier.date), "outcome": adoption.get_outcome_display()},
    )
    return redirect(_meeting_url(found, "vorig-verslag"))


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def erratum(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    form = ErratumForm(request.POST)
    recorded = _lifecycle_post(
        request,
        form,
        lambda data: services.add_erratum(found, actor=request.user, text=data["text"]),
    )
    if not recorded.ok:
        return _meeting_page(request, found, bound={"erratum": form}, status=400)
    messages.success(request, _("Erratum recorded."))
    return redirect(_meeting_url(found, "errata"))
