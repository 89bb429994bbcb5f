"""The minutes as DOCX (python-docx), in the layout of the team's own Word minutes."""

from __future__ import annotations

import io
from dataclasses import fields, is_dataclass, replace
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from regie.meetings.documents.data import ItemBlock, MinutesDocument
from regie.meetings.documents.pdf import page_number_parts
from regie.meetings.validators import strip_control


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
    from docx import Document

    document = xml_safe(document)
    word = Document()
    _page_setup(word, document)
    _write_heading(word, document)
    _write_items(word, document)
    _write_errata(word, document)
    _write_actions(word, document)
    _write_term_rows(word, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: Any, document: MinutesDocument) -> None:
    """A4 portrait in Arial 10, the organisation (and the draft marker) in the page header and
    "title · date  page X of Y" in the footer."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

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


def _write_heading(word: Any, document: MinutesDocument) -> None:
    from docx.shared import Mm

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


def _write_items(word: Any, document: MinutesDocument) -> None:
    for block in document.items:
        _write_item(word, block)


def _write_item(word: Any, block: ItemBlock) -> None:
    """A numbered item: presenter, deferral, points, notes, adoptions and decisions."""
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


def _write_errata(word: Any, document: MinutesDocument) -> None:
    if not document.errata:
        return
    word.add_heading(_("Errata"), level=1)
    word.add_paragraph(_("Corrections recorded after the minutes were adopted."))
    for when, text in document.errata:
        word.add_paragraph(f"{when}: {text}", style="List Bullet")


def _write_actions(word: Any, document: MinutesDocument) -> None:
    if not document.actions:
        return
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


def _write_term_rows(word: Any, document: MinutesDocument) -> None:
    if not document.term_rows:
        return
    word.add_heading(_("FORWARD AGENDA"), level=1)
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _header_row(table, [_("When"), _("Subject")])
    for term in document.term_rows:
        cells = table.add_row().cells
        for cell, text in ((cells[0], term.when), (cells[1], term.subject)):
            run = cell.paragraphs[0].add_run(text)
            run.italic = term.to_plan
