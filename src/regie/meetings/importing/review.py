"""The review page of an import: everything a parsed draft holds, in the form it will be saved
(names as they will be stored, periods as they will be read), for the secretary to check before
confirming. Nothing is written here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from regie.core.dates import short_date
from regie.meetings.importing.parser import (
    DraftAction,
    DraftItem,
    DraftMeeting,
    DraftPerson,
    DraftPoint,
    DraftSubAction,
    DraftTermItem,
)
from regie.meetings.importing.saving import (
    SeriesPeople,
    check_importable,
    item_notes,
    reference_date,
)
from regie.meetings.models import MeetingSeries
from regie.meetings.periods import parse_dates, parse_period


@dataclass
class ReviewPerson:
    name: str
    detail: str = ""
    matched: bool = False  # a user of the series with this name


@dataclass
class ReviewSubAction:
    text: str
    owners: str
    due_text: str
    period: str  # "1-6-2021 – 30-6-2021", or "?" when the due text is not understood
    done: bool


@dataclass
class ReviewAction:
    raised: str
    subject: str
    subactions: list[ReviewSubAction]


@dataclass
class ReviewTerm:
    when: str
    period: str
    subject: str
    to_plan: bool


@dataclass
class Review:
    draft: DraftMeeting
    attendance: list[tuple[str, list[ReviewPerson]]]
    # item, its notes, its points as (heading, speaker, text)
    items: list[tuple[DraftItem, list[str], list[tuple[str, str, str]]]]
    actions: list[ReviewAction]
    terms: list[ReviewTerm]
    series_differs: bool
    problem: str  # why it cannot be saved; "" when it can


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None:
        return "?"
    if start == end:
        return short_date(start)
    return f"{short_date(start)} – {short_date(end)}"


def review(series: MeetingSeries, draft: DraftMeeting) -> Review:
    """Everything the draft holds, in the form it will be saved (names as they will be stored,
    periods as they will be read), for the secretary to check before confirming."""
    people = SeriesPeople(series)
    # Attendance first: it numbers the unnamed attendees ("Onbekend 1", …) as saving does.
    attendance = _attendance(draft, people)
    reference = reference_date(draft)
    return Review(
        draft,
        attendance,
        [_item(item) for item in draft.items],
        [_action(row, people, reference) for row in draft.actions],
        [_term(term, reference) for term in draft.term_items],
        _series_differs(series, draft),
        _problem(series, draft),
    )


def _attendance(draft: DraftMeeting, people: SeriesPeople) -> list[tuple[str, list[ReviewPerson]]]:
    return [
        (label, [_person(person, people) for person in persons])
        for label, persons in (
            (_("Present"), draft.present),
            (_("Absent"), draft.absent),
            (_("Also present"), draft.also_present),
        )
    ]


def _person(person: DraftPerson, people: SeriesPeople) -> ReviewPerson:
    """An attendee under the name it will be stored with, and whether it is a series member."""
    user = people.user(person.name) if person.name else None
    detail = ", ".join(p for p in (person.role, person.organisation) if p)
    if person.redacted:
        detail = ", ".join(p for p in (detail, person.ground) if p)
    return ReviewPerson(people.attendee_name(person), detail, user is not None)


def _item(item: DraftItem) -> tuple[DraftItem, list[str], list[tuple[str, str, str]]]:
    return item, item_notes(item), [(p.heading, _speaker(p), p.text) for p in item.points]


def _speaker(point: DraftPoint) -> str:
    """The speaker as shown: redacted or nameless speakers are not guessed."""
    if point.speaker is None:
        return ""
    if point.speaker.redacted or not point.speaker.name:
        return _("unnamed")
    return point.speaker.name


def _action(row: DraftAction, people: SeriesPeople, reference: dt.date) -> ReviewAction:
    raised_on = row.raised_on or reference
    subs = [_subaction(sub, people, raised_on) for sub in row.subactions]
    raised = short_date(row.raised_on) if row.raised_on else f"{row.raised_text} (?)"
    return ReviewAction(raised, row.subject, subs)


def _subaction(sub: DraftSubAction, people: SeriesPeople, raised_on: dt.date) -> ReviewSubAction:
    """A sub-action with its owners as they will be stored and its due period as it is read."""
    owners = [people.owner(p) for p in sub.owners]
    names = [
        (o.user.get_full_name() if o.user is not None else o.name) for o in owners if o is not None
    ]
    due = parse_period(sub.due_text, reference=raised_on) if sub.due_text else None
    return ReviewSubAction(
        text=sub.text,
        owners=", ".join(names),
        due_text=sub.due_text,
        period=_span(due.start, due.end) if due else "",
        done=sub.done,
    )


def _term(term: DraftTermItem, reference: dt.date) -> ReviewTerm:
    return ReviewTerm(term.when_text, _when(term.when_text, reference), term.subject, term.to_plan)


def _when(text: str, reference: dt.date) -> str:
    """A forward agenda item's moment: the days it names, else the period it stands for."""
    if not text:
        return "?"
    found = parse_dates(text, reference=reference)
    if found:
        return ", ".join(short_date(d) for d in found)
    parsed = parse_period(text, reference=reference)
    return _span(parsed.start, parsed.end)


def _series_differs(series: MeetingSeries, draft: DraftMeeting) -> bool:
    """The minutes name another series than the one they are imported into."""
    return bool(draft.series_name) and draft.series_name.casefold() != series.name.casefold()


def _problem(series: MeetingSeries, draft: DraftMeeting) -> str:
    """Why the draft cannot be saved; "" when it can."""
    # Not a form post: the review page asks the same check that saving makes (and raises), to
    # warn before the secretary confirms; nothing is submitted or refused here.
    try:
        check_importable(series, draft)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""
