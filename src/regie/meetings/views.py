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
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.accounts.models import PARTNER_ROLES, Membership
from regie.core import policy
from regie.core.policy import requires
from regie.meetings import documents, rules, selectors, services
from regie.meetings.forms import (
    AdoptionForm,
    DecisionForm,
    ErratumForm,
    InviteForm,
    ItemEditForm,
    ItemForm,
    MeetingForm,
    PointEditForm,
    PointForm,
    PresenceForm,
    SeriesForm,
    TransferForm,
    speaker_choices,
)
from regie.meetings.models import (
    STANDING_PREVIOUS_MINUTES,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    MeetingSeries,
    MinutePoint,
)
from regie.organisations.models import Team

VIEW = "meetings.view"
MANAGE = "meetings.manage"


def _conflict_message() -> str:
    return _(
        "Someone else changed this meeting in the meantime. Your changes were not saved; "
        "the page now shows the current version."
    )


# --- Loading objects ----------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int, action: str | None = None) -> Meeting:
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
                request.user,
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
            made = services.create_meeting(request.user, found, **form.meeting_fields())
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


def _details_form(meeting: Meeting, data: Any = None) -> MeetingForm:
    return MeetingForm(
        data,
        members=selectors.series_members(meeting.series),
        prefix="details",
        initial={
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "location": meeting.location,
            "online_url": meeting.online_url,
            "chair": meeting.chair,
            "minute_taker": meeting.minute_taker,
            "version": meeting.version,
        },
    )


def invitable_users(meeting: Meeting) -> Any:
    """The people one would invite, not the whole directory: active users with a current
    membership in an organisation of the series' teams (colleagues), or in a partner role
    (district project leaders, designated contacts, partner organisation users) anywhere.
    Documented in docs/permissions.md (Meetings)."""
    series = meeting.series
    organisations = Team.objects.filter(
        Q(pk=series.team_id) | Q(pk__in=series.other_teams.values("pk"))
    ).values("organisation_id")
    today = timezone.localdate()
    current = Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        starts_on__lte=today,
        organisation__is_active=True,
    ).filter(Q(organisation_id__in=organisations) | Q(role__in=PARTNER_ROLES))
    invited = Attendee.objects.filter(meeting=meeting, user__isnull=False).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=current.values("user_id"))
        .exclude(pk__in=invited)
        .order_by("last_name", "first_name", "username")
    )


def _invite_form(meeting: Meeting, data: Any = None) -> InviteForm:
    return InviteForm(data, users=invitable_users(meeting), prefix="invite")


def _transfer_targets(meeting: Meeting) -> list[Meeting]:
    return list(
        Meeting.objects.filter(series_id=meeting.series_id)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.ADOPTED)
        .order_by("-date", "-id")
    )


def _item_initial(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "kind": item.kind,
        "confidential": item.confidential,
        "notes": item.notes,
    }


def _item_meta(item: AgendaItem) -> list[str]:
    """Presenter, duration and type, as far as they say something."""
    meta = []
    if item.presenter:
        meta.append(_("Presenter: %(name)s") % {"name": item.presenter})
    if item.duration_minutes:
        meta.append(_("%(minutes)s min.") % {"minutes": item.duration_minutes})
    if item.kind != AgendaItem.Kind.STANDARD:
        meta.append(str(item.get_kind_display()).capitalize())
    return meta


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    """Render the meeting; ``bound`` holds the one form that failed, by its key, so its errors
    show in place while every other form is fresh."""
    user = request.user
    bound = bound or {}
    view = selectors.meeting_view(user, meeting)
    may_manage = not view.guest and policy.permits(user, MANAGE, meeting)
    may_edit = may_manage and policy.permits(user, "meetings.edit_minutes", meeting)
    may_erratum = may_manage and policy.permits(user, "meetings.erratum", meeting)
    speakers = speaker_choices(view.speakers)
    for item in view.items:
        vars(item)["meta"] = _item_meta(item)
    if may_edit:
        # The forms ride on the rows the template loops over; vars() because the models do
        # not declare these attributes.
        targets = _transfer_targets(meeting)
        for item in view.items:
            vars(item).update(
                edit_form=bound.get(f"item-{item.pk}")
                or ItemEditForm(initial=_item_initial(item), prefix=f"item{item.pk}"),
                point_form=bound.get(f"point-{item.pk}")
                or PointForm(speakers=speakers, prefix=f"point{item.pk}"),
                decision_form=bound.get(f"decision-{item.pk}")
                or DecisionForm(prefix=f"decision{item.pk}"),
                transfer_form=bound.get(f"transfer-{item.pk}")
                or TransferForm(targets=targets, prefix=f"transfer{item.pk}"),
            )
            for point in item.points.all():
                vars(point)["edit_form"] = bound.get(f"pointedit-{point.pk}") or PointEditForm(
                    speakers=speakers,
                    prefix=f"pt{point.pk}",
                    initial={"speaker": point.speaker_id or "", "text": point.text},
                )
        for attendee in view.attendees:
            vars(attendee)["presence_form"] = bound.get(f"presence-{attendee.pk}") or PresenceForm(
                prefix=f"att{attendee.pk}",
                initial={"presence": attendee.presence, "absence_reason": attendee.absence_reason},
            )
    adoption_forms: list[tuple[Meeting, forms.Form]] = []
    if may_edit:
        adoption_forms = [
            (m, bound.get(f"adopt-{m.pk}") or AdoptionForm(prefix=f"adopt{m.pk}"))
            for m in view.pending_minutes
        ]
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
        "conflict": conflict,
        "details_form": bound.get("details") or (_details_form(meeting) if may_edit else None),
        "invite_form": bound.get("invite") or (_invite_form(meeting) if may_edit else None),
        "item_form": bound.get("item_add") or (ItemForm(prefix="newitem") if may_edit else None),
        "erratum_form": bound.get("erratum") or (ErratumForm() if may_erratum else None),
        "adoption_forms": adoption_forms,
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
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    form = _details_form(found, request.POST)
    if not form.is_valid():
        return _fail(request, found, "details", form, None)
    try:
        services.update_meeting(
            request.user,
            found,
            expected_version=form.cleaned_data["version"],
            **form.meeting_fields(),
        )
    except services.Conflict:
        messages.error(request, _conflict_message())
        return _meeting_page(request, _meeting(request, pk), conflict=True, status=409)
    except ValidationError as exc:
        return _fail(request, found, "details", form, exc)
    messages.success(request, _("Meeting details saved."))
    return redirect(_meeting_url(found))


