"""The shape every Woo component agrees on: a document as ordered text blocks, and redaction
spans over them. Pure: no Django, no database, so the suggestion pipeline, the review and the
exports can be tested on plain values.

A document is what gets published: adopted minutes (from the stored snapshot) or an uploaded
file, both turned into blocks. A table row is one block whose cells are separated by ``\t``;
a ground code never contains a tab, so cells survive redaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # heading level (1 = title of a section) or list depth


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(frozen=True, order=True)
class Span:
    """Characters ``start:end`` of block ``block`` are redacted on ``ground`` (canonical code,
    e.g. ``5.1.2.e``). ``source`` says who suggested it: ``known`` (a person the system knows),
    ``deduce``, ``term`` (a term list) or ``manual``."""

    block: int
    start: int
    end: int
    ground: str
    source: str = "manual"

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"empty or negative span {self.start}:{self.end}")
