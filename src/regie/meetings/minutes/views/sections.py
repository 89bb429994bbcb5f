"""The editable sections of the meeting page: the meeting's details, the attendance, the new
agenda item, and each agenda item with its minutes.

The meeting page itself renders no edit form: each section opens one form at a time. A GET on a
form's URL opens it (with htmx the section is swapped in place, without JavaScript the section
is a page of its own); the POST to the same URL saves it. A form with an error comes back in its
section with the focus on the faulty field, which points at its message (``aria-describedby``,
set by Django); a saved form closes its section again (htmx) or returns to the meeting page at
the section (no JavaScript). Each view loads only its own section, so an edit does not render
the whole meeting. The services check the policy and the state of the minutes again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from regie.accounts.models import PARTNER_ROLES, Membership
from regie.core import policy
from regie.core.locking import Conflict
from regie.core.policy import requires
from regie.meetings import selectors
from regie.meetings.minutes import services
from regie.meetings.minutes.forms import (
    InviteForm,
    MeetingForm,
    PresenceForm,
)
from regie.meetings.models import Attendee, Meeting
from regie.meetings.vocabulary import Meetings
from regie.organisations.models import Team

VIEW = Meetings.VIEW
MANAGE = Meetings.MANAGE

TITLES = {
    "details": gettext_lazy("Change meeting details"),
    "attendance": gettext_lazy("Record attendance"),
    "invite": gettext_lazy("Invite someone"),
    "new_item": gettext_lazy("Add an agenda item"),
    "item": gettext_lazy("Agenda item"),
}

ITEM_TITLES = {
    "edit": gettext_lazy("Change item"),
    "point": gettext_lazy("Add a point"),
    "decision": gettext_lazy("Record a decision"),
    "point_edit": gettext_lazy("Change point"),
}


# --- Shared -------------------------------------------------------------------------------------


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def focus(*forms_: forms.Form) -> None:
    """Put the focus on the first field with an error, or else on the first field of the first
    form: the field the user works on next, wherever the section is on the page."""
    fields = [
        (form, name)
        for form in forms_
        for name, field in form.fields.items()
        if not field.widget.is_hidden
    ]
    if not fields:
        return
    form, name = next(((f, n) for f, n in fields if f.is_bound and n in f.errors), fields[0])
    form.fields[name].widget.attrs["autofocus"] = True


def _errors_to_form(form: forms.Form, exc: ValidationError) -> None:
    """A refusal by the service: on the field it is about, else above the form."""
    field = exc.code if exc.code in form.fields else None
    form.add_error(field, exc.messages)


def _section(
    request: HttpRequest,
    meeting: Meeting,
    name: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    title: str | None = None,
) -> HttpResponse:
    """The section ``name`` of the meeting page: the fragment that htmx swaps in, or a page of
    its own. htmx swaps only 2xx answers, so a form with errors comes back as 200 to htmx and as
    400 without JavaScript."""
    may_edit = policy.permits(request.user, Meetings.EDIT_MINUTES, meeting)
    # Minutes that became read-only show no form: the refusal is said above the section.
    refused = list(context.pop("refused", []))
    if not may_edit:
        refused += [
            error
            for value in context.values()
            if isinstance(value, forms.Form) and value.is_bound
            for error in value.non_field_errors()
        ]
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "may_manage": True,
        "may_edit": may_edit,
        "refused": refused,
        "standalone": not _htmx(request),
        **context,
    }
    if _htmx(request):
        return render(request, f"meetings/_sections.html#{name}", context)
    context.update(partial=name, title=title or TITLES[name])
    return render(request, "meetings/section.html", context, status=status)


def _saved(
    request: HttpRequest, url: str, message: str, section: Callable[..., HttpResponse], *args: Any
) -> HttpResponse:
    """After a save: the section closed again with the confirmation in it (htmx), or back to the
    meeting page at the section with the confirmation on top."""
    if _htmx(request):
        return section(request, *args, saved=message)
    messages.success(request, message)
    return redirect(url)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return policy.get_for_user(
        request.user,
        Meeting.objects.select_related("series", "chair", "minute_taker"),
        action=MANAGE,
        pk=pk,
    )


def _url(meeting: Meeting | int, anchor: str) -> str:
    pk = meeting if isinstance(meeting, int) else meeting.pk
    return f"{reverse('meetings:meeting', args=[pk])}#{anchor}"


# --- The meeting's details ----------------------------------------------------------------------


def details_form(meeting: Meeting, data: Any = None) -> MeetingForm:
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


def details_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    return {
        "adoptions": selectors.adoptions_of(request.user, meeting, guest=False),
        "starts_at": services.starts_at_text(meeting),
    }


def _details_section(
    request: HttpRequest,
    meeting: Meeting,
    form: MeetingForm | None = None,
    *,
    saved: str = "",
    refused: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        **details_context(request, meeting),
        "details_form": form,
        "saved": saved,
        "refused": refused or [],
    }
    return _section(request, meeting, "details", context, status=status)


@requires(VIEW, personal_data=True, target=Meeting)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if request.method == "GET":
        form = details_form(meeting)
        focus(form)
        return _details_section(request, meeting, form)
    form = details_form(meeting, request.POST)
    if form.is_valid():
        try:
            services.update_meeting(
                meeting,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.meeting_fields(),
            )
        except Conflict:
            meeting = _meeting(request, pk)
            message = _(
                "Someone else changed this meeting in the meantime. Your changes were not "
                "saved; the form now shows the current version."
            )
            return _details_section(
                request, meeting, details_form(meeting), refused=[message], status=409
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return _saved(
                request,
                _url(meeting, "details"),
                _("Meeting details saved."),
                _details_section,
                meeting,
            )
    focus(form)
    return _details_section(request, meeting, form, status=400)


# --- Attendance ---------------------------------------------------------------------------------


def _attendees(meeting: Meeting) -> list[Attendee]:
    return list(meeting.attendees.select_related("user").order_by("position", "id"))


def _presence_forms(rows: Iterable[Attendee], data: Any = None) -> list[PresenceForm]:
    made = []
    for attendee in rows:
        form = PresenceForm(
            data,
            prefix=f"att{attendee.pk}",
            initial={"presence": attendee.presence, "absence_reason": attendee.absence_reason},
        )
        vars(attendee)["presence_form"] = form
        made.append(form)
    return made


def _attendance_section(
    request: HttpRequest,
    meeting: Meeting,
    rows: list[Attendee] | None = None,
    *,
    mode: str = "",
    invite_form: InviteForm | None = None,
    saved: str = "",
    status: int = 200,
) -> HttpResponse:
    rows = rows if rows is not None else _attendees(meeting)
    view = selectors.MeetingView(meeting, False, rows, [], [], [], [], None, None)
    context = {"view": view, "mode": mode, "invite_form": invite_form, "saved": saved}
    name = "invite" if mode == "invite" else "attendance"
    title = str(TITLES[name])
    return _section(request, meeting, "attendance", context, status=status, title=title)


@requires(VIEW, personal_data=True, target=Meeting)
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone's attendance in one form: a row per person, one save."""
    meeting = _meeting(request, pk)
    rows = _attendees(meeting)
    if request.method == "GET":
        focus(*_presence_forms(rows))
        return _attendance_section(request, meeting, rows, mode="attendance")
    forms_ = _presence_forms(rows, request.POST)
    if all(form.is_valid() for form in forms_):
        changes = {
            a.pk: (f.cleaned_data["presence"], f.cleaned_data["absence_reason"])
            for a, f in zip(rows, forms_, strict=True)
        }
        try:
            changed = services.set_attendance(meeting, changes, actor=request.user)
        except ValidationError as exc:
            forms_[0].add_error(None, exc.messages)
        else:
            message = _("Attendance saved (%(count)s changed).") % {"count": len(changed)}
            return _saved(
                request, _url(meeting, "aanwezigheid"), message, _attendance_section, meeting
            )
    focus(*forms_)
    return _attendance_section(request, meeting, rows, mode="attendance", status=400)


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


