"""Reading a Word document (DOCX) as the text the text parser reads."""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

import docx
from docx.document import Document as _DocxDocument
from docx.table import Table as _DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as _DocxParagraph
from docx.text.run import Run

from regie.meetings.importing.parser.draft import DraftMeeting, MinutesImportError
from regie.meetings.importing.parser.text import parse_text
from regie.meetings.importing.parser.vocabulary import _squash

# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def parse_docx(data: bytes | IO[bytes]) -> DraftMeeting:
    """Parse a DOCX upload. Raises MinutesImportError only when the file is not a DOCX."""
    return parse_text(docx_to_text(data))


# A DOCX is a zip archive: 2 MB compressed can unpack to gigabytes (a zip bomb). Real minutes
# unpack to well under a megabyte; python-docx reads whole parts into memory.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024


class DocxTooLarge(MinutesImportError):
    """The DOCX unpacks to more than MAX_UNPACKED_BYTES."""


def _check_unpacked_size(stream: IO[bytes]) -> None:
    """Refuse an archive whose members unpack too large, from the sizes its directory states,
    before anything is decompressed (zipfile stops a member that grows past its stated size)."""
    start = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise MinutesImportError(f"Not a readable DOCX file: {exc}") from exc
    finally:
        stream.seek(start)
    if total > MAX_UNPACKED_BYTES:
        raise DocxTooLarge(f"The DOCX unpacks to {total} bytes, more than {MAX_UNPACKED_BYTES}.")


def docx_to_text(data: bytes | IO[bytes]) -> str:
    """Render a DOCX as the text format ``parse_text`` reads, keeping paragraphs and tables in
    document order: bold as **…**, italic as <i>…</i>, superscript as ^{…}, list paragraphs as
    "- " (nested "- o "), numbered list paragraphs as "N. ", table rows tab-separated."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    _check_unpacked_size(stream)
    try:
        document = docx.Document(stream)
    except Exception as exc:  # python-docx raises several types for a non-DOCX upload
        raise MinutesImportError(f"Not a readable DOCX file: {exc}") from exc
    numbering = _Numbering(document)
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, _DocxTable):
            blocks.append(_table_text(block))
        else:
            blocks.append(numbering.prefix(block) + _paragraph_text(block))
    return "\n\n".join(blocks)


_Format = tuple[bool, bool, bool]  # bold, italic, superscript


def _paragraph_text(paragraph: _DocxParagraph) -> str:
    segments: list[tuple[str, _Format]] = []
    # ``paragraph.runs`` holds only direct children: text inside hyperlinks, tracked insertions
    # or content controls would be lost. Deleted text and text boxes (drawn twice, once as a
    # fallback) are left out.
    elements = paragraph._p.xpath(".//w:r[not(ancestor::w:del)][not(ancestor::w:txbxContent)]")
    for run in (Run(r, paragraph) for r in elements):
        fmt = (bool(run.bold), bool(run.italic), bool(run.font.superscript))
        if segments and segments[-1][1] == fmt:
            # Word splits runs arbitrarily; merge equal ones so "**BES****LUIT**" cannot happen.
            segments[-1] = (segments[-1][0] + run.text, fmt)
        else:
            segments.append((run.text, fmt))
    return "".join(_render_segment(text, fmt) for text, fmt in segments)


def _render_segment(text: str, fmt: _Format) -> str:
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    bold, italic, superscript = fmt
    if superscript:
        core = f"^{{{core}}}"
    if italic:
        core = f"<i>{core}</i>"
    if bold:
        core = f"**{core}**"
    return f"{lead}{core}{trail}"


def _table_text(table: _DocxTable) -> str:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):
                continue  # a merged cell is reported once per grid column it spans
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _cell_text(cell: _Cell) -> str:
    """A cell on one line: its paragraphs, and any nested table, joined by spaces."""
    parts: list[str] = []
    for block in cell.iter_inner_content():
        parts.append(
            _table_text(block) if isinstance(block, _DocxTable) else _paragraph_text(block)
        )
    return _squash(" ".join(parts).replace("\t", " "))


class _Numbering:
    """Turn Word list paragraphs into the "- " / "N. " prefixes the text parser expects."""

    def __init__(self, document: _DocxDocument) -> None:
        self.document = document
        self.counters: dict[tuple[str, int], int] = {}

    def prefix(self, paragraph: _DocxParagraph) -> str:
        info = self._list_info(paragraph)
        if info is None:
            return ""
        key, level, numbered = info
        if numbered and level == 0:
            count = self.counters.get((key, level), 0) + 1
            self.counters[(key, level)] = count
            return f"{count}. "
        return "- o " if level > 0 else "- "

    def _list_info(self, paragraph: _DocxParagraph) -> tuple[str, int, bool] | None:
        num_ids = paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_ids and str(num_ids[0]) != "0":  # numId 0 switches numbering off
            levels = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            level = int(levels[0]) if levels else 0
            num_id = str(num_ids[0])
            return num_id, level, self._format(num_id, level) not in ("bullet", "none", "")
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
        match = re.match(r"list (bullet|number)(?: (\d))?", style, re.I)
        if match:
            level = int(match.group(2) or 1) - 1
            kind = match.group(1).lower()
            return f"style:{kind}", level, kind == "number"
        return None

    def _format(self, num_id: str, level: int) -> str:
        try:
            root = self.document.part.numbering_part.element
            abstract = root.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
            formats = root.xpath(
                f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]'
                f'/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
            )
            return str(formats[0])
        except (IndexError, KeyError, NotImplementedError, AttributeError):
            return "bullet"  # unknown numbering: a bullet keeps the text without inventing items
