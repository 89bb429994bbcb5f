"""The minutes as plain data: ``snapshot`` reads them once (kept as
``Meeting.adopted_document`` on adoption); ``MinutesDocument`` is what the renderers present."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst

from regie.core import dates
from regie.meetings.minutes import selectors
from regie.meetings.models import (
    STANDING_PREVIOUS_MINUTES,
    AgendaItem,
    Decision,
    Meeting,
    MinutePoint,
    MinutesAdoption,
    SubAction,
    TermItem,
)

TEMPLATE = "meetings/documents/minutes_pdf.html"
# The only directory the PDF renderer may read from; the template needs nothing from it (the
# styles are inline and the fonts are the system's), but the renderer wants a root.
ASSETS = Path(__file__).resolve().parent.parent / "templates" / "meetings" / "documents"


@dataclass
class PersonLine:
    name: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name


@dataclass
class PointLine:
    text: str
    heading: str = ""  # set on the first point under a new sub-heading


@dataclass
class ItemBlock:
    number: int
    title: str
    presenter: str = ""
    points: list[PointLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    adoptions: list[str] = field(default_factory=list)
    deferred: bool = False
    deferred_from: str = ""  # the date of the meeting it was deferred from
    confidential: bool = False

    @property
    def is_empty(self) -> bool:
        return not (
            self.points
            or self.notes
            or self.decisions
            or self.adoptions
            or self.deferred
            or self.deferred_from
        )


@dataclass
class SubActionLine:
    description: str
    owners: str = ""
    due: str = ""
    done: str = ""  # "Afgerond 03-06-2021", or "" while open


@dataclass
class ActionRow:
    raised_on: str
    subject: str
    subactions: list[SubActionLine]


@dataclass
class TermRow:
    when: str
    subject: str
    to_plan: bool = False


@dataclass
class MinutesDocument:
    organisation: str
    series: str
    title: str
    marker: str  # "Concept" / "Concept – ter vaststelling" / ""
    status_note: str  # "Vastgesteld in de vergadering van …" for adopted minutes
    meeting_date: str  # "Dinsdag 15 juni 2021"
    details: list[tuple[str, str]]  # further (label, value) lines: time, place, chair …
    present: list[PersonLine]
    absent: list[PersonLine]
    also_present: list[PersonLine]
    invited: list[PersonLine]
    items: list[ItemBlock]
    errata: list[tuple[str, str]]
    actions: list[ActionRow]
    term_rows: list[TermRow]
    guest: bool
    adopted: bool
    filename_stem: str
    generated_at: str
    # The attendance lines as (label, people) for the templates, in the seed's order.
    attendance: list[tuple[str, list[PersonLine]]] = field(default_factory=list)


# --- Building ----------------------------------------------------------------------------------
#
# ``snapshot(meeting)`` reads the member version of the minutes into plain JSON data: what
# Meeting.adopted_document keeps once the minutes are adopted. ``from_snapshot`` turns such data
# into the ``MinutesDocument`` a reader gets (a guest's copy filtered from it), so a live export
# and an adopted one go through the same code. The snapshot keeps facts (dates as ISO strings,
# raw reasons, outcomes), not sentences, so the guest filter and the wording are applied when
# the document is read.

SNAPSHOT_FORMAT = 1


def long_date(day: dt.date) -> str:
    """ "Dinsdag 15 juni 2021" in the active language."""
    return capfirst(dates.weekday_date(day))


def day_month_year(day: dt.date) -> str:
    return dates.long_date(day)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_WORD_START = re.compile(r"^[a-zà-ÿ]")


def point_text(point: MinutePoint) -> str:
    """The point as printed: its text, with the speaker's name in front unless the text starts
    with it (see the module docstring)."""
    text = point.text.strip()
    speaker = point.speaker
    if speaker is None:
        return text
    name = speaker.display_name.strip()
    if not name or text.casefold().startswith(name.casefold()):
        return text
    if _WORD_START.match(text):
        return f"{name} {text}"
    return f"{name}: {text}"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def _is_adoption_item(item: AgendaItem) -> bool:
    if item.standing == STANDING_PREVIOUS_MINUTES:
        return True
    return item.title.casefold().startswith("vaststellen verslag")


def _member_items(meeting: Meeting) -> list[AgendaItem]:
    """Every item with its points and decisions: the member version (confidential included,
    flagged, so the guest copy can leave them out)."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("deferred_from__meeting")
        .prefetch_related(
            Prefetch(
                "points",
                queryset=MinutePoint.objects.select_related("speaker__user").order_by(
                    "position", "id"
                ),
            ),
            Prefetch("decisions", queryset=Decision.objects.order_by("position", "id")),
        )
        .order_by("position", "id")
    )
    return list(items)


