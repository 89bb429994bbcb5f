"""Saving a reviewed import: a ``parser.DraftMeeting`` becomes a meeting with its attendance,
agenda, minutes, decisions, actielijst rows and termijnagenda items.

Everything goes through ``services`` (policy, validation and audit per write) in one
transaction, so a failing import leaves nothing behind. Decisions:

* One meeting per series and date: a second import of the same minutes is refused.
* People: a name that matches exactly one member of the series (full name, case-insensitive)
  becomes that user; other names stay external names. Redacted people (``5.1.2,e``) become
  external attendees "Onbekend 1", "Onbekend 2", …: the attendance count stays right and the
  secretary can put names to them later. Redacted speakers are not guessed: the point keeps
  its text (which names the token) with no speaker. A redacted action owner keeps the token as
  written ("5.1.2.e") as the owner's name, because that is literally what the minutes say.
* Nothing is dropped: free text of an item, "→ ACTIE" lines and attendance remarks the parser
  could not read as people go into item notes; the preamble and the attendance remarks into the
  first item's notes, the appendix into the last item's.
* The actielijst belongs to the series and rolls on from meeting to meeting, so importing
  consecutive minutes would repeat its rows. A row with the same date raised and subject as an
  existing action is not added again; its sub-actions that the imported minutes mark done are
  completed (on the meeting date) when they match an open one by text. The same goes for a
  termijnagenda item with the same subject and "when" text.
* An imported "Vastgesteld verslag" is stored as adopted directly: the adoption happened
  outside Regie, so there is no adoption record at a later meeting, only the audit record
  ``meetings.import`` that says so. Anything else is stored as draft minutes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit, policy
from regie.core.dates import short_date
from regie.meetings import selectors, services
from regie.meetings.importing.parser import (
    DraftItem,
    DraftMeeting,
    DraftPerson,
    DraftSubAction,
)
from regie.meetings.models import (
    Action,
    AgendaItem,
    Attendee,
    Meeting,
    MeetingSeries,
    SubAction,
    TermItem,
)
from regie.meetings.services import Owner, SubActionInput
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User

UNKNOWN_PERSON = "Onbekend %(number)s"
TITLE_LENGTH = AgendaItem._meta.get_field("title").max_length or 300
SUBJECT_LENGTH = Action._meta.get_field("subject").max_length or 300
TERM_SUBJECT_LENGTH = TermItem._meta.get_field("subject").max_length or 300
NAME_LENGTH = Attendee._meta.get_field("name").max_length or 200
DUE_LENGTH = SubAction._meta.get_field("due_text").max_length or 200


@dataclass
class ImportResult:
    meeting: Meeting
    attendees: int = 0
    items: int = 0
    points: int = 0
    decisions: int = 0
    actions_added: int = 0
    actions_known: int = 0
    subactions_completed: int = 0
    term_items_added: int = 0
    term_items_known: int = 0
    skipped: list[str] = field(default_factory=list)


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def check_importable(series: MeetingSeries, draft: DraftMeeting) -> None:
    """The reasons a draft cannot be saved at all, as a ValidationError (shown on the review
    page before the secretary confirms, and checked again on saving)."""
    if draft.date is None:
        raise ValidationError(
            _('The minutes give no meeting date (a line such as "Vergaderdatum 15 juni 2021").'),
            code="date",
        )
    if Meeting.objects.filter(series=series, date=draft.date).exists():
        raise ValidationError(
            _("%(series)s already has a meeting on %(date)s; these minutes are not imported twice.")
            % {"series": series.name, "date": short_date(draft.date)},
            code="duplicate",
        )


class SeriesPeople:
    """Resolves the draft's people to users of the series, attendees and owners."""

    def __init__(self, series: MeetingSeries) -> None:
        names = Counter[str]()
        users: dict[str, Any] = {}
        for user in selectors.series_members(series):
            key = (user.get_full_name() or "").casefold().strip()
            if key:
                names[key] += 1
                users[key] = user
        # Only unambiguous names: two members called the same are left as a name.
        self.users = {key: user for key, user in users.items() if names[key] == 1}
        self.unknown = 0
        self.attendees: dict[str, Attendee] = {}

    def user(self, name: str) -> Any:
        return self.users.get(name.casefold().strip())

    def attendee_name(self, person: DraftPerson) -> str:
        if person.name:
            return _clip(person.name, NAME_LENGTH)
        if person.role and not person.redacted:
            return _clip(person.role, NAME_LENGTH)
        self.unknown += 1
        return UNKNOWN_PERSON % {"number": self.unknown}

    def speaker(self, person: DraftPerson | None) -> Attendee | None:
        if person is None or person.redacted or not person.name:
            return None
        return self.attendees.get(person.name.casefold().strip())

    def owner(self, person: DraftPerson) -> Owner | None:
        if person.redacted:
            return Owner(name=person.ground or UNKNOWN_PERSON % {"number": "?"})
        name = person.name or person.role
        if not name:
            return None
        user = self.user(name)
        return Owner(user=user) if user is not None else Owner(name=_clip(name, NAME_LENGTH))


