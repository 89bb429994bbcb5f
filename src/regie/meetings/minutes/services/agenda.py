"""Writes for the agenda: items, their order, copying, moving and deferring them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from regie.core import policy
from regie.meetings.minutes import selectors
from regie.meetings.minutes.services.guards import (
    check_minutes_editable,
    next_position,
)
from regie.meetings.models import (
    AgendaItem,
    Meeting,
)
from regie.meetings.recording import hold_meetings, record, required
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def add_item(
    meeting: Meeting,
    *,
    actor: User,
    title: str,
    presenter: str = "",
    duration_minutes: int | None = None,
    kind: str = AgendaItem.Kind.STANDARD,
    confidential: bool = False,
) -> AgendaItem:
    check_minutes_editable(meeting, actor=actor)
    title = required(title, _("Give the item a title."), "title")
    if kind not in AgendaItem.Kind.values:
        raise ValidationError(_("Choose an item type."), code="kind")
    # New items go before the closing item, which stays last.
    closing = meeting.items.filter(standing="closing").order_by("-position").first()
    if closing is not None:
        position = closing.position
        meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = next_position(meeting)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title,
        presenter=presenter.strip(),
        duration_minutes=duration_minutes,
        kind=kind,
        confidential=confidential,
    )
    record(Meetings.ITEM_ADD, actor, meeting, item=item.pk)
    return item


ITEM_FIELDS = ("title", "presenter", "duration_minutes", "kind", "confidential", "notes")


@transaction.atomic
def update_item(item: AgendaItem, *, actor: User, **fields: Any) -> AgendaItem:
    check_minutes_editable(item.meeting, actor=actor)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not item fields: {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = required(fields["title"], _("Give the item a title."), "title")
    if "kind" in fields and fields["kind"] not in AgendaItem.Kind.values:
        raise ValidationError(_("Choose an item type."), code="kind")
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    record(Meetings.ITEM_UPDATE, actor, item.meeting, item=item.pk, fields=sorted(fields))
    return item


def _renumber(meeting: Meeting, ordered: Sequence[int]) -> None:
    for position, pk in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=pk, meeting=meeting).update(position=position)


@transaction.atomic
def reorder_items(meeting: Meeting, ordered_ids: Sequence[int], *, actor: User) -> None:
    """Renumber the agenda in the given order; the list must name every item exactly once."""
    check_minutes_editable(meeting, actor=actor)
    current = set(meeting.items.values_list("pk", flat=True))
    if len(ordered_ids) != len(current) or set(ordered_ids) != current:
        raise ValidationError(_("The new order must name every item once."), code="order")
    _renumber(meeting, ordered_ids)
    record(Meetings.ITEM_REORDER, actor, meeting)


@transaction.atomic
def move_item(item: AgendaItem, *, actor: User, up: bool) -> None:
    """Swap an item with its neighbour: the keyboard-friendly form of reordering."""
    meeting = item.meeting
    check_minutes_editable(meeting, actor=actor)  # the order is read under the meeting's row lock
    ids = list(meeting.items.order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    reorder_items(meeting, ids, actor=actor)


def _copy_item(item: AgendaItem, target: Meeting, **overrides: Any) -> AgendaItem:
    closing = target.items.filter(standing="closing").order_by("-position").first()
    if closing is not None:
        position = closing.position
        target.items.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = next_position(target)
    values = {
        "title": item.title,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "kind": item.kind if item.kind != AgendaItem.Kind.DEFERRED else AgendaItem.Kind.STANDARD,
        "confidential": item.confidential,
        **overrides,
    }
    return AgendaItem.objects.create(meeting=target, position=position, **values)


def _check_same_series(item: AgendaItem, target: Meeting) -> None:
    if target.series_id != item.meeting.series_id:
        raise ValidationError(_("Choose a meeting of the same series."), code="target")
    if target.pk == item.meeting_id:
        raise ValidationError(_("Choose another meeting."), code="target")


@transaction.atomic
def copy_item(item: AgendaItem, target: Meeting, *, actor: User) -> AgendaItem:
    policy.check(actor, Meetings.MANAGE, item.meeting)
    _check_same_series(item, target)
    check_minutes_editable(target, actor=actor)  # takes the target's row
    copy = _copy_item(item, target)
    record(Meetings.ITEM_COPY, actor, target, item=copy.pk, source=item.pk)
    return copy


@transaction.atomic
def move_item_to(item: AgendaItem, target: Meeting, *, actor: User) -> AgendaItem:
    """Move an item (with nothing recorded under it yet) to another meeting. A deferred item
    stays linked to the item it was deferred from."""
    _check_same_series(item, target)
    hold_meetings(item.meeting, target)
    check_minutes_editable(item.meeting, actor=actor)
    check_minutes_editable(target, actor=actor)
    if item.standing:
        raise ValidationError(_("A standing item stays where it is."), code="standing")
    if item.points.exists() or item.decisions.exists() or item.notes.strip():
        raise ValidationError(
            _("This item has minutes already; copy it instead."), code="has_minutes"
        )
    if (
        item.deferred_from_id is not None
        and target.items.filter(deferred_from_id=item.deferred_from_id).exists()
    ):
        raise ValidationError(
            _("That meeting has this deferred item on its agenda already."),
            code="deferred_twice",
        )
    source = item.meeting
    deferred_from = item.deferred_from_id
    # Delete first: the copy takes over the link to the deferred item.
    item.delete()
    copy = _copy_item(item, target, kind=item.kind, deferred_from_id=deferred_from)
    _renumber(source, list(source.items.order_by("position", "id").values_list("pk", flat=True)))
    record(Meetings.ITEM_MOVE, actor, target, item=copy.pk, source_meeting=source.pk)
    return copy


@transaction.atomic
def remove_item(item: AgendaItem, *, actor: User) -> None:
    meeting = item.meeting
    check_minutes_editable(meeting, actor=actor)
    if item.standing:
        raise ValidationError(_("A standing item stays on the agenda."), code="standing")
    pk, source = item.pk, item.deferred_from_id
    points, decisions = item.points.count(), item.decisions.count()
    item.delete()
    _renumber(meeting, list(meeting.items.order_by("position", "id").values_list("pk", flat=True)))
    changes: dict[str, Any] = {"item": pk, "points": points, "decisions": decisions}
    if source is not None:
        changes["deferred_from"] = source
        changes["deferral_ended"] = _end_deferral(source)
    record(Meetings.ITEM_REMOVE, actor, meeting, **changes)


def _end_deferral(source_pk: int) -> bool:
    """Taking a deferred copy off an agenda ends the deferral, so no meeting made later picks
    the item up again. Adopted minutes keep the flag as adopted: it is what was decided then."""
    return bool(
        AgendaItem.objects.filter(pk=source_pk, deferred=True)
        .exclude(meeting__status=Meeting.Status.ADOPTED)
        .exclude(deferred_to__isnull=False)
        .update(deferred=False)
    )


@transaction.atomic
def defer_item(item: AgendaItem, *, actor: User, deferred: bool = True) -> AgendaItem:
    """Doorschuiven: the item appears on the next meeting's agenda, marked as deferred. When the
    next meeting exists already it is added there now, otherwise when that meeting is made."""
    check_minutes_editable(item.meeting, actor=actor)
    item.deferred = deferred
    item.save(update_fields=["deferred"])
    if deferred:
        following = selectors.next_meeting(item.meeting)
        if following is not None:
            # Checked and added under the next meeting's row lock: one copy per meeting.
            hold_meetings(following)
        if (
            following is not None
            and not following.minutes_read_only
            and not AgendaItem.objects.filter(meeting=following, deferred_from=item).exists()
        ):
            _copy_item(item, following, kind=AgendaItem.Kind.DEFERRED, deferred_from=item)
    else:
        AgendaItem.objects.filter(
            deferred_from=item, meeting__status=Meeting.Status.CONCEPT
        ).filter(points__isnull=True, decisions__isnull=True).delete()
    record(Meetings.ITEM_DEFER, actor, item.meeting, item=item.pk, deferred=deferred)
    return item
