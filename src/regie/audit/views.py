"""The access-log viewer: for the privacy officer / auditor only, and itself logged."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.audit import naming, sentences
from regie.audit.models import AuditEvent
from regie.audit.services import Checkpoint, newest_checkpoint
from regie.core import vocabulary
from regie.core.dates import short_date
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.core.vocabulary import Kernel

if TYPE_CHECKING:
    from regie.core.http import User

PAGE_SIZE = 50

_INPUT = {"class": "utrecht-textbox"}


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=gettext_lazy("User"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs=_INPUT),
    )
    case = forms.CharField(
        label=gettext_lazy("Case"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs=_INPUT),
    )
    action = forms.CharField(
        label=gettext_lazy("Action (starts with)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs=_INPUT),
    )
    result = forms.ChoiceField(
        label=gettext_lazy("Result"),
        required=False,
        choices=[("", gettext_lazy("all")), *list(AuditEvent.Result.choices)],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            # Said at the field rather than showing an empty list that looks like "nothing".
            self.add_error(
                "date_to",
                _(
                    "This date is before the start date (%(start)s), so no event can match. "
                    "Swap the two dates."
                )
                % {"start": short_date(start)},
            )
        return data


@dataclass(frozen=True)
class EventRow:
    """One event as the viewer shows it: a sentence, who and what by name, and the codes."""

    event: AuditEvent
    sentence: str
    who: str
    subject: str


def _phrase(event: AuditEvent, names: dict[tuple[str, str], str]) -> str:
    if event.case_id:
        return _("case %(number)s") % {"number": event.case_id}
    named = names.get((event.object_type, event.object_id))
    if named:
        return named
    if event.object_type and "." in event.object_type:
        return naming.fallback(event.object_type, event.object_id)
    return _("a page")


def _who(event: AuditEvent, names: dict[tuple[str, str], str]) -> str:
    if event.actor_id is not None:
        named = names.get(("accounts.user", str(event.actor_id)))
        if named:
            return named
    if event.actor:
        return event.actor
    return _("Regie (automatically)")


def describe(reader: User, events: list[AuditEvent]) -> list[EventRow]:
    """The page's events as sentences; names in one query per kind of object on the page."""
    pairs = [(e.object_type, e.object_id) for e in events if not e.case_id]
    pairs += [("accounts.user", str(e.actor_id)) for e in events if e.actor_id is not None]
    names = naming.names_for(reader, pairs)
    rows = []
    for event in events:
        who, subject = _who(event, names), _phrase(event, names)
        message = sentences.message_for(
            event.action, denied=event.result == AuditEvent.Result.DENIED, staff=True
        )
        text = _(message) % {
            "who": who,
            "case": subject,
            "when": sentences.when(event.occurred_at),
            "partner": _partner(event) or _("a partner organisation"),
        }
        rows.append(EventRow(event, capfirst(text), who, subject))
    return rows


def _partner(event: AuditEvent) -> str:
    changes = event.changes if isinstance(event.changes, dict) else {}
    return str(changes.get("organisation") or "")


def filtered_events(data: dict[str, Any]) -> Any:
    events = AuditEvent.objects.all()
    if data.get("actor"):
        events = events.filter(actor__iexact=data["actor"])
    if data.get("case"):
        events = events.filter(case_id=data["case"])
    if data.get("action"):
        # Rows written before an action was renamed carry its old name: they are found too.
        prefix = data["action"]
        matches = Q(action__startswith=prefix)
        for name in vocabulary.old_names(prefix):
            matches |= Q(action__startswith=name)
        events = events.filter(matches)
    if data.get("result"):
        events = events.filter(result=data["result"])
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        events = events.filter(occurred_at__gte=datetime.combine(data["date_from"], time.min, tz))
    if data.get("date_to"):
        events = events.filter(occurred_at__lte=datetime.combine(data["date_to"], time.max, tz))
    return events


@requires(Kernel.AUDIT_VIEW_LOG, personal_data=True)
def log(request: AuthenticatedRequest) -> HttpResponse:
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
            "rows": describe(request.user, events),
            "next_before": next_before,
            "query": query.urlencode(),
            "archived": archived,
        },
    )