@transaction.atomic
def save_draft(actor: User, series: MeetingSeries, draft: DraftMeeting) -> ImportResult:
    """Save a reviewed draft as a meeting of ``series`` (see the module docstring)."""
    policy.check(actor, Meetings.IMPORT, series)
    check_importable(series, draft)
    assert draft.date is not None  # checked above; for the type checker
    # Serialise imports of one series so two secretaries confirming the same minutes at once
    # cannot both pass the duplicate check.
    MeetingSeries.objects.select_for_update().filter(pk=series.pk).first()
    check_importable(series, draft)

    meeting = Meeting.objects.create(series=series, date=draft.date, created_by=actor)
    result = ImportResult(meeting=meeting)
    people = SeriesPeople(series)
    _attendance(actor, meeting, draft, people, result)
    items = _agenda(actor, meeting, draft, people, result)
    _leftover_text(actor, meeting, items, draft)
    _actions(actor, series, meeting, draft, people, result)
    _term_items(actor, series, meeting, draft, result)

    if draft.adopted:
        meeting.status = Meeting.Status.ADOPTED
        meeting.adopted_at = timezone.now()
        meeting.adopted_document = services.adopted_document(meeting)
        meeting.save(update_fields=["status", "adopted_at", "adopted_document"])
    audit.record(
        action=Meetings.IMPORT,
        actor=actor,
        obj=meeting,
        changes={
            "adopted_outside_regie": draft.adopted,
            "attendees": result.attendees,
            "items": result.items,
            "points": result.points,
            "decisions": result.decisions,
            "actions_added": result.actions_added,
            "actions_known": result.actions_known,
            "term_items_added": result.term_items_added,
        },
    )
    return result


def _attendance(
    actor: User, meeting: Meeting, draft: DraftMeeting, people: SeriesPeople, result: ImportResult
) -> None:
    members = {u.pk for u in people.users.values()}
    lists = (
        (draft.present, Attendee.Presence.PRESENT, Attendee.Kind.MEMBER),
        (draft.absent, Attendee.Presence.ABSENT, Attendee.Kind.MEMBER),
        (draft.also_present, Attendee.Presence.ALSO_PRESENT, Attendee.Kind.GUEST),
    )
    for persons, presence, kind in lists:
        for person in persons:
            user = people.user(person.name) if person.name else None
            if user is not None and meeting.attendees.filter(user=user).exists():
                continue  # named twice (present and also present): the first list wins
            name = "" if user is not None else people.attendee_name(person)
            attendee = services.invite(
                meeting,
                actor=actor,
                user=user,
                name=name,
                organisation_name=_clip(person.organisation, 200),
                role_title=_clip(person.role, 200),
                kind=(Attendee.Kind.MEMBER if user.pk in members else kind) if user else kind,
            )
            services.set_presence(attendee, presence, actor=actor)
            if person.name:
                people.attendees.setdefault(person.name.casefold().strip(), attendee)
            result.attendees += 1


def item_notes(item: DraftItem) -> list[str]:
    """The item's notes as saved (and shown on the review page): its free text without the
    lines that head its points, then its action notes."""
    headings = {p.heading.strip().rstrip(":").casefold() for p in item.points if p.heading}
    lines = [t for t in item.text if t.strip().rstrip(":").casefold() not in headings]
    lines += [f"ACTIE: {note}" for note in item.action_notes]
    return lines


