"""Applying redaction spans to a document: the one step every export goes through, so no export
can be handed the original text by mistake.

Each span's characters are replaced by a placeholder that carries only its ground
(``[5.1.2.e]``): fixed text, whatever the length of what it replaces, so not even the length of
a name survives. The result keeps where each placeholder sits (``Mark``) for exports that
draw it as a box instead of printing the brackets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from regie.woo.document import Block, Document, Span

# A ground is a canonical article code ("5.1.2.e", "5.1.5", "5.2"): refusing anything else
# means no caller can smuggle text (a name) into a placeholder through the ground.
GROUND = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,3}(?:\.[a-z])?")


def placeholder(ground: str) -> str:
    return f"[{ground}]"


@dataclass(frozen=True)
class Mark:
    """A placeholder in the redacted text: characters ``start:end`` of block ``block``."""

    block: int
    start: int
    end: int
    ground: str


@dataclass(frozen=True)
class RedactedDocument:
    """A document in which every span is a placeholder. It holds no original text of a span:
    not in its blocks, not in its marks."""

    document: Document
    marks: tuple[Mark, ...] = field(default_factory=tuple)

    @cached_property
    def _marks_by_block(self) -> dict[int, list[Mark]]:
        grouped: dict[int, list[Mark]] = {}
        for mark in self.marks:
            grouped.setdefault(mark.block, []).append(mark)
        return grouped

    @property
    def grounds(self) -> Counter[str]:
        """How often each ground was applied."""
        return Counter(mark.ground for mark in self.marks)

    def segments(self, index: int) -> list[str | Mark]:
        """Block ``index`` as plain strings and the marks between them, in order: what a
        renderer needs to draw boxes."""
        text = self.document.blocks[index].text
        parts: list[str | Mark] = []
        position = 0
        for mark in self._marks_by_block.get(index, []):
            if mark.start > position:
                parts.append(text[position : mark.start])
            parts.append(mark)
            position = mark.end
        if position < len(text):
            parts.append(text[position:])
        return parts

    def cells(self, index: int) -> list[list[str | Mark]]:
        """A table row's cells (split on tabs, which no placeholder contains), each as
        segments."""
        row: list[list[str | Mark]] = [[]]
        for part in self.segments(index):
            if isinstance(part, Mark):
                row[-1].append(part)
                continue
            first, *rest = part.split("\t")
            if first:
                row[-1].append(first)
            for cell in rest:
                row.append([cell] if cell else [])
        return row


def checked(document: Document, spans: Iterable[Span]) -> list[Span]:
    """The spans sorted, after refusing (ValueError) any that points outside its block, has a
    malformed ground or overlaps another: a review that produced such spans is wrong, and
    guessing what it meant could publish a name."""
    ordered = sorted(spans)
    previous: Span | None = None
    for span in ordered:
        if not 0 <= span.block < len(document.blocks):
            raise ValueError(f"span {span} points at block {span.block}, which does not exist")
        if span.end > len(document.blocks[span.block].text):
            raise ValueError(f"span {span} runs past the end of block {span.block}")
        if not GROUND.fullmatch(span.ground):
            raise ValueError(f"span {span} has a malformed ground {span.ground!r}")
        if previous is not None and previous.block == span.block and span.start < previous.end:
            raise ValueError(f"spans {previous} and {span} overlap")
        previous = span
    return ordered


def redacted_strings(document: Document, spans: Iterable[Span]) -> set[str]:
    """The texts the spans cover (stripped): what must appear nowhere in an export."""
    found = (document.blocks[s.block].text[s.start : s.end].strip() for s in spans)
    return {text for text in found if text}


def refuse_leaks(where: str, texts: Iterable[str], secrets: set[str]) -> None:
    """ValueError when a redacted text occurs as a word in one of ``texts`` (the title, the
    PDF's metadata): those are printed as given, so they are refused rather than published.
    The message does not repeat the text: it may end up in a log."""
    for text in texts:
        folded = text.casefold()
        for secret in secrets:
            if re.search(rf"(?<!\w){re.escape(secret.casefold())}(?!\w)", folded):
                raise ValueError(f"the {where} contains redacted text ({len(secret)} characters)")


def redact(document: Document, spans: Iterable[Span]) -> RedactedDocument:
    """The document with each span replaced by its placeholder.

    The title is not a block and cannot carry spans; a title that contains redacted text
    is refused (ValueError) rather than printed on the cover and in the PDF's metadata."""
    ordered = checked(document, spans)
    refuse_leaks("title", [document.title], redacted_strings(document, ordered))
    per_block: dict[int, list[Span]] = {}
    for span in ordered:
        per_block.setdefault(span.block, []).append(span)
    blocks: list[Block] = []
    marks: list[Mark] = []
    for index, block in enumerate(document.blocks):
        pieces: list[str] = []
        length = 0
        position = 0
        for span in per_block.get(index, ()):
            kept = block.text[position : span.start]
            pieces.append(kept)
            length += len(kept)
            label = placeholder(span.ground)
            marks.append(Mark(index, length, length + len(label), span.ground))
            pieces.append(label)
            length += len(label)
            position = span.end
        pieces.append(block.text[position:])
        blocks.append(Block(block.kind, "".join(pieces), block.level))
    return RedactedDocument(Document(document.title, tuple(blocks)), tuple(marks))