def _item_data(item: AgendaItem) -> dict[str, Any]:
    points: list[dict[str, str]] = []
    heading = ""
    for point in item.points.all():
        line = {"text": point_text(point), "heading": ""}
        if point.heading and point.heading != heading:
            line["heading"] = point.heading
        heading = point.heading
        points.append(line)
    source = item.deferred_from
    return {
        "title": item.title,
        "presenter": item.presenter,
        "points": points,
        "notes": _paragraphs(item.notes),
        "decisions": [d.text.strip() for d in item.decisions.all()],
        "adoptions": [],
        "adoption_item": _is_adoption_item(item),
        "deferred": item.deferred,
        "deferred_from": _iso(source.meeting.date) if source is not None else None,
        "confidential": item.confidential,
    }


def _subaction_data(sub: SubAction, meeting: Meeting) -> dict[str, Any]:
    owners = [o.display_name for o in sub.owners.all()]
    # As it stood at the meeting: completed later means still open in these minutes.
    done = sub.status == SubAction.Status.DONE and (
        sub.completed_on is None or sub.completed_on <= meeting.date
    )
    return {
        "description": sub.description.strip(),
        "owners": owners,
        "due": sub.due_text,
        "done": done,
        "done_on": _iso(sub.completed_on) if done else None,
    }


def _term_data(item: TermItem) -> dict[str, Any]:
    return {
        "subject": item.subject,
        "period_text": item.period_text,
        "dates": [d.date.isoformat() for d in item.dates.all()],
        "start": _iso(item.period_start),
        "to_plan": item.to_plan,
    }


def snapshot(meeting: Meeting) -> dict[str, Any]:
    """The complete member version of the minutes as JSON-serialisable data (confidential items
    and absence reasons included and flagged): what Meeting.adopted_document keeps when the
    minutes are adopted, and what every export reads from then on."""
    items = [_item_data(item) for item in _member_items(meeting)]
    made = (
        MinutesAdoption.objects.filter(at_meeting=meeting)
        .select_related("minutes_of")
        .order_by("recorded_at", "id")
    )
    adoptions = [
        {
            "date": a.minutes_of.date.isoformat(),
            "outcome": a.outcome,
            "changes": a.changes,
            "meeting_id": a.minutes_of_id,
        }
        for a in made
    ]
    if adoptions:
        target = next((i for i in items if i["adoption_item"]), None)
        if target is None:
            # Adopted under no "Vaststellen verslag" item: an extra block at the end.
            target = {
                "title": "",  # the block's title is written when the document is read
                "presenter": "",
                "points": [],
                "notes": [],
                "decisions": [],
                "adoptions": [],
                "adoption_item": True,
                "deferred": False,
                "deferred_from": None,
                "confidential": False,
            }
            items.append(target)
        target["adoptions"] = adoptions
    attendees = [
        {
            "name": a.display_name,
            "role_title": a.role_title,
            "organisation": a.organisation_name,
            "kind": a.kind,
            "presence": a.presence,
            "reason": a.absence_reason,
        }
        for a in meeting.attendees.select_related("user").order_by("position", "id")
    ]
    chair, taker = meeting.chair, meeting.minute_taker
    return {
        "format": SNAPSHOT_FORMAT,
        "taken_at": timezone.now().isoformat(),
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
        "location": meeting.location,
        "chair": (chair.get_full_name() or chair.get_username()) if chair else "",
        "minute_taker": (taker.get_full_name() or taker.get_username()) if taker else "",
        "attendees": attendees,
        "items": items,
        "actions": [
            {
                "raised_on": a.raised_on.isoformat(),
                "subject": a.subject,
                "subactions": [_subaction_data(s, meeting) for s in a.subactions.all()],
            }
            for a in selectors.actielijst(meeting)
        ],
        # In date order with the undated ("nog plannen") items last, as the team's own list.
        "term_items": [
            _term_data(t)
            for t in sorted(
                selectors.term_agenda_at(meeting),
                key=lambda t: (t.period_start is None, t.period_start or dt.date.min),
            )
        ],
    }


# --- Reading a snapshot ------------------------------------------------------------------------
