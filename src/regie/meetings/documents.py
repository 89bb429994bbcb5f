"""The minutes as a document: PDF (WeasyPrint) and DOCX (python-docx) in the layout the team
knows from its Word minutes (title, Vergaderdatum, Aanwezig / Afwezig / Ook aanwezig, numbered
items with their points and BESLUIT lines, the ACTIELIJST and the TERMIJNAGENDA).

``build`` reads everything once through ``selectors.meeting_view`` (so a guest's copy leaves
out the confidential items, the actielijst and the termijnagenda exactly as the guest's page
does) into a plain ``MinutesDocument``; ``render_pdf`` and ``render_docx`` only present it, so
the two formats cannot disagree.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from regie.core import pdf
from regie.meetings import selectors
from regie.meetings.models import (
    STANDING_PREVIOUS_MINUTES,
    Action,
    AgendaItem,
    Attendee,
    Meeting,
    MinutePoint,
    MinutesAdoption,
    SubAction,
    TermItem,
)

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


def long_date(day: dt.date) -> str:
    """ "Dinsdag 15 juni 2021" in the active language."""
    return capfirst(date_filter(day, "l j F Y"))


def day_month_year(day: dt.date) -> str:
    return str(date_filter(day, "j F Y"))


def _person(attendee: Attendee) -> PersonLine:
    detail = ", ".join(p for p in (attendee.role_title, attendee.organisation_name) if p)
    return PersonLine(attendee.display_name, detail)


def _absent(attendee: Attendee) -> PersonLine:
    line = _person(attendee)
    if attendee.absence_reason:
        reason = _("sent apologies: %(reason)s") % {"reason": attendee.absence_reason}
        line.detail = f"{line.detail}; {reason}" if line.detail else reason
    return line


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


def _adoption_line(adoption: MinutesAdoption) -> str:
    when = day_month_year(adoption.minutes_of.date)
    if adoption.outcome == MinutesAdoption.Outcome.ADOPTED:
        return _("The minutes of %(date)s are adopted.") % {"date": when}
    if adoption.outcome == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES:
        return _("The minutes of %(date)s are adopted with changes: %(changes)s") % {
            "date": when,
            "changes": adoption.changes,
        }
    return _("The minutes of %(date)s are deferred to the next meeting.") % {"date": when}


def _item_block(item: AgendaItem) -> ItemBlock:
    block = ItemBlock(
        number=item.position,
        title=item.title,
        presenter=item.presenter,
        notes=_paragraphs(item.notes),
        decisions=[d.text.strip() for d in item.decisions.all()],
        deferred=item.deferred,
        confidential=item.confidential,
    )
    source = item.deferred_from
    if source is not None:
        block.deferred_from = day_month_year(source.meeting.date)
    heading = ""
    for point in item.points.all():
        line = PointLine(point_text(point))
        if point.heading and point.heading != heading:
            line.heading = point.heading
        heading = point.heading
        block.points.append(line)
    return block


def _is_adoption_item(block: ItemBlock, item: AgendaItem) -> bool:
    if item.standing == STANDING_PREVIOUS_MINUTES:
        return True
    return block.title.casefold().startswith("vaststellen verslag")


def _raised(day: dt.date) -> str:
    return f"{day:%Y%m%d}"


def _subaction_line(sub: SubAction, meeting: Meeting) -> SubActionLine:
    owners = [o.display_name for o in sub.owners.all()]
    # Owners the description names already (the way minute-takers write "X plant …") are not
    # repeated.
    missing = [o for o in owners if o and o.casefold() not in sub.description.casefold()]
    done = ""
    # As it stood at the meeting: completed later means still open in these minutes.
    if sub.status == SubAction.Status.DONE and (
        sub.completed_on is None or sub.completed_on <= meeting.date
    ):
        done = _("Completed")
        if sub.completed_on is not None:
            done = f"{done} {sub.completed_on:%d-%m-%Y}"
    return SubActionLine(
        description=sub.description.strip(),
        owners=", ".join(missing),
        due=sub.due_text,
        done=done,
    )


def _action_row(action: Action, meeting: Meeting) -> ActionRow:
    return ActionRow(
        raised_on=_raised(action.raised_on),
        subject=action.subject,
        subactions=[_subaction_line(s, meeting) for s in action.subactions.all()],
    )


def _term_row(item: TermItem) -> TermRow:
    when = item.period_text
    if not when:
        when = ", ".join(day_month_year(d.date) for d in item.dates.all())
    subject = item.subject
    if item.to_plan and "nog plannen" not in subject.casefold():
        subject = f"{subject} ({_('still to be planned')})"
    return TermRow(when=when, subject=subject, to_plan=item.to_plan)


def _details(meeting: Meeting) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if meeting.start_time:
        time = f"{meeting.start_time:%H:%M}"
        if meeting.end_time:
            time = f"{time}–{meeting.end_time:%H:%M}"
        rows.append((_("Time"), time))
    if meeting.location:
        rows.append((_("Place"), meeting.location))
    for label, person in ((_("Chair"), meeting.chair), (_("Minute-taker"), meeting.minute_taker)):
        if person is not None:
            rows.append((label, person.get_full_name() or person.get_username()))
    return rows


def build(user: Any, meeting: Meeting) -> MinutesDocument:
    """Everything the exported document shows, in the organisation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(user, meeting)


def _build(user: Any, meeting: Meeting) -> MinutesDocument:
    view = selectors.meeting_view(user, meeting)
    series = meeting.series
    adopted = meeting.is_adopted
    items: list[ItemBlock] = []
    adoption_block: ItemBlock | None = None
    for item in view.items:
        block = _item_block(item)
        if adoption_block is None and _is_adoption_item(block, item):
            adoption_block = block
        items.append(block)
    made = list(
        MinutesAdoption.objects.filter(at_meeting=meeting)
        .select_related("minutes_of")
        .order_by("recorded_at", "id")
    )
    if made:
        if adoption_block is None:
            adoption_block = ItemBlock(number=len(items) + 1, title=_("Adoption of minutes"))
            items.append(adoption_block)
        adoption_block.adoptions = [_adoption_line(a) for a in made]

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
    document = MinutesDocument(
        organisation=series.team.organisation.name,
        series=series.name,
        title=title,
        marker=marker,
        status_note=status_note,
        meeting_date=long_date(meeting.date),
        details=_details(meeting),
        present=[_person(a) for a in view.present],
        absent=[_absent(a) for a in view.absent],
        also_present=[_person(a) for a in view.also_present],
        invited=[_person(a) for a in view.invited],
        items=items,
        errata=errata,
        actions=[_action_row(a, meeting) for a in view.actions],
        # In date order with the undated ("nog plannen") items last, as the team's own list.
        term_rows=[
            _term_row(t)
            for t in sorted(
                view.term_items,
                key=lambda t: (t.period_start is None, t.period_start or dt.date.min),
            )
        ],
        guest=view.guest,
        adopted=adopted,
        filename_stem=f"verslag-{slugify(series.name)}-{meeting.date:%Y-%m-%d}",
        generated_at=str(date_filter(timezone.localtime(), "j F Y H:i")),
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


def _render_docx(document: MinutesDocument) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

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

    word.add_heading(document.title, level=0)
    if document.marker:
        marker = word.add_paragraph().add_run(document.marker.upper())
        marker.bold = True
        marker.font.color.rgb = RGBColor(0x9E, 0x1B, 0x1B)
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
