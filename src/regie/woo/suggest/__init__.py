"""The Woo suggestion pipeline: which parts of a document to redact, on which ground, and why.

Pure apart from deduce's disk cache: everything the installation knows (its persons, term
lists and organisations) comes in as a ``Lexicon`` that ``regie.woo.selectors.lexicon`` reads
from the database, or that the command line builds from a file. See docs/woo.md.

Per document: known persons (``names``), configured terms (``terms``) and deduce
(``deduced``) each suggest hits; every person name found by deduce is then looked for again in
all its forms throughout the document (``context``: "Piet Bos" found once gives away "Bos"
and "PB" elsewhere); protected terms are taken out and overlaps merged (``merge``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regie.woo.document import Document, Span
from regie.woo.suggest import deduced, merge, names, protected, shape, terms
from regie.woo.suggest.hits import PERSONAL, Hit

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Lexicon:
    """What the installation knows. ``cache_dir`` is deduce's cache; ``None`` leaves deduce
    out (known names and terms only)."""

    known_names: tuple[str, ...] = ()
    terms: tuple[tuple[str, str], ...] = ()  # (text, ground code)
    protected: tuple[str, ...] = ()
    cache_dir: Path | None = None
    learn: bool = True  # look for names found by deduce again in all their forms


def suggest_text(text: str, lexicon: Lexicon) -> list[Hit]:
    """The suggestions for one text, merged, in order."""
    occurrences = protected.index(lexicon.protected).occurrences(text)
    hits = names.index(lexicon.known_names).find(text, "known")
    hits += terms.index(lexicon.terms).find(text)
    guessed = shape.after_titles(text)
    if lexicon.cache_dir is not None:
        found = (_tidy(hit, text) for hit in deduced.find(text, lexicon.cache_dir))
        guessed += [hit for hit in found if hit is not None]
    if lexicon.learn:
        # Learn from what survives the protected terms: "iPGA-R. Verzoeker" must not teach
        # that "Verzoeker" is a name.
        hits += _learned(text, merge.resolve(guessed, occurrences, text), lexicon)
    hits += guessed
    return merge.resolve(hits, occurrences, text)


def _digits(written: str) -> bool:
    return any(ch.isdigit() for ch in written)


def _tidy(hit: Hit, text: str) -> Hit | None:
    written = text[hit.start : hit.end]
    if hit.ground != PERSONAL or "@" in written or _digits(written):
        return hit  # an e-mail address, phone number, address or date: as deduce found it
    return shape.tidy(hit, text)


def _learned(text: str, found: list[Hit], lexicon: Lexicon) -> list[Hit]:
    written = {text[hit.start : hit.end] for hit in found if hit.ground == PERSONAL}
    candidates = tuple(sorted(w for w in written if "@" not in w and not _digits(w)))
    if not candidates:
        return []
    return names.build(candidates).find(text, "context")


def suggest(document: Document, lexicon: Lexicon) -> list[Span]:
    """The suggested spans of a whole document: its blocks are read as one text (a name in the
    attendance list is then recognised in the minutes below it), then cut back into blocks."""
    text = SEPARATOR.join(block.text for block in document.blocks)
    starts: list[int] = []
    offset = 0
    for block in document.blocks:
        starts.append(offset)
        offset += len(block.text) + len(SEPARATOR)
    spans: list[Span] = []
    for hit in suggest_text(text, lexicon):
        for number, start in enumerate(starts):
            end = start + len(document.blocks[number].text)
            low, high = max(hit.start, start), min(hit.end, end)
            if low < high:
                spans.append(Span(number, low - start, high - start, hit.ground, hit.source))
    return spans


def redact(text: str, hits: list[Hit]) -> str:
    """``text`` with every hit replaced by ``[<ground>]``."""
    pieces: list[str] = []
    position = 0
    for hit in sorted(hits):
        pieces.append(text[position : hit.start])
        pieces.append(f"[{hit.ground}]")
        position = max(position, hit.end)
    pieces.append(text[position:])
    return "".join(pieces)


__all__ = ["Lexicon", "redact", "suggest", "suggest_text"]
