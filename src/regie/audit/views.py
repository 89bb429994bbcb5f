"""The access-log viewer: for the privacy officer / auditor only, and itself logged."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, time
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.audit.models import AuditEvent
from regie.audit.services import Checkpoint, newest_checkpoint
from regie.core.policy import requires

PAGE_SIZE = 50

_INPUT = {"class": "utrecht-textbox"}


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("User"), required=False, max_length=150, widget=forms.TextInput(attrs=_INPUT)
    )
    case = forms.CharField(
        label=_("Case"), required=False, max_length=40, widget=forms.TextInput(attrs=_INPUT)
    )
    action = forms.CharField(
        label=_("Action (starts with)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs=_INPUT),
    )
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("all")), *list(AuditEvent.Result.choices)],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def filtered_events(data: dict[str, Any]) -> Any:
    events = AuditEvent.objects.all()
    if data.get("actor"):
        events = events.filter(actor__iexact=data["actor"])
    if data.get("case"):
        events = events.filter(case_id=data["case"])
    if data.get("action"):
        events = events.filter(action__startswith=data["action"])
    if data.get("result"):
        events = events.filter(result=data["result"])
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        events = events.filter(occurred_at__gte=datetime.combine(data["date_from"], time.min, tz))
    if data.get("date_to"):
        events = events.filter(occurred_at__lte=datetime.combine(data["date_to"], time.max, tz))
    return events


@requires("audit.view_log", personal_data=True)
def log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events: list[AuditEvent] = []
    next_before: int | None = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        page = filtered_events(data)
        if data.get("before"):
            page = page.filter(id__lt=data["before"])
        # Keyset pagination on the primary key: constant cost however deep one pages.
        events = list(page.order_by("-id")[: PAGE_SIZE + 1])
        if len(events) > PAGE_SIZE:
            events = events[:PAGE_SIZE]
            next_before = events[-1].id
    archived: Checkpoint | None = None
    if next_before is None:
        # The last page says where the log now begins, so nobody takes it for the whole log.
        with suppress(ValueError):  # a malformed checkpoint is for `regie audit verify` to report
            archived = newest_checkpoint()
    query = request.GET.copy()
    query.pop("before", None)
    template = "audit/log.html#results" if request.htmx else "audit/log.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "form": form,
            "events": events,
            "next_before": next_before,
            "query": query.urlencode(),
            "archived": archived,
        },
    )
