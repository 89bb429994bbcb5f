"""The minutes as a document: PDF (WeasyPrint) and DOCX (python-docx) in the layout the team
knows from its Word minutes (title, Vergaderdatum, Aanwezig / Afwezig / Ook aanwezig, numbered
items with their points and BESLUIT lines, the ACTIELIJST and the TERMIJNAGENDA).

``snapshot`` reads the member version once into plain JSON data (kept as
``Meeting.adopted_document`` when the minutes are adopted, so an adopted export never changes);
``build`` turns the adopted snapshot, or a fresh one for minutes not adopted yet, into a plain
``MinutesDocument`` for one reader (a guest's copy leaves out the confidential items, the
actielijst, the termijnagenda and absence reasons, as the guest's page does); ``render_pdf``
and ``render_docx`` only present it, so the two formats cannot disagree.

Layout decisions:

* A document is written in the organisation's language (``settings.LANGUAGE_CODE``), whatever
  language the reader's screen is in: minutes are an official record whose text is Dutch.
* Title "Verslag <series>" with a "Concept" marker (and "ter vaststelling" once submitted);
  "Vastgesteld verslag <series>" once adopted, with the meeting that adopted it.
* A point is printed as written. The speaker's name is put in front only when the text does
  not start with it already (imported minutes do; points written in Regie usually do not):
  "Name merkt op ..." for a text that continues the sentence, "Name: Text" otherwise.
* The actielijst shows each action as it stood at the meeting: a sub-action completed after
  the meeting date is printed as open, so the export of an old meeting does not change when
  the list moves on. Dates raised are printed yyyymmdd as in the team's own lists; each
  sub-action gets its own row (the date and subject span them) so its owners and its due
  moment stay next to it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from regie.core import dates, pdf
from regie.meetings import rules, selectors
from regie.meetings.models import (
    STANDING_PREVIOUS_MINUTES,
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    MinutePoint,
    MinutesAdoption,
    SubAction,
    TermItem,
)
from regie.meetings.validators import strip_control

TEMPLATE = "meetings/documents/minutes_pdf.html"
# The only directory the PDF renderer may read from; the template needs nothing from it (the
# styles are inline and the fonts are the system's), but the renderer wants a root.
ASSETS = Path(__file__).resolve().parent / "templates" / "meetings" / "documents"


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


def _day(value: str | None) -> dt.date | None:
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


def _adoption_line(data: dict[str, Any]) -> str:
    when = day_month_year(dt.date.fromisoformat(data["date"]))
    if data["outcome"] == MinutesAdoption.Outcome.ADOPTED:
        return _("The minutes of %(date)s are adopted.") % {"date": when}
    if data["outcome"] == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES and not data["changes"]:
        return _("The minutes of %(date)s are adopted with changes.") % {"date": when}
    if data["outcome"] == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES:
        return _("The minutes of %(date)s are adopted with changes: %(changes)s") % {
            "date": when,
            "changes": data["changes"],
        }
    return _("The minutes of %(date)s are deferred to the next meeting.") % {"date": when}


def _apologies_only(reason: str) -> bool:
    """A reason that only says "sent apologies" (the field's hint, typed in): printing it
    would read "afgemeld: afgemeld"."""
    plain = reason.strip().strip(".").casefold()
    return plain in {"afgemeld", "sent apologies", _("sent apologies").casefold()}


def _person_line(data: dict[str, Any], *, guest: bool) -> PersonLine:
    detail = ", ".join(p for p in (data["role_title"], data["organisation"]) if p)
    line = PersonLine(data["name"], detail)
    reason = (data.get("reason") or "").strip()
    if data["presence"] == Attendee.Presence.ABSENT and reason:
        # A reason is the member's own (it may be about health): a guest reads only that the
        # person sent apologies, and so does everyone when the reason says nothing more.
        if guest or _apologies_only(reason):
            text = _("sent apologies")
        else:
            text = _("sent apologies: %(reason)s") % {"reason": reason}
        line.detail = f"{line.detail}; {text}" if line.detail else text
    return line


def _item_from(data: dict[str, Any], number: int) -> ItemBlock:
    deferred_from = _day(data.get("deferred_from"))
    return ItemBlock(
        number=number,
        title=data["title"] or _("Adoption of minutes"),
        presenter=data["presenter"],
        points=[PointLine(p["text"], p["heading"]) for p in data["points"]],
        notes=list(data["notes"]),
        decisions=list(data["decisions"]),
        adoptions=[_adoption_line(a) for a in data["adoptions"]],
        deferred=data["deferred"],
        deferred_from=day_month_year(deferred_from) if deferred_from else "",
        confidential=data["confidential"],
    )


def action_rows(data: dict[str, Any]) -> list[ActionRow]:
    rows = []
    for action in data["actions"]:
        lines = []
        for sub in action["subactions"]:
            # Owners the description names already (the way minute-takers write "X plant …")
            # are not repeated.
            description = sub["description"]
            missing = [o for o in sub["owners"] if o and o.casefold() not in description.casefold()]
            done = ""
            if sub["done"]:
                done = _("Completed")
                if sub["done_on"]:
                    done = f"{done} {dates.short_date(dt.date.fromisoformat(sub['done_on']))}"
            lines.append(
                SubActionLine(
                    description=description, owners=", ".join(missing), due=sub["due"], done=done
                )
            )
        raised = dt.date.fromisoformat(action["raised_on"])
        rows.append(
            ActionRow(
                raised_on=dates.short_date(raised), subject=action["subject"], subactions=lines
            )
        )
    return rows


def term_rows(data: dict[str, Any]) -> list[TermRow]:
    rows = []
    for term in data["term_items"]:
        when = term["period_text"] or ", ".join(
            day_month_year(dt.date.fromisoformat(d)) for d in term["dates"]
        )
        subject = term["subject"]
        if term["to_plan"] and "nog plannen" not in subject.casefold():
            subject = f"{subject} ({_('still to be planned')})"
        rows.append(TermRow(when=when, subject=subject, to_plan=term["to_plan"]))
    return rows


def _details(data: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if data["start_time"]:
        time = data["start_time"]
        if data["end_time"]:
            time = f"{time}–{data['end_time']}"
        rows.append((_("Time"), time))
    if data["location"]:
        rows.append((_("Place"), data["location"]))
    for label, name in ((_("Chair"), data["chair"]), (_("Minute-taker"), data["minute_taker"])):
        if name:
            rows.append((label, name))
    return rows


def build(user: Any, meeting: Meeting) -> MinutesDocument:
    """Everything the exported document shows, in the organisation's language: the adopted
    snapshot once there is one, the live minutes before (and for minutes adopted before
    snapshots existed)."""
    with translation.override(settings.LANGUAGE_CODE):
        data = meeting.adopted_document or snapshot(meeting)
        guest = rules.is_guest_view(user, meeting)
        if guest:
            data = _guest_adoptions(user, meeting, data)
        return from_snapshot(meeting, data, guest=guest)


def _guest_adoptions(user: Any, meeting: Meeting, data: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with the adoptions recorded at this meeting as a guest may read them: only
    of minutes he may open, and their notes only when his copy of those minutes numbers its
    items as the notes do (``rules.guest_adoption_readable``)."""
    openable = set(rules.guest_meetings(user).values_list("pk", flat=True))
    readable = rules.guest_adoption_readable(user)
    # Snapshots taken before adoptions named their meeting: find it by its date in the series.
    by_date = dict(Meeting.objects.filter(series_id=meeting.series_id).values_list("date", "pk"))
    items = []
    for item in data["items"]:
        kept = []
        for adoption in item["adoptions"]:
            of = adoption.get("meeting_id") or by_date.get(dt.date.fromisoformat(adoption["date"]))
            if of in openable:
                kept.append({**adoption, "changes": adoption["changes"] if of in readable else ""})
        items.append({**item, "adoptions": kept})
    return {**data, "items": items}


def from_snapshot(meeting: Meeting, data: dict[str, Any], *, guest: bool) -> MinutesDocument:
    """The document a reader gets from snapshot data: a guest's copy leaves out confidential
    items (with any adoption recorded under them), the actielijst, the termijnagenda and
    absence reasons. Items are numbered one after the other as the reader sees them, as on
    the meeting page."""
    series = meeting.series
    adopted = meeting.is_adopted
    visible_items = [i for i in data["items"] if not (guest and i["confidential"])]
    items = [_item_from(item, number) for number, item in enumerate(visible_items, start=1)]

    status_note = ""
    if adopted:
        title = _("Adopted minutes %(series)s") % {"series": series.name}
        marker = ""
        adoption = (
            meeting.adoptions.exclude(outcome=MinutesAdoption.Outcome.DEFERRED)
            .select_related("at_meeting")
            .order_by("-recorded_at")
            .first()
        )
        if adoption is not None:
            status_note = _("Adopted at the meeting of %(date)s.") % {
                "date": day_month_year(adoption.at_meeting.date)
            }
    else:
        title = _("Minutes %(series)s") % {"series": series.name}
        marker = _("Draft")
        if meeting.status == Meeting.Status.SUBMITTED:
            marker = _("Draft – for adoption")

    errata = (
        [(day_month_year(timezone.localdate(e.recorded_at)), e.text) for e in meeting.errata.all()]
        if adopted
        else []
    )
    people = data["attendees"]

    def lines(presence: str) -> list[PersonLine]:
        return [_person_line(p, guest=guest) for p in people if p["presence"] == presence]

    # Invitees without recorded attendance are listed on a draft only: in minutes sent for
    # adoption they were neither present nor absent, so they are left out.
    invited = lines(Attendee.Presence.INVITED) if meeting.status == Meeting.Status.CONCEPT else []
    document = MinutesDocument(
        organisation=series.team.organisation.name,
        series=series.name,
        title=title,
        marker=marker,
        status_note=status_note,
        meeting_date=long_date(dt.date.fromisoformat(data["date"])),
        details=_details(data),
        present=lines(Attendee.Presence.PRESENT),
        absent=lines(Attendee.Presence.ABSENT),
        also_present=lines(Attendee.Presence.ALSO_PRESENT),
        invited=invited,
        items=items,
        errata=errata,
        actions=[] if guest else action_rows(data),
        term_rows=[] if guest else term_rows(data),
        guest=guest,
        adopted=adopted,
        filename_stem=f"verslag-{slugify(series.name)}-{meeting.date:%Y-%m-%d}",
        generated_at=dates.long_datetime(timezone.now()),
    )
    document.attendance = [
        (label, people)
        for label, people in (
            (_("Present"), document.present),
            (_("Absent"), document.absent),
            (_("Also present"), document.also_present),
            (_("Invited"), document.invited),
        )
        if people
    ]
    return document


# --- PDF ---------------------------------------------------------------------------------------


def css_string(text: str) -> SafeString:
    """A CSS string literal for ``content:``: everything but plain characters escaped, so no
    name or title can end the string or the style sheet."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-–()" else f"\\{ord(ch):x} " for ch in text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character is escaped above


def page_number_parts() -> tuple[str, str, str]:
    """ "page %(page)s of %(pages)s" cut around its placeholders, for CSS page counters (one
    translatable sentence rather than loose words that other languages order differently)."""
    text = _("page %(page)s of %(pages)s")
    before, _sep, rest = text.partition("%(page)s")
    between, _sep, after = rest.partition("%(pages)s")
    return before, between, after


def render_pdf(document: MinutesDocument) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        footer = f"{document.title} · {document.meeting_date}"
        before, between, after = page_number_parts()
        return pdf.render_pdf(
            TEMPLATE,
            {
                "doc": document,
                "css_organisation": css_string(document.organisation),
                "css_marker": css_string(document.marker.upper()),
                "css_footer": css_string(footer),
                "css_page": css_string(before),
                "css_of": css_string(between),
                "css_after": css_string(after),
            },
            assets=ASSETS,
        )


# --- DOCX --------------------------------------------------------------------------------------


def _page_field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = code
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


def _repeat_header(row: Any) -> None:
    """Mark a table row as its header: repeated on every page and read as such."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _header_row(table: Any, labels: list[str]) -> None:
    row = table.rows[0]
    for cell, label in zip(row.cells, labels, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    _repeat_header(row)


def render_docx(document: MinutesDocument) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _render_docx(document)


def xml_safe(value: Any) -> Any:
    """The document with every text stripped of the control characters XML cannot hold (Word
    pastes a vertical tab for Shift+Enter; python-docx refuses it). Texts saved before the
    forms stripped them still export."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    if isinstance(value, tuple):
        return tuple(xml_safe(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: xml_safe(getattr(value, f.name)) for f in fields(value)})
    return value


def _render_docx(document: MinutesDocument) -> bytes:
    document = xml_safe(document)
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)

    header = section.header.paragraphs[0]
    header.text = document.organisation
    if document.marker:
        header.add_run("\t\t" + document.marker.upper()).bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, between, after = page_number_parts()
    footer.add_run(f"{document.title} · {document.meeting_date}    {before}")
    _page_field(footer, "PAGE")
    footer.add_run(between)
    _page_field(footer, "NUMPAGES")
    footer.add_run(after)

    # The draft marker is in the page header (on every page), as in the PDF: not repeated here.
    word.add_heading(document.title, level=0)
    if document.status_note:
        word.add_paragraph(document.status_note)

    # Label, tab, value paragraphs as in the team's own minutes (and as the importer reads
    # them back), not a table.
    for label, value in [
        (_("Meeting date"), document.meeting_date),
        *document.details,
        *[(label, ", ".join(str(p) for p in people)) for label, people in document.attendance],
    ]:
        line = word.add_paragraph()
        line.paragraph_format.tab_stops.add_tab_stop(Mm(35))
        line.paragraph_format.left_indent = Mm(35)
        line.paragraph_format.first_line_indent = -Mm(35)
        line.add_run(label).bold = True
        line.add_run("\t" + value)

    for block in document.items:
        word.add_heading(f"{block.number}. {block.title}", level=2)
        if block.presenter:
            word.add_paragraph(_("Presented by %(name)s") % {"name": block.presenter})
        if block.deferred_from:
            word.add_paragraph(
                _("Deferred from the meeting of %(date)s") % {"date": block.deferred_from}
            ).runs[0].italic = True
        for point in block.points:
            if point.heading:
                word.add_heading(point.heading, level=3)
            word.add_paragraph(point.text, style="List Bullet")
        for note in block.notes:
            word.add_paragraph(note)
        for adoption in block.adoptions:
            word.add_paragraph(adoption)
        for decision in block.decisions:
            run = word.add_paragraph().add_run(f"→ {_('DECISION')}: {decision}")
            run.bold = True
        if block.deferred:
            word.add_paragraph(_("deferred to the next meeting")).runs[0].italic = True

    if document.errata:
        word.add_heading(_("Errata"), level=1)
        word.add_paragraph(_("Corrections recorded after the minutes were adopted."))
        for when, text in document.errata:
            word.add_paragraph(f"{when}: {text}", style="List Bullet")

    if document.actions:
        word.add_heading(_("ACTION LIST"), level=1)
        table = word.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        _header_row(table, [_("Date"), _("Subject"), _("Action(s)"), _("Completion")])
        for action in document.actions:
            first = None
            for sub in action.subactions:
                cells = table.add_row().cells
                if first is None:
                    first = cells
                    cells[0].text, cells[1].text = action.raised_on, action.subject
                description = cells[2].paragraphs[0]
                description.add_run(sub.description)
                if sub.owners:
                    description.add_run(f" ({sub.owners})").italic = True
                cells[3].text = "\n".join(p for p in (sub.due, sub.done) if p)
            rows = len(action.subactions)
            if first is not None and rows > 1:
                # One date and subject across the action's sub-actions, as in the PDF.
                last = table.rows[len(table.rows) - 1].cells
                first[0].merge(last[0])
                first[1].merge(last[1])

    if document.term_rows:
        word.add_heading(_("FORWARD AGENDA"), level=1)
        table = word.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        _header_row(table, [_("When"), _("Subject")])
        for term in document.term_rows:
            cells = table.add_row().cells
            for cell, text in ((cells[0], term.when), (cells[1], term.subject)):
                run = cell.paragraphs[0].add_run(text)
                run.italic = term.to_plan

    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