# --- Attendance ---------------------------------------------------------------------------------


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    form = _invite_form(found, request.POST)
    if not form.is_valid():
        return _fail(request, found, "invite", form, None)
    data = form.cleaned_data
    try:
        services.invite(
            request.user,
            found,
            user=data["user"],
            name=data["name"],
            organisation_name=data["organisation_name"],
            role_title=data["role_title"],
            kind=data["kind"],
        )
    except ValidationError as exc:
        return _fail(request, found, "invite", form, exc)
    messages.success(request, _("Invited."))
    return redirect(_meeting_url(found, "aanwezigheid"))


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def presence(request: HttpRequest, pk: int, attendee: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    row = found.attendees.select_related("user").filter(pk=attendee).first()
    if row is None:
        raise Http404
    form = PresenceForm(request.POST, prefix=f"att{row.pk}")
    key = f"presence-{row.pk}"
    htmx = bool(getattr(request, "htmx", False))
    error: ValidationError | None = None
    if form.is_valid():
        try:
            services.set_presence(
                request.user,
                row,
                form.cleaned_data["presence"],
                absence_reason=form.cleaned_data["absence_reason"],
            )
        except ValidationError as exc:
            error = exc
    if htmx:
        # The row's own status line: a short confirmation or what is wrong.
        if error is None and form.is_valid():
            return HttpResponse(format_html('<span class="regie-result">{}</span>', _("Saved")))
        problem = (
            _error_text(error)
            if error
            else " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return HttpResponse(
            format_html('<span class="regie-result regie-result--denied">{}</span>', problem)
        )
    if error is not None or not form.is_valid():
        return _fail(request, found, key, form, error)
    messages.success(request, _("Attendance of %(name)s saved.") % {"name": row.display_name})
    return redirect(_meeting_url(found, "aanwezigheid"))


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
        services.remove_attendee(request.user, row)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("%(name)s is no longer on the list.") % {"name": name})
    return redirect(_meeting_url(found, "aanwezigheid"))


