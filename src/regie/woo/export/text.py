"""The redacted document as plain text: each span replaced by ``[<ground>]``."""

from __future__ import annotations

from collections.abc import Iterable

from regie.woo.document import BlockKind, Document, Span
from regie.woo.export.redact import redact


def render_text(document: Document, spans: Iterable[Span]) -> str:
    """Title, then one block per paragraph (blank line between), list items as "- " indented
    two spaces per level, table rows with their cells tab-separated as they are stored."""
    redacted = redact(document, spans).document
    lines: list[str] = [redacted.title, ""]
    previous: BlockKind | None = None
    for block in redacted.blocks:
        grouped = block.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW)
        if lines[-1] != "" and not (grouped and block.kind == previous):
            lines.append("")
        if block.kind == BlockKind.LIST_ITEM:
            lines.append("  " * block.level + f"- {block.text}")
        else:
            lines.append(block.text)
        previous = block.kind
    return "\n".join(lines).rstrip("\n") + "\n"