def invite_form(meeting: Meeting, data: Any = None) -> InviteForm:
    return InviteForm(data, users=invitable_users(meeting), prefix="invite")


@requires(VIEW, personal_data=True, target=Meeting)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = invite_form(meeting, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invite(
                meeting,
                actor=request.user,
                user=data["user"],
                name=data["name"],
                organisation_name=data["organisation_name"],
                role_title=data["role_title"],
                kind=data["kind"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return _saved(
                request, _url(meeting, "aanwezigheid"), _("Invited."), _attendance_section, meeting
            )
    focus(form)
    status = 400 if form.is_bound else 200
    return _attendance_section(request, meeting, mode="invite", invite_form=form, status=status)


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def presence(request: HttpRequest, pk: int, attendee: int) -> HttpResponse:
    """One person's attendance (kept for a single row; the page saves everyone at once)."""
    meeting = _meeting(request, pk)
    row = meeting.attendees.select_related("user").filter(pk=attendee).first()
    if row is None:
        raise Http404
    form = PresenceForm(request.POST, prefix=f"att{row.pk}")
    problem = ""
    if form.is_valid():
        try:
            services.set_presence(
                row,
                form.cleaned_data["presence"],
                actor=request.user,
                absence_reason=form.cleaned_data["absence_reason"],
            )
        except ValidationError as exc:
            problem = " ".join(exc.messages)
    else:
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if _htmx(request):
        if problem:
            return HttpResponse(
                format_html('<span class="regie-result regie-result--denied">{}</span>', problem)
            )
        return HttpResponse(format_html('<span class="regie-result">{}</span>', _("Saved")))
    if problem:
        messages.error(request, problem)
        return _attendance_section(request, meeting, mode="attendance", status=400)
    messages.success(request, _("Attendance of %(name)s saved.") % {"name": row.display_name})
    return redirect(_url(meeting, "aanwezigheid"))
