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

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.accounts.models import PARTNER_ROLES, Membership
from regie.core.forms import submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings.minutes import selectors, services
from regie.meetings.minutes.forms import InviteForm, MeetingForm, PresenceForm
from regie.meetings.minutes.views.display import AttendanceForms, AttendeeRow
from regie.meetings.minutes.views.shared import (
    TITLES,
    VIEW,
    managed_meeting,
    saved,
    section,
    section_url,
)
from regie.meetings.models import Attendee, Meeting
from regie.meetings.web import error_messages, focus, is_htmx, refusals
from regie.organisations.models import Team

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


def details_context(request: AuthenticatedRequest, meeting: Meeting) -> dict[str, Any]:
    return {
        "adoptions": selectors.adoptions_of(request.user, meeting, guest=False),
        "starts_at": services.starts_at_text(meeting),
    }


def _details_section(
    request: AuthenticatedRequest,
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
    return section(request, meeting, "details", context, status=status)


@requires(VIEW, personal_data=True, target=Meeting)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    if request.method == "GET":
        form = details_form(meeting)
        focus(form)
        return _details_section(request, meeting, form)
    form = details_form(meeting, request.POST)
    done = submit(
        form,
        lambda data: services.update_meeting(
            meeting,
            actor=request.user,
            expected_version=data["version"],
            **form.meeting_fields(),
        ),
    )
    if done.ok:
        return saved(
            request,
            section_url(meeting, "details"),
            _("Meeting details saved."),
            _details_section,
            meeting,
        )
    if done.conflict is not None:
        # The form shows the stored version again, not the stale one the user typed over.
        meeting = managed_meeting(request, pk)
        message = _(
            "Someone else changed this meeting in the meantime. Your changes were not "
            "saved; the form now shows the current version."
        )
        return _details_section(
            request, meeting, details_form(meeting), refused=[message], status=409
        )
    focus(form)
    return _details_section(request, meeting, form, status=400)


# --- Attendance ---------------------------------------------------------------------------------


def _attendees(meeting: Meeting) -> list[Attendee]:
    return list(meeting.attendees.select_related("user").order_by("position", "id"))


def _attendance_forms(rows: list[Attendee], data: Any = None) -> AttendanceForms:
    return AttendanceForms(
        rows=[
            AttendeeRow(
                attendee,
                PresenceForm(
                    data,
                    prefix=f"att{attendee.pk}",
                    initial={
                        "presence": attendee.presence,
                        "absence_reason": attendee.absence_reason,
                    },
                ),
            )
            for attendee in rows
        ],
        refusals=refusals(),
    )


def _attendance_section(
    request: AuthenticatedRequest,
    meeting: Meeting,
    rows: list[Attendee] | None = None,
    *,
    mode: str = "",
    forms_: AttendanceForms | None = None,
    invite_form: InviteForm | None = None,
    saved: str = "",
    status: int = 200,
) -> HttpResponse:
    rows = rows if rows is not None else _attendees(meeting)
    view = selectors.MeetingView(meeting, False, rows, [], [], [], [], None, None)
    context = {
        "view": view,
        "mode": mode,
        "attendance": forms_,
        "invite_form": invite_form,
        "saved": saved,
    }
    name = "invite" if mode == "invite" else "attendance"
    title = str(TITLES[name])
    return section(request, meeting, "attendance", context, status=status, title=title)


@requires(VIEW, personal_data=True, target=Meeting)
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Everyone's attendance in one form: a row per person, one save."""
    meeting = managed_meeting(request, pk)
    rows = _attendees(meeting)
    if request.method == "GET":
        forms_ = _attendance_forms(rows)
        focus(*forms_.forms)
        return _attendance_section(request, meeting, rows, mode="attendance", forms_=forms_)
    forms_ = _attendance_forms(rows, request.POST)
    if all(form.is_valid() for form in forms_.forms):
        changes = {
            row.attendee.pk: (
                row.form.cleaned_data["presence"],
                row.form.cleaned_data["absence_reason"],
            )
            for row in forms_.rows
        }
        # A refusal is about the whole set: it goes above the table, on a form of its own.
        done = submit(
            forms_.refusals,
            lambda _data: services.set_attendance(meeting, changes, actor=request.user),
        )
        if done.ok and done.value is not None:
            message = _("Attendance saved (%(count)s changed).") % {"count": len(done.value)}
            return saved(
                request,
                section_url(meeting, "aanwezigheid"),
                message,
                _attendance_section,
                meeting,
            )
    focus(*forms_.forms)
    return _attendance_section(request, meeting, rows, mode="attendance", forms_=forms_, status=400)


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
def invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = invite_form(meeting, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(
            form,
            lambda data: services.invite(
                meeting,
                actor=request.user,
                user=data["user"],
                name=data["name"],
                organisation_name=data["organisation_name"],
                role_title=data["role_title"],
                kind=data["kind"],
            ),
        )
        if done.ok:
            url = section_url(meeting, "aanwezigheid")
            return saved(request, url, _("Invited."), _attendance_section, meeting)
    focus(form)
    status = 400 if form.is_bound else 200
    return _attendance_section(request, meeting, mode="invite", invite_form=form, status=status)


@requires(VIEW, personal_data=True, target=Meeting)
@require_POST
def presence(request: AuthenticatedRequest, pk: int, attendee: int) -> HttpResponse:
    """One person's attendance (kept for a single row; the page saves everyone at once)."""
    meeting = managed_meeting(request, pk)
    row = meeting.attendees.select_related("user").filter(pk=attendee).first()
    if row is None:
        raise Http404
    form = PresenceForm(request.POST, prefix=f"att{row.pk}")
    done = submit(
        form,
        lambda data: services.set_presence(
            row,
            data["presence"],
            actor=request.user,
            absence_reason=data["absence_reason"],
        ),
    )
    problem = "" if done.ok else " ".join(error_messages(form))
    if is_htmx(request):
        if problem:
            return HttpResponse(
                format_html('<span class="regie-result regie-result--denied">{}</span>', problem)
            )
        return HttpResponse(format_html('<span class="regie-result">{}</span>', _("Saved")))
    if problem:
        messages.error(request, problem)
        rows = _attendees(meeting)
        return _attendance_section(
            request, meeting, rows, mode="attendance", forms_=_attendance_forms(rows), status=400
        )
    messages.success(request, _("Attendance of %(name)s saved.") % {"name": row.display_name})
    return redirect(section_url(meeting, "aanwezigheid"))