# --- Agenda -------------------------------------------------------------------------------------


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    form = ItemForm(request.POST, prefix="newitem")
    if not form.is_valid():
        return _fail(request, found, "item_add", form, None)
    try:
        item = services.add_item(request.user, found, **form.cleaned_data)
    except ValidationError as exc:
        return _fail(request, found, "item_add", form, exc)
    messages.success(request, _("Agenda item added."))
    return redirect(_item_url(item))


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = ItemEditForm(request.POST, prefix=f"item{item.pk}")
    key = f"item-{item.pk}"
    if not form.is_valid():
        return _fail(request, item.meeting, key, form, None)
    try:
        services.update_item(request.user, item, **form.cleaned_data)
    except ValidationError as exc:
        return _fail(request, item.meeting, key, form, exc)
    messages.success(request, _("Agenda item saved."))
    return redirect(_item_url(item))


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
        lambda: services.move_item(request.user, item, up=up),
        _("Agenda renumbered."),
    )


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = TransferForm(
        request.POST, targets=_transfer_targets(item.meeting), prefix=f"transfer{pk}"
    )
    key = f"transfer-{item.pk}"
    if not form.is_valid():
        return _fail(request, item.meeting, key, form, None)
    target = policy.get_for_user(request.user, Meeting, pk=form.cleaned_data["target"])
    try:
        if form.cleaned_data["mode"] == "move":
            copy = services.move_item_to(request.user, item, target)
            done = _("Agenda item moved to the meeting of %(date)s.")
        else:
            copy = services.copy_item(request.user, item, target)
            done = _("Agenda item copied to the meeting of %(date)s.")
    except ValidationError as exc:
        return _fail(request, item.meeting, key, form, exc)
    messages.success(request, done % {"date": f"{target.date:%d-%m-%Y}"})
    if form.cleaned_data["mode"] == "move":
        return redirect(_item_url(copy))
    return redirect(_item_url(item))


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _simple(
        request,
        _meeting_url(item.meeting, "agenda"),
        lambda: services.remove_item(request.user, item),
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
        lambda: services.defer_item(request.user, item, deferred=deferred),
        _("Deferred to the next meeting.") if deferred else _("No longer deferred."),
    )


# --- Minutes: points and decisions -------------------------------------------------------------


def _speaker(meeting: Meeting, value: str) -> Attendee | None:
    if not value:
        return None
    return meeting.attendees.filter(pk=value).first()


def _speakers_of(meeting: Meeting) -> list[tuple[str, str]]:
    rows = meeting.attendees.select_related("user").order_by("position", "id")
    return speaker_choices([a for a in rows if a.attended])


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def point_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = PointForm(request.POST, speakers=_speakers_of(item.meeting), prefix=f"point{item.pk}")
    key = f"point-{item.pk}"
    if not form.is_valid():
        return _fail(request, item.meeting, key, form, None)
    data = form.cleaned_data
    try:
        services.add_point(
            request.user,
            item,
            text=data["text"],
            heading=data["heading"],
            speaker=_speaker(item.meeting, data["speaker"]),
        )
    except ValidationError as exc:
        return _fail(request, item.meeting, key, form, exc)
    messages.success(request, _("Point added."))
    return redirect(_item_url(item))


@requires(VIEW, personal_data=True, target=MinutePoint)
@require_POST
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    meeting = point.item.meeting
    form = PointEditForm(request.POST, speakers=_speakers_of(meeting), prefix=f"pt{point.pk}")
    key = f"pointedit-{point.pk}"
    if not form.is_valid():
        return _fail(request, meeting, key, form, None)
    try:
        services.update_point(
            request.user,
            point,
            text=form.cleaned_data["text"],
            speaker=_speaker(meeting, form.cleaned_data["speaker"]),
        )
    except ValidationError as exc:
        return _fail(request, meeting, key, form, exc)
    messages.success(request, _("Point saved."))
    return redirect(_item_url(point.item))


@requires(VIEW, personal_data=True, target=MinutePoint)
@require_POST
def point_remove(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    return _simple(
        request,
        _item_url(point.item),
        lambda: services.remove_point(request.user, point),
        _("Point removed."),
    )


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = DecisionForm(request.POST, prefix=f"decision{item.pk}")
    key = f"decision-{item.pk}"
    if not form.is_valid():
        return _fail(request, item.meeting, key, form, None)
    try:
        decision = services.add_decision(request.user, item, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return _fail(request, item.meeting, key, form, exc)
    messages.success(request, _("Decision recorded."))
    return redirect(_meeting_url(item.meeting, f"besluit-{decision.pk}"))


@requires(VIEW, personal_data=True, target=Decision)
@require_POST
def decision_remove(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    return _simple(
        request,
        _item_url(decision.item),
        lambda: services.remove_decision(request.user, decision),
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
        lambda: services.submit_minutes(request.user, found),
        _("The minutes were sent to the attendees for adoption at the next meeting."),
    )


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(request, pk, MANAGE)
    return _simple(
        request,
        _meeting_url(found),
        lambda: services.withdraw_minutes(request.user, found),
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
            request.user,
            earlier,
            found,
            form.cleaned_data["outcome"],
            changes=form.cleaned_data["changes"],
        )
    except ValidationError as exc:
        return _fail(request, found, key, form, exc)
    messages.success(
        request,
        _("Minutes of %(date)s: %(outcome)s.")
        % {"date": f"{earlier.date:%d-%m-%Y}", "outcome": adoption.get_outcome_display()},
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
        services.add_erratum(request.user, found, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return _fail(request, found, "erratum", form, exc)
    messages.success(request, _("Erratum recorded."))
    return redirect(_meeting_url(found, "errata"))
