"""The agenda item sections of a meeting page: adding, editing and moving items, and their
minute points and decisions (each a section that reloads on its own)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.core import policy
from regie.core.dates import long_date
from regie.core.forms import submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings.minutes import services
from regie.meetings.minutes.forms import (
    DecisionForm,
    ItemEditForm,
    ItemForm,
    PointEditForm,
    PointForm,
    TransferForm,
    speaker_choices,
)
from regie.meetings.minutes.views.display import AgendaItemView
from regie.meetings.minutes.views.shared import (
    ITEM_TITLES,
    MANAGE,
    TITLES,
    VIEW,
    managed_meeting,
    saved,
    section,
    section_url,
)
from regie.meetings.models import AgendaItem, Attendee, Decision, Meeting, MinutePoint
from regie.meetings.web import focus, is_htmx


def _reload(request: HttpRequest, meeting: int, item: int) -> HttpResponse:
    """After a change that renumbers the agenda: the meeting page again, at the item. With htmx
    the browser is sent there (the query makes it a new page, not a jump within this one)."""
    url = f"{reverse('meetings:meeting', args=[meeting])}?punt={item}#agendapunt-{item}"
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- A new agenda item --------------------------------------------------------------------------


@requires(VIEW, personal_data=True, target=Meeting)
@require_http_methods(["GET", "POST"])
def item_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = ItemForm(request.POST if request.method == "POST" else None, prefix="newitem")
    if request.method == "POST":
        added = submit(form, lambda data: services.add_item(meeting, actor=request.user, **data))
        if added.value is not None:
            messages.success(request, _("Agenda item added."))
            return _reload(request, meeting.pk, added.value.pk)
    focus(form)
    status = 400 if form.is_bound else 200
    return section(request, meeting, "new_item", {"item_form": form}, status=status)


# --- An agenda item with its minutes ------------------------------------------------------------


def _item(request: AuthenticatedRequest, pk: int, **lookup: Any) -> AgendaItem:
    """The item with what its section shows, read fresh; 404 unless visible, 403 unless the
    user manages the meeting."""
    rows = AgendaItem.objects.select_related(
        "meeting__series", "meeting__chair", "deferred_from__meeting"
    ).prefetch_related(
        Prefetch(
            "points",
            queryset=MinutePoint.objects.select_related("speaker__user").order_by("position", "id"),
        ),
        Prefetch("decisions", queryset=Decision.objects.order_by("position", "id")),
    )
    item = policy.get_for_user(request.user, rows, **(lookup or {"pk": pk}))
    policy.check(request.user, MANAGE, item.meeting)
    return item


def _speakers(meeting: Meeting) -> list[tuple[str, str]]:
    rows = meeting.attendees.select_related("user").order_by("position", "id")
    return speaker_choices([a for a in rows if a.attended])


def _speaker(meeting: Meeting, value: str) -> Attendee | None:
    return meeting.attendees.filter(pk=value).first() if value else None


def item_initial(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "kind": item.kind,
        "confidential": item.confidential,
        "notes": item.notes,
    }


def transfer_targets(meeting: Meeting) -> list[Meeting]:
    """Meetings of the series whose agenda may still change."""
    return list(
        Meeting.objects.filter(series_id=meeting.series_id, status=Meeting.Status.CONCEPT)
        .exclude(pk=meeting.pk)
        .order_by("-date", "-id")
    )


def _item_section(
    request: AuthenticatedRequest,
    item: AgendaItem,
    *,
    mode: str = "",
    forms_: dict[str, forms.Form] | None = None,
    point: int | None = None,
    saved: str = "",
    status: int = 200,
) -> HttpResponse:
    """``mode``: which form is open (``edit``, ``point``, ``decision``, ``point_edit``)."""
    count = item.meeting.items.count()
    context = {
        "item": item,
        "entry": AgendaItemView(item),
        "number": item.position,
        "first": item.position == 1,
        "last": item.position >= count,
        "mode": mode,
        "open_point": point,
        "saved": saved,
        **(forms_ or {}),
    }
    title = str(ITEM_TITLES.get(mode, TITLES["item"]))
    return section(request, item.meeting, "item", context, status=status, title=title)


def _item_saved(
    request: AuthenticatedRequest, item: AgendaItem, message: str, anchor: str = ""
) -> HttpResponse:
    fresh = _item(request, item.pk)
    return saved(
        request,
        section_url(item.meeting_id, anchor or f"agendapunt-{item.pk}"),
        message,
        _item_section,
        fresh,
    )


def _edit_forms(item: AgendaItem, data: Any = None, which: str = "") -> dict[str, forms.Form]:
    edit = ItemEditForm(
        data if which == "edit" else None, initial=item_initial(item), prefix=f"item{item.pk}"
    )
    transfer = TransferForm(
        data if which == "transfer" else None,
        targets=transfer_targets(item.meeting),
        prefix=f"transfer{item.pk}",
    )
    focus(transfer if which == "transfer" else edit)
    return {"edit_form": edit, "transfer_form": transfer}


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if request.method == "GET":
        return _item_section(request, item, mode="edit", forms_=_edit_forms(item))
    forms_ = _edit_forms(item, request.POST, "edit")
    form = forms_["edit_form"]
    if submit(form, lambda data: services.update_item(item, actor=request.user, **data)).ok:
        return _item_saved(request, item, _("Agenda item saved."))
    focus(form)
    return _item_section(request, item, mode="edit", forms_=forms_, status=400)


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_POST
def item_transfer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    forms_ = _edit_forms(item, request.POST, "transfer")
    form = forms_["transfer_form"]
    if form.is_valid():
        target = policy.get_for_user(request.user, Meeting, pk=form.cleaned_data["target"])
        moving = form.cleaned_data["mode"] == "move"
        transfer = services.move_item_to if moving else services.copy_item
        copied = submit(form, lambda _data: transfer(item, target, actor=request.user))
        if copied.value is not None:
            done = (
                _("Agenda item moved to the meeting of %(date)s.")
                if moving
                else _("Agenda item copied to the meeting of %(date)s.")
            )
            messages.success(request, done % {"date": long_date(target.date)})
            if moving:
                return _reload(request, target.pk, copied.value.pk)
            return _reload(request, item.meeting_id, item.pk)
    focus(form)
    return _item_section(request, item, mode="edit", forms_=forms_, status=400)


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_http_methods(["GET", "POST"])
def point_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    data = request.POST if request.method == "POST" else None
    form = PointForm(data, speakers=_speakers(item.meeting), prefix=f"point{item.pk}")
    added = (
        form.is_bound
        and submit(
            form,
            lambda cleaned: services.add_point(
                item,
                actor=request.user,
                text=cleaned["text"],
                heading=cleaned["heading"],
                speaker=_speaker(item.meeting, cleaned["speaker"]),
            ),
        ).ok
    )
    if added:
        return _item_saved(request, item, _("Point added."))
    focus(form)
    status = 400 if form.is_bound else 200
    return _item_section(request, item, mode="point", forms_={"point_form": form}, status=status)


@requires(VIEW, personal_data=True, target=MinutePoint)
@require_http_methods(["GET", "POST"])
def point_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # Points have no scope of their own: they are as visible as their agenda item.
    item = _item(request, pk, points=pk)
    point = next((p for p in item.points.all() if p.pk == pk), None)
    if point is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = PointEditForm(
        data,
        speakers=_speakers(item.meeting),
        prefix=f"pt{point.pk}",
        initial={"speaker": point.speaker_id or "", "text": point.text},
    )
    point.item = item
    changed = (
        form.is_bound
        and submit(
            form,
            lambda cleaned: services.update_point(
                point,
                actor=request.user,
                text=cleaned["text"],
                speaker=_speaker(item.meeting, cleaned["speaker"]),
            ),
        ).ok
    )
    if changed:
        return _item_saved(request, item, _("Point saved."), f"punt-{point.pk}")
    focus(form)
    return _item_section(
        request,
        item,
        mode="point_edit",
        point=point.pk,
        forms_={"point_edit_form": form},
        status=400 if form.is_bound else 200,
    )


@requires(VIEW, personal_data=True, target=AgendaItem)
@require_http_methods(["GET", "POST"])
def decision_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data, prefix=f"decision{item.pk}")
    if form.is_bound:
        recorded = submit(
            form,
            lambda cleaned: services.add_decision(item, actor=request.user, text=cleaned["text"]),
        )
        if recorded.value is not None:
            anchor = f"besluit-{recorded.value.pk}"
            return _item_saved(request, item, _("Decision recorded."), anchor)
    focus(form)
    status = 400 if form.is_bound else 200
    return _item_section(
        request, item, mode="decision", forms_={"decision_form": form}, status=status
    )
