"""Turning what gets published into a ``Document``: adopted minutes from their stored snapshot
(ADR 0012), or an uploaded file (DOCX, PDF with a text layer, TXT).

Minutes: the published version is the one a guest may read (ADR 0012): confidential items and
absence reasons are left out; the actielijst and termijnagenda are included as they stood at
adoption. Every name stays in the text: suggesting which to redact is the pipeline's work.

Uploads: the type is decided by the content, never by the name or the browser's content type;
the size is capped (``REGIE_WOO_MAX_UPLOAD_BYTES``), and a DOCX is refused when it would unpack
to more than that cap times ten (a zip bomb). What cannot be read is refused with a Dutch
``ValidationError`` whose ``code`` says why. Only the visible body text is taken: comments,
deleted tracked changes, text boxes, headers and footers of a DOCX, and anything but the text
layer of a PDF, are dropped, so they cannot reach a publication unreviewed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from regie.core import dates
from regie.meetings import selectors as meetings
from regie.meetings.models import Attendee, Meeting, MinutesAdoption
from regie.woo.document import Block, BlockKind, Document

# The snapshot formats this module reads (``meetings.documents.SNAPSHOT_FORMAT``).
SNAPSHOT_FORMATS = {1}

H, P, LI, TR = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW


# --- Adopted minutes ---------------------------------------------------------------------------


def _day(value: str | None) -> str:
    return dates.long_date(dt.date.fromisoformat(value)) if value else ""


def _adoption_line(data: dict[str, Any]) -> str:
    when = _day(data["date"])
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


def _person(data: dict[str, Any]) -> str:
    detail = ", ".join(p for p in (data["role_title"], data["organisation"]) if p)
    if data["presence"] == Attendee.Presence.ABSENT and (data.get("reason") or "").strip():
        # The reason itself is the member's own (it may be about health): never published.
        detail = f"{detail}; {_('sent apologies')}" if detail else _("sent apologies")
    return f"{data['name']} ({detail})" if detail else data["name"]


def _attendance(data: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    for presence, label in (
        (Attendee.Presence.PRESENT, _("Present")),
        (Attendee.Presence.ABSENT, _("Absent")),
        (Attendee.Presence.ALSO_PRESENT, _("Also present")),
    ):
        people = [p for p in data["attendees"] if p["presence"] == presence]
        if people:
            blocks.append(Block(H, label, 1))
            blocks.extend(Block(LI, _person(p)) for p in people)
    return blocks


def _item(number: int, item: dict[str, Any]) -> list[Block]:
    title = item["title"] or _("Adoption of minutes")
    heading = f"{number}. {title}"
    if item["presenter"]:
        heading = f"{heading} ({item['presenter']})"
    blocks = [Block(H, heading, 1)]
    if item.get("deferred_from"):
        text = _("Deferred from the meeting of %(date)s") % {"date": _day(item["deferred_from"])}
        blocks.append(Block(P, text))
    for point in item["points"]:
        if point["heading"]:
            blocks.append(Block(H, point["heading"], 2))
        blocks.append(Block(P, point["text"]))
    blocks.extend(Block(P, note) for note in item["notes"])
    blocks.extend(Block(P, f"{_('DECISION')}: {d}") for d in item["decisions"])
    blocks.extend(Block(P, _adoption_line(a)) for a in item["adoptions"])
    if item["deferred"]:
        blocks.append(Block(P, _("deferred to the next meeting")))
    return blocks


def _actions(data: dict[str, Any]) -> list[Block]:
    if not data["actions"]:
        return []
    blocks = [
        Block(H, _("ACTION LIST"), 1),
        Block(TR, "\t".join([_("Date"), _("Subject"), _("Action(s)"), _("Completion")])),
    ]
    for action in data["actions"]:
        raised = dates.short_date(dt.date.fromisoformat(action["raised_on"]))
        for sub in action["subactions"] or [{}]:
            description = sub.get("description", "")
            owners = [o for o in sub.get("owners", []) if o and o not in description]
            if owners:
                description = f"{description} ({', '.join(owners)})"
            due = sub.get("due", "")
            if sub.get("done"):
                done = _("Completed")
                if sub.get("done_on"):
                    done = f"{done} {dates.short_date(dt.date.fromisoformat(sub['done_on']))}"
                due = f"{due}; {done}" if due else done
            cells = [raised, action["subject"], description, due]
            blocks.append(Block(TR, "\t".join(_cell(c) for c in cells)))
    return blocks


def _terms(data: dict[str, Any]) -> list[Block]:
    if not data["term_items"]:
        return []
    blocks = [
        Block(H, _("FORWARD AGENDA"), 1),
        Block(TR, "\t".join([_("When"), _("Subject")])),
    ]
    for term in data["term_items"]:
        when = term["period_text"] or ", ".join(_day(d) for d in term["dates"])
        subject = term["subject"]
        if term["to_plan"] and "nog plannen" not in subject.casefold():
            subject = f"{subject} ({_('still to be planned')})"
        blocks.append(Block(TR, f"{_cell(when)}\t{_cell(subject)}"))
    return blocks


def _cell(text: str) -> str:
    """A table cell never holds a tab or a line break: a tab would start another cell."""
    return " ".join(text.split())


def minutes_document(meeting: Meeting) -> Document:
    """The adopted minutes of ``meeting`` as a Document, in the organisation's language.
    ValidationError (code ``not_adopted``) when they are not adopted or have no stored
    snapshot; ValueError for a snapshot format this module does not know."""
    adopted = meetings.adopted_minutes(meeting)
    if adopted is None:
        raise ValidationError(
            _("Only adopted minutes with their stored version can be published."),
            code="not_adopted",
        )
    data = adopted.snapshot
    if data.get("format") not in SNAPSHOT_FORMATS:
        raise ValueError(f"unknown minutes snapshot format {data.get('format')!r}")
    with translation.override(settings.LANGUAGE_CODE):
        meeting_date = dt.date.fromisoformat(data["date"])
        title = _("%(name)s of %(date)s") % {
            "name": _("Adopted minutes %(series)s") % {"series": meeting.series.name},
            "date": dates.long_date(meeting_date),
        }
        blocks: list[Block] = [
            Block(TR, f"{_('Meeting date')}\t{dates.weekday_date(meeting_date)}")
        ]
        if data["start_time"]:
            time = data["start_time"]
            if data["end_time"]:
                time = f"{time}–{data['end_time']}"
            blocks.append(Block(TR, f"{_('Time')}\t{time}"))
        for label, value in (
            (_("Place"), data["location"]),
            (_("Chair"), data["chair"]),
            (_("Minute-taker"), data["minute_taker"]),
        ):
            if value:
                blocks.append(Block(TR, f"{label}\t{_cell(value)}"))
        if adopted.adopted_on is not None:
            text = _("Adopted at the meeting of %(date)s.") % {
                "date": dates.long_date(adopted.adopted_on)
            }
            blocks.append(Block(P, text))
        blocks.extend(_attendance(data))
        public = [item for item in data["items"] if not item["confidential"]]
        for number, item in enumerate(public, start=1):
            blocks.extend(_item(number, item))
        blocks.extend(_actions(data))
        blocks.extend(_terms(data))
    return Document(title=title, blocks=tuple(b for b in blocks if b.text.strip()))


# --- Uploaded files ----------------------------------------------------------------------------

# Control characters other than tab and line breaks: binary content, or text that would
# break the exports.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How much larger than the upload cap a DOCX may unpack.
UNPACK_FACTOR = 10


def _limit() -> int:
    return int(settings.REGIE_WOO_MAX_UPLOAD_BYTES)


def _too_large() -> ValidationError:
    return ValidationError(
        _("The file is larger than %(size)s.") % {"size": filesizeformat(_limit())},
        code="too_large",
    )


def _wrong_type() -> ValidationError:
    return ValidationError(
        _("Upload a Word document (.docx), a PDF with a text layer or a text file (.txt)."),
        code="file_type",
    )


def read_upload(upload: IO[bytes] | bytes) -> bytes:
    """The upload's bytes, refused (``too_large``) past the cap without reading further."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(_limit() + 1)
    if len(data) > _limit():
        raise _too_large()
    return data


