"""What the section views of the meeting page share: loading the meeting to manage, rendering a
section (a fragment for htmx, a page of its own without JavaScript) and answering a save."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from regie.core import policy
from regie.core.http import AuthenticatedRequest
from regie.meetings.models import Meeting
from regie.meetings.vocabulary import Meetings
from regie.meetings.web import is_htmx

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


def section(
    request: AuthenticatedRequest,
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
        "standalone": not is_htmx(request),
        **context,
    }
    if is_htmx(request):
        return render(request, f"meetings/_sections.html#{name}", context)
    context.update(partial=name, title=title or TITLES[name])
    return render(request, "meetings/section.html", context, status=status)


def saved(
    request: HttpRequest, url: str, message: str, again: Callable[..., HttpResponse], *args: Any
) -> HttpResponse:
    """After a save: the section closed again with the confirmation in it (htmx), or back to the
    meeting page at the section with the confirmation on top."""
    if is_htmx(request):
        return again(request, *args, saved=message)
    messages.success(request, message)
    return redirect(url)


def managed_meeting(request: AuthenticatedRequest, pk: int) -> Meeting:
    """The meeting, visible (else 404) and managed by the user (else 403)."""
    return policy.get_for_user(
        request.user,
        Meeting.objects.select_related("series", "chair", "minute_taker"),
        action=MANAGE,
        pk=pk,
    )


def section_url(meeting: Meeting | int, anchor: str) -> str:
    pk = meeting if isinstance(meeting, int) else meeting.pk
    return f"{reverse('meetings:meeting', args=[pk])}#{anchor}"
