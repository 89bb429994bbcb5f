"""What the meeting page and its sections show besides the models: small typed view models the
templates read (an agenda item with its meta line and the ids of its region, an attendee with
the form of their row), and the context of the whole meeting page, built in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import policy
from regie.meetings import documents
from regie.meetings.minutes import selectors, services
from regie.meetings.minutes.forms import AdoptionForm, ErratumForm, PresenceForm
from regie.meetings.models import STANDING_PREVIOUS_MINUTES, AgendaItem, Attendee, Meeting
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User

MANAGE = Meetings.MANAGE


@dataclass(frozen=True)
class AgendaItemView:
    """An agenda item as its section shows it."""

    item: AgendaItem

    @property
    def meta(self) -> list[str]:
        """Presenter, duration and type, as far as they say something."""
        item = self.item
        meta = []
        if item.presenter:
            meta.append(_("Presenter: %(name)s") % {"name": item.presenter})
        if item.duration_minutes:
            meta.append(_("%(minutes)s min.") % {"minutes": item.duration_minutes})
        if item.kind != AgendaItem.Kind.STANDARD:
            meta.append(str(item.get_kind_display()).capitalize())
        return meta

    @property
    def region(self) -> str:
        """The id of what htmx swaps when one of the item's forms opens or saves."""
        return f"agendapunt-{self.item.pk}-notulen"

    @property
    def anchor(self) -> str:
        """The item's place on the meeting page."""
        return f"agendapunt-{self.item.pk}"


@dataclass(frozen=True)
class AttendeeRow:
    """One row of the attendance form."""

    attendee: Attendee
    form: PresenceForm

    @property
    def change(self) -> tuple[str, str]:
        """What the valid form asks: the presence and the reason of an absence."""
        data = self.form.cleaned_data
        return data["presence"], data["absence_reason"]


@dataclass(frozen=True)
class AttendanceForms:
    """Everyone's attendance: a form per row, and a form without fields for what the service
    refuses of the set as a whole (said above the table)."""

    rows: list[AttendeeRow]
    refusals: forms.Form

    @property
    def forms(self) -> list[PresenceForm]:
        return [row.form for row in self.rows]


def meeting_page(
    user: User, meeting: Meeting, bound: Mapping[str, forms.Form] | None = None
) -> dict[str, Any]:
    """The context of the meeting page, read-only but for links that open one section's form
    at a time; ``bound`` holds an adoption or erratum form that failed, by its key."""
    view = selectors.meeting_view(user, meeting)
    may_manage = not view.guest and policy.permits(user, MANAGE, meeting)
    may_edit = may_manage and policy.permits(user, Meetings.EDIT_MINUTES, meeting)
    may_erratum = may_manage and policy.permits(user, Meetings.MINUTES_ERRATUM, meeting)
    return {
        "view": view,
        "items": [AgendaItemView(item) for item in view.items],
        "meeting": meeting,
        **_adopted_lists(meeting, guest=view.guest),
        "series": meeting.series,
        "guest": view.guest,
        "may_manage": may_manage,
        "may_edit": may_edit,
        "may_erratum": may_erratum,
        **_lifecycle_forms(view, bound or {}, may_edit=may_edit, may_erratum=may_erratum),
        **_adoption_records(user, meeting, guest=view.guest),
        "previous_minutes_key": STANDING_PREVIOUS_MINUTES,
        "today": timezone.localdate(),
        "starts_at": services.starts_at_text(meeting),
    }


def _adopted_lists(meeting: Meeting, *, guest: bool) -> dict[str, Any]:
    """Adopted minutes show the actielijst and termijnagenda as adopted (the snapshot), not as
    the lists stand today; minutes adopted before snapshots existed fall back to live data."""
    adopted = meeting.adopted_document if meeting.is_adopted and not guest else None
    return {
        "adopted_actions": documents.action_rows(adopted) if adopted else None,
        "adopted_terms": documents.term_rows(adopted) if adopted else None,
    }


def _lifecycle_forms(
    view: selectors.MeetingView,
    bound: Mapping[str, forms.Form],
    *,
    may_edit: bool,
    may_erratum: bool,
) -> dict[str, Any]:
    """The erratum form and one adoption form per earlier minutes up for adoption; a bound
    one that failed instead of a fresh one."""
    return {
        "erratum_form": bound.get("erratum") or (ErratumForm() if may_erratum else None),
        "adoption_forms": [
            (m, bound.get(f"adopt-{m.pk}") or AdoptionForm(prefix=f"adopt{m.pk}"))
            for m in (view.pending_minutes if may_edit else [])
        ],
    }


def _adoption_records(user: User, meeting: Meeting, *, guest: bool) -> dict[str, Any]:
    """What was recorded about adoptions: at this meeting, of these minutes, and errata."""
    made = meeting.adoptions_made.select_related("minutes_of").order_by("recorded_at")
    return {
        "adoptions_made": [] if guest else list(made),
        "adoptions": selectors.adoptions_of(user, meeting, guest=guest),
        "errata": list(meeting.errata.order_by("recorded_at", "id")),
    }