def kind_of(data: bytes) -> str:
    """``docx``, ``pdf`` or ``txt`` from the content (magic bytes, zip structure, UTF-8);
    ValidationError ``file_type`` for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise _wrong_type() from exc
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return "docx"
        raise _wrong_type()  # another zip: xlsx, odt, an archive
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:4096]:
            raise _wrong_type() from exc
        raise ValidationError(
            _("The text file is not UTF-8 encoded; save it as UTF-8 and try again."),
            code="encoding",
        ) from exc
    if "\x00" in text:
        raise _wrong_type()
    return "txt"


def _text_blocks(text: str) -> list[Block]:
    """Plain text as blocks: "# " headings, "- ", "* " or "• " list items (indented two spaces
    per level), lines with tabs as table rows, every other line a paragraph."""
    blocks: list[Block] = []
    for raw in _CONTROL.sub("", text).splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        stripped = line.lstrip(" ")
        if match := re.match(r"^(#{1,6})\s+(.*)$", stripped):
            blocks.append(Block(H, match.group(2).strip(), len(match.group(1))))
        elif match := re.match(r"^[-*•]\s+(.*)$", stripped):
            blocks.append(Block(LI, match.group(1).strip(), (len(line) - len(stripped)) // 2))
        elif "\t" in stripped:
            blocks.append(Block(TR, "\t".join(c.strip() for c in stripped.split("\t"))))
        else:
            blocks.append(Block(P, stripped.strip()))
    return blocks


def _docx_blocks(data: bytes) -> list[Block]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # The sizes the archive states; zipfile stops a member that grows past its own.
        if sum(info.file_size for info in archive.infolist()) > _limit() * UNPACK_FACTOR:
            raise ValidationError(
                _("This Word document is too large when unpacked."), code="too_large"
            )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken file
        raise ValidationError(
            _("This Word document could not be read."), code="unreadable"
        ) from exc

    def text_of(paragraph: Paragraph) -> str:
        # Runs inside hyperlinks and insertions count; deleted text and text boxes do not.
        runs = paragraph._p.xpath(".//w:r[not(ancestor::w:del)][not(ancestor::w:txbxContent)]")
        return _CONTROL.sub("", "".join(Run(r, paragraph).text for r in runs)).strip()

    blocks: list[Block] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    if any(cell._tc is s for s in seen):
                        continue  # a merged cell is reported once per grid column it spans
                    seen.append(cell._tc)
                    cells.append(_cell(" ".join(text_of(p) for p in cell.paragraphs)))
                if any(cells):
                    blocks.append(Block(TR, "\t".join(cells)))
            continue
        text = " ".join(text_of(part).split("\t"))
        if not text:
            continue
        style = (part.style.name if part.style is not None else "") or ""
        level = part._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
        if match := re.match(r"^(?:Heading|Kop)\s*(\d)$", style):
            blocks.append(Block(H, text, int(match.group(1))))
        elif style == "Title":
            blocks.append(Block(H, text, 1))
        elif level or style.startswith(("List", "Lijst")):
            # The paragraph's own numbering level, else the style's ("List Bullet 2").
            depth = re.search(r"\s(\d)$", style)
            nested = int(level[0]) if level else int(depth.group(1)) - 1 if depth else 0
            blocks.append(Block(LI, text, nested))
        else:
            blocks.append(Block(P, text))
    return blocks


def _pdf_blocks(data: bytes) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected with a password; upload it without protection."),
                code="encrypted",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(_("This PDF could not be read."), code="unreadable") from exc
    blocks = [
        Block(P, " ".join(line.split()))
        for page in pages
        for line in _CONTROL.sub("", page).splitlines()
        if line.strip()
    ]
    if not blocks:
        raise ValidationError(
            _(
                "This PDF has no text layer (a scan?): its text cannot be read, so it cannot be "
                "redacted. Upload the document as Word, as text, or as a PDF with text."
            ),
            code="no_text_layer",
        )
    return blocks


def upload_document(upload: IO[bytes] | bytes, *, title: str) -> Document:
    """An uploaded DOCX, PDF (with a text layer) or UTF-8 text file as a Document titled
    ``title`` (the publication's title: a file's own title property is not trusted). Raises
    ValidationError with code ``too_large``, ``file_type``, ``encoding``, ``unreadable``,
    ``encrypted``, ``no_text_layer`` or ``empty``."""
    data = read_upload(upload)
    with translation.override(settings.LANGUAGE_CODE):
        kind = kind_of(data)
        if kind == "pdf":
            blocks = _pdf_blocks(data)
        elif kind == "docx":
            blocks = _docx_blocks(data)
        else:
            blocks = _text_blocks(data.decode("utf-8-sig"))
        if not blocks:
            raise ValidationError(_("The file holds no text."), code="empty")
    return Document(title=title, blocks=tuple(blocks))
