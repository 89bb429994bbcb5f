"""The review screen as view models: the document's blocks cut into plain text and marked
redactions, the legend of the grounds used, and the history of the publication.

A ground is told by a colour **and** its code written inside the mark, never by colour alone.
Colours are handed out per ground in the order of the grounds used, from a fixed palette whose
every pair of text and background passes WCAG 2.2 AA contrast (``app.css``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from regie.woo import selectors
from regie.woo.document import Document
from regie.woo.models import Ground, Publication, Redaction
from regie.woo.vocabulary import Woo

if TYPE_CHECKING:
    from regie.accounts.models import User

PALETTE = 6


@dataclass(frozen=True)
class Segment:
    text: str
    redaction: Redaction | None = None
    colour: int = 0


@dataclass
class BlockView:
    index: int
    kind: str
    level: int
    text: str
    segments: list[Segment] = field(default_factory=list)
    # Each redaction with the text it covers.
    redactions: list[tuple[Redaction, str]] = field(default_factory=list)

    @property
    def heading_tag(self) -> str:
        # The page has h1 (title) and h2 (sections): the document's own headings come below.
        return f"h{min(self.level + 2, 6)}" if self.kind == "heading" else ""

    @property
    def cells(self) -> int:
        return self.text.count("\t") + 1


@dataclass(frozen=True)
class LegendEntry:
    ground: Ground
    colour: int
    count: int


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    what: str
    who: User | None = None
    detail: str = ""


def colours(redactions: Sequence[Redaction]) -> dict[int, int]:
    """Ground pk → palette index, in the order of the grounds (then their codes)."""
    grounds = sorted({r.ground for r in redactions}, key=lambda g: (g.order, g.code))
    return {g.pk: i % PALETTE for i, g in enumerate(grounds)}


def legend(redactions: Sequence[Redaction], palette: dict[int, int]) -> list[LegendEntry]:
    standing = [r for r in redactions if r.state != Redaction.State.REJECTED]
    counts: dict[int, int] = {}
    for r in standing:
        counts[r.ground_id] = counts.get(r.ground_id, 0) + 1
    grounds = sorted({r.ground for r in standing}, key=lambda g: (g.order, g.code))
    return [LegendEntry(g, palette[g.pk], counts[g.pk]) for g in grounds]


def _segments(text: str, marks: list[Redaction], palette: dict[int, int]) -> list[Segment]:
    # Standing redactions never overlap (the services refuse it); a rejected suggestion may lie
    # under a later manual one, so the standing ones are laid down first and the rejected ones
    # only where they fit.
    ordered = sorted(marks, key=lambda r: (r.state == Redaction.State.REJECTED, r.start))
    placed: list[Redaction] = []
    for redaction in ordered:
        if redaction.end > len(text):
            continue
        if all(redaction.end <= p.start or redaction.start >= p.end for p in placed):
            placed.append(redaction)
    placed.sort(key=lambda r: r.start)
    segments: list[Segment] = []
    at = 0
    for redaction in placed:
        if redaction.start > at:
            segments.append(Segment(text[at : redaction.start]))
        segments.append(
            Segment(text[redaction.start : redaction.end], redaction, palette[redaction.ground_id])
        )
        at = redaction.end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


def blocks(
    document: Document, redactions: Sequence[Redaction], palette: dict[int, int]
) -> list[BlockView]:
    per_block: dict[int, list[Redaction]] = {}
    for redaction in redactions:
        per_block.setdefault(redaction.block, []).append(redaction)
    views = []
    for index, block in enumerate(document.blocks):
        marks = per_block.get(index, [])
        views.append(
            BlockView(
                index=index,
                kind=str(block.kind),
                level=block.level,
                text=block.text,
                segments=_segments(block.text, marks, palette),
                redactions=[
                    (r, block.text[r.start : r.end])
                    for r in sorted(marks, key=lambda r: (r.start, r.pk))
                ],
            )
        )
    return views


def block_choices(document: Document) -> list[tuple[int, str]]:
    """The blocks as a choice list: number and the start of the text."""
    choices = []
    for index, block in enumerate(document.blocks):
        text = " ".join(block.text.split())
        if len(text) > 60:
            text = f"{text[:57]}…"
        choices.append((index, _("Part %(n)d: %(text)s") % {"n": index + 1, "text": text}))
    return choices


def history(publication: Publication) -> list[HistoryEntry]:
    """The steps from the audit log; from the publication's own fields where the log has none
    (a publication written without the services)."""
    told = {
        Woo.PUBLICATION_CREATE: _("Created"),
        Woo.PUBLICATION_SUBMIT: _("Submitted for review"),
        Woo.PUBLICATION_SEND_BACK: _("Sent back for changes"),
        Woo.PUBLICATION_APPROVE: _("Approved"),
        Woo.PUBLICATION_PUBLISH: _("Published"),
        Woo.PUBLICATION_WITHDRAW: _("Withdrawn"),
    }
    logged = [
        HistoryEntry(
            event.occurred_at,
            told[Woo(event.action)],
            who,
            str(event.changes.get("reason", "")) if isinstance(event.changes, dict) else "",
        )
        for event, who in selectors.steps(publication)
    ]
    return logged or _from_fields(publication)


def _from_fields(publication: Publication) -> list[HistoryEntry]:
    entries = [HistoryEntry(publication.created_at, _("Created"), publication.created_by)]
    if publication.submitted_at:
        entries.append(
            HistoryEntry(
                publication.submitted_at, _("Submitted for review"), publication.submitted_by
            )
        )
    if publication.approved_at:
        entries.append(
            HistoryEntry(publication.approved_at, _("Approved"), publication.approved_by)
        )
    if publication.published_at:
        entries.append(HistoryEntry(publication.published_at, _("Published")))
    if publication.withdrawn_at:
        entries.append(
            HistoryEntry(
                publication.withdrawn_at, _("Withdrawn"), detail=publication.withdraw_reason
            )
        )
    return entries