def _agenda(
    actor: User, meeting: Meeting, draft: DraftMeeting, people: SeriesPeople, result: ImportResult
) -> list[AgendaItem]:
    saved = [_save_item(actor, meeting, draft_item, people, result) for draft_item in draft.items]
    # The minutes' own order, numbered once all items exist: the service puts a new item before
    # the closing one, which would give an item after "WVTTK en sluiting" that item's number.
    # (In memory the positions are stale: the service shifted the closing item in the database.)
    for position, item in enumerate(saved, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(position=position)
        item.position = position
    return saved


def _save_item(
    actor: User, meeting: Meeting, draft_item: DraftItem, people: SeriesPeople, result: ImportResult
) -> AgendaItem:
    """One agenda item with its notes, points, decisions and deferral."""
    title = _clip(draft_item.title, TITLE_LENGTH) or _("Item %(number)s") % {
        "number": draft_item.number
    }
    presenter = draft_item.presenter
    # "Toelichting door X" names the presenter in the title already; a redacted one has no
    # name to add.
    person = draft_item.presenter_person
    if (person is not None and person.redacted) or presenter.casefold() in title.casefold():
        presenter = ""
    item = services.add_item(meeting, actor=actor, title=title, presenter=_clip(presenter, 200))
    if draft_item.standing:
        # The minutes' standing keys (the service adds plain items).
        AgendaItem.objects.filter(pk=item.pk).update(standing=draft_item.standing)
        item.standing = draft_item.standing
    notes = item_notes(draft_item)
    if notes:
        services.update_item(item, actor=actor, notes="\n".join(notes))
    for point in draft_item.points:
        if not point.text.strip():
            continue
        services.add_point(
            item,
            actor=actor,
            text=point.text,
            speaker=people.speaker(point.speaker),
            heading=_clip(point.heading, 200),
        )
        result.points += 1
    for decision in draft_item.decisions:
        if decision.strip():
            services.add_decision(item, actor=actor, text=decision)
            result.decisions += 1
    if draft_item.deferred:
        services.defer_item(item, actor=actor)
    result.items += 1
    return item


def _leftover_text(
    actor: User, meeting: Meeting, items: list[AgendaItem], draft: DraftMeeting
) -> None:
    """Text before the first item and after the tables, and attendance remarks, into notes."""
    remarks = [
        f"{label}: {note}"
        for label, note in (
            ("Aanwezig", draft.present_note),
            ("Afwezig", draft.absent_note),
            ("Ook aanwezig", draft.also_present_note),
        )
        if note
    ]
    opening = [*draft.preamble, *remarks]
    closing = list(draft.appendix)
    if not (opening or closing):
        return
    if not items:
        # Minutes without numbered items: one item holds all the text.
        items = [services.add_item(meeting, actor=actor, title=_("Minutes"))]
    first, last = items[0], items[-1]
    if opening:
        first.refresh_from_db(fields=["notes"])
        services.update_item(first, actor=actor, notes="\n".join([*opening, first.notes]).strip())
    if closing:
        last.refresh_from_db(fields=["notes"])
        services.update_item(last, actor=actor, notes="\n".join([last.notes, *closing]).strip())


def _subaction_input(
    sub: DraftSubAction, people: SeriesPeople, meeting: Meeting
) -> SubActionInput | None:
    if not sub.text.strip():
        return None
    owners = [o for o in (people.owner(p) for p in sub.owners) if o is not None]
    return SubActionInput(
        description=sub.text.strip(),
        owners=owners,
        due_text=_clip(sub.due_text, DUE_LENGTH),
        done_on=meeting.date if sub.done else None,
    )


def _actions(
    actor: User,
    series: MeetingSeries,
    meeting: Meeting,
    draft: DraftMeeting,
    people: SeriesPeople,
    result: ImportResult,
) -> None:
    # Rows with the same date and subject are one action: a table with merged cells (Regie's
    # own DOCX export among them) repeats them on every sub-action's row.
    grouped: dict[tuple[dt.date, str], tuple[str, list[SubActionInput]]] = {}
    for row in draft.actions:
        subject = _clip(row.subject, SUBJECT_LENGTH)
        inputs = [i for i in (_subaction_input(s, people, meeting) for s in row.subactions) if i]
        if not subject:
            subject = _clip(inputs[0].description if inputs else row.row_text, SUBJECT_LENGTH)
        if not subject:
            continue
        if not inputs:
            # A row without a readable action: the row itself, so nothing is lost.
            inputs = [SubActionInput(description=row.row_text.strip() or subject)]
        key = (row.raised_on or meeting.date, subject.casefold())
        grouped.setdefault(key, (subject, []))[1].extend(inputs)
    for (raised_on, _key), (subject, inputs) in grouped.items():
        known = Action.objects.filter(
            series=series, raised_on=raised_on, subject__iexact=subject
        ).first()
        if known is not None:
            result.actions_known += 1
            _complete_known(actor, known, inputs, result)
            continue
        services.add_action(
            series,
            actor=actor,
            subject=subject,
            subactions=inputs,
            raised_on=raised_on,
            meeting=meeting if raised_on == meeting.date else None,
        )
        result.actions_added += 1


def _complete_known(
    actor: User, action: Action, inputs: list[SubActionInput], result: ImportResult
) -> None:
    for data in inputs:
        if data.done_on is None:
            continue
        open_sub = action.subactions.filter(
            status=SubAction.Status.OPEN, description__iexact=data.description
        ).first()
        if open_sub is not None:
            services.complete_subaction(open_sub, actor=actor, on=data.done_on)
            result.subactions_completed += 1


def _term_items(
    actor: User,
    series: MeetingSeries,
    meeting: Meeting,
    draft: DraftMeeting,
    result: ImportResult,
) -> None:
    for row in draft.term_items:
        subject = _clip(row.subject or row.row_text, TERM_SUBJECT_LENGTH)
        if not subject:
            continue
        when = _clip(row.when_text, 200)
        if TermItem.objects.filter(
            series=series, subject__iexact=subject, period_text__iexact=when
        ).exists():
            result.term_items_known += 1
            continue
        services.add_term_item(
            series,
            actor=actor,
            subject=subject,
            when_text=when,
            to_plan=row.to_plan,
            reference=meeting.date,
        )
        result.term_items_added += 1


def reference_date(draft: DraftMeeting) -> dt.date:
    """The day fuzzy periods of the draft are read against (for the review page)."""
    return draft.date or timezone.localdate()
