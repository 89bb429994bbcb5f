"""The draft a parse proposes: meeting, people, items, points, actions and forward agenda
items, and the draft as one text (what a reviewer sees)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class MinutesImportError(ValueError):
    """The uploaded file could not be read as a DOCX document at all."""


# --------------------------------------------------------------------------------------------
# Draft structure
# --------------------------------------------------------------------------------------------


@dataclass
class DraftPerson:
    """An attendee, speaker, presenter or action owner."""

    name: str  # "" when redacted (unnamed)
    organisation: str = ""
    role: str = ""
    redacted: bool = False  # came from a 5.1.2,e-style token
    ground: str = ""  # the legal ground as written ("5.1.2,e"), when redacted


@dataclass
class DraftPoint:
    """A bullet (or a paragraph that opens with a speaker) under an agenda item."""

    text: str
    speaker: DraftPerson | None = None
    heading: str = ""
    level: int = 1  # 2 for nested bullets ("- o …")
    bullet: bool = True  # False for a non-bullet paragraph promoted because it has a speaker


@dataclass
class DraftItem:
    number: int
    title: str
    presenter: str = ""
    presenter_person: DraftPerson | None = None
    points: list[DraftPoint] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    action_notes: list[str] = field(default_factory=list)  # "→ ACTIE: …" lines in the item
    text: list[str] = field(default_factory=list)
    deferred: bool = False
    standing: str = ""  # "opening" | "previous_minutes" | "closing" | ""
    previous_minutes_date: date | None = None


@dataclass
class DraftSubAction:
    text: str
    owners: list[DraftPerson] = field(default_factory=list)
    due_text: str = ""
    done: bool = False


@dataclass
class DraftAction:
    raised_on: date | None
    raised_text: str
    subject: str
    subactions: list[DraftSubAction] = field(default_factory=list)
    row_text: str = ""


@dataclass
class DraftTermItem:
    when_text: str
    subject: str
    to_plan: bool = False
    tentative: bool = False
    at_meeting: str = ""
    row_text: str = ""


@dataclass
class DraftMeeting:
    title: str = ""
    series_name: str = ""
    adopted: bool = False
    date: date | None = None
    date_text: str = ""  # the date line as written, after its label
    present: list[DraftPerson] = field(default_factory=list)
    absent: list[DraftPerson] = field(default_factory=list)
    also_present: list[DraftPerson] = field(default_factory=list)
    absent_note: str = ""
    present_note: str = ""
    also_present_note: str = ""
    preamble: list[str] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    actions: list[DraftAction] = field(default_factory=list)
    term_items: list[DraftTermItem] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)  # unplaceable text after the tables
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Everything the reviewer sees, as one text (for "nothing dropped" checks)
# --------------------------------------------------------------------------------------------


def _person_text(person: DraftPerson) -> str:
    return " ".join(p for p in (person.name, person.ground, person.organisation, person.role) if p)


def draft_text(meeting: DraftMeeting) -> str:
    """All text held by the draft, one piece a line, in reading order."""
    parts: list[str] = [meeting.title, meeting.date_text]
    for people in (meeting.present, meeting.absent, meeting.also_present):
        parts.extend(_person_text(p) for p in people)
    parts += [meeting.present_note, meeting.absent_note, meeting.also_present_note]
    parts += meeting.preamble
    for item in meeting.items:
        parts += [str(item.number), item.title, *item.text, *item.decisions, *item.action_notes]
        parts += [point.text for point in item.points]
    for action in meeting.actions:
        parts += [action.raised_text, action.subject, action.row_text]
        for sub in action.subactions:
            parts += [sub.text, sub.due_text]
    for term in meeting.term_items:
        parts += [term.when_text, term.subject, term.row_text]
    parts += meeting.appendix
    return "\n".join(p for p in parts if p)
