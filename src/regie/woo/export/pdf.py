"""The redacted document as PDF (WeasyPrint through ``regie.core.pdf``, which reaches no
network). Redacted text is gone, not covered: the HTML that WeasyPrint lays out is made from the
redacted document, in which each span is already a placeholder, and each placeholder is drawn
as a box labelled with its ground.

The document information dictionary is written by us, whole: title (the document's title,
which ``redact`` refuses when it contains redacted text), author (the publishing organisation,
never a person), subject, keywords (the grounds applied), creator and producer ("Regie"). No
XMP packet, no attachments, no links or other annotations; the outline (bookmarks) holds the
headings of the redacted document only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from regie.core import pdf
from regie.woo.document import BlockKind, Document, Span
from regie.woo.export.redact import Mark, RedactedDocument, redact, redacted_strings, refuse_leaks

TEMPLATE = "woo/export/document_pdf.html"
# The root WeasyPrint may read from; the template needs nothing from it (inline styles,
# system fonts), but the renderer wants one.
ASSETS = Path(__file__).resolve().parent.parent / "templates" / "woo" / "export"
PRODUCER = "Regie"


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF says about itself besides its title. ``author`` is the publishing
    organisation: a Woo publication names no official as its author."""

    author: str
    subject: str = ""
    keywords: tuple[str, ...] = ()


def information(title: str, metadata: PdfMetadata, grounds: Iterable[str]) -> dict[str, str]:
    """The document information dictionary, entry by entry."""
    keywords = [*metadata.keywords, "Woo", *sorted(set(grounds))]
    info = {
        "Title": title,
        "Author": metadata.author,
        "Keywords": ", ".join(dict.fromkeys(k for k in keywords if k)),
        "Creator": PRODUCER,
        "Producer": PRODUCER,
    }
    if metadata.subject:
        info["Subject"] = metadata.subject
    return info


def information_finisher(info: dict[str, str]) -> Any:
    def finish(document: Any, output: Any) -> None:
        import pydyf

        # Replace, not add to, what WeasyPrint wrote (its producer, anything from <meta>).
        output.info.clear()
        for key, value in info.items():
            output.info[key] = pydyf.String(value)

    return finish


def _segments_html(parts: Sequence[str | Mark]) -> SafeString:
    html = "".join(
        format_html('<span class="redaction">{}</span>', part.ground)
        if isinstance(part, Mark)
        else str(conditional_escape(part))
        for part in parts
    )
    return mark_safe(html)  # noqa: S308 - every part is escaped above


def _list_html(items: list[tuple[int, SafeString]]) -> str:
    """Consecutive list items as nested <ul>s; a level may go down any number of steps but up
    only one at a time (a deeper jump has no parent item to hang from)."""
    base = min(level for level, _content in items)
    out = ["<ul>"]
    depth = 0
    for number, (raw_level, content) in enumerate(items):
        level = 0 if number == 0 else min(raw_level - base, depth + 1)
        if number and level > depth:
            out.append("<ul>")
        elif number:
            out.append("</li>")
            out.extend("</ul></li>" for _step in range(depth - level))
        depth = level
        out.append(f"<li>{content}")
    out.append("</li>")
    out.extend("</ul></li>" for _step in range(depth))
    out.append("</ul>")
    return "".join(out)


def body_html(redacted: RedactedDocument) -> SafeString:
    """The blocks as HTML: headings, paragraphs, nested lists and tables (consecutive table
    rows, cells split on tabs)."""
    out: list[str] = []
    blocks = list(enumerate(redacted.document.blocks))
    for kind, group in groupby(blocks, key=lambda pair: pair[1].kind):
        run = list(group)
        if kind == BlockKind.LIST_ITEM:
            out.append(
                _list_html([(b.level, _segments_html(redacted.segments(i))) for i, b in run])
            )
        elif kind == BlockKind.TABLE_ROW:
            rows = []
            for index, _block in run:
                cells = "".join(
                    f"<td>{_segments_html(cell)}</td>" for cell in redacted.cells(index)
                )
                rows.append(f"<tr>{cells}</tr>")
            out.append(f"<table><tbody>{''.join(rows)}</tbody></table>")
        elif kind == BlockKind.HEADING:
            for index, block in run:
                tag = f"h{min(max(block.level, 1) + 1, 6)}"
                out.append(f"<{tag}>{_segments_html(redacted.segments(index))}</{tag}>")
        else:
            out.extend(f"<p>{_segments_html(redacted.segments(index))}</p>" for index, _b in run)
    return mark_safe("".join(out))  # noqa: S308 - built from escaped segments and fixed tags


def render_pdf(document: Document, spans: Iterable[Span], *, metadata: PdfMetadata) -> bytes:
    """The PDF of ``document`` with ``spans`` redacted. ValueError when the spans are invalid
    or the title or metadata contain redacted text."""
    spans = list(spans)
    redacted = redact(document, spans)
    info = information(document.title, metadata, redacted.grounds)
    refuse_leaks("PDF metadata", info.values(), redacted_strings(document, spans))
    with translation.override(settings.LANGUAGE_CODE):
        return pdf.render_pdf(
            TEMPLATE,
            {
                "title": redacted.document.title,
                "body": body_html(redacted),
                "grounds": sorted(redacted.grounds.items()),
                "language": settings.LANGUAGE_CODE,
            },
            assets=ASSETS,
            finisher=information_finisher(info),
        )
