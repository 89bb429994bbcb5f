"""From raw hits to the suggestions shown (pure): protected words taken out, overlaps merged.

Protected terms (places, bodies, functions) are never redacted: a hit inside one is dropped;
a known name or term that runs into one is cut back to the part outside it; so is a guess
(deduce, context), but only what still reads as a full name is kept: "Laura Meijer" of
"Laura Meijer van Samen DOEN", nothing of "iPGA-R Teamoverleg". The one exception is a
known person's full name that contains a protected word as its surname ("Kees Amsterdam"):
there the word is part of a name, and the name is redacted whole.

Overlapping hits then become one span covering all of them, so nothing in between leaks; it
carries the ground and source of the longest hit, and between hits of equal length the
stronger source wins (known > term > context > deduce).
"""

from __future__ import annotations

from collections.abc import Iterable

from regie.woo.suggest import shape
from regie.woo.suggest.hits import PRIORITY, Hit, tokens

# Sources that recognise a name by its shape rather than by knowing it.
_GUESSES = frozenset({"deduce", "context"})


def _trim(hit: Hit, protected: list[tuple[int, int]], text: str) -> list[Hit]:
    pieces = [hit]
    for start, end in protected:
        kept: list[Hit] = []
        for piece in pieces:
            if end <= piece.start or start >= piece.end:
                kept.append(piece)
                continue
            contains = piece.start <= start and end <= piece.end and (start, end) != piece[:2]
            if contains and piece.source == "known" and _full_name(text[piece.start : piece.end]):
                kept.append(piece)
                continue
            rests = []
            if piece.start < start:
                rests.append(piece._replace(end=start))
            if end < piece.end:
                rests.append(piece._replace(start=end))
            if piece.source in _GUESSES and _name_like(piece, text):
                rests = [r for r in (shape.tidy(r, text) for r in rests) if r and _names(r, text)]
            kept.extend(rests)
        pieces = kept
    stripped = (_strip(piece, text) for piece in pieces)
    return [piece for piece in stripped if piece is not None]


def _full_name(written: str) -> bool:
    return " " in written and all(ch.isalpha() or ch in " .-'’" for ch in written)


def _name_like(hit: Hit, text: str) -> bool:
    written = text[hit.start : hit.end]
    return "@" not in written and not any(ch.isdigit() for ch in written)


def _names(hit: Hit, text: str) -> bool:
    """Whether what is left of a guess still looks like a full name (two words or more):
    "Laura Meijer" of "Laura Meijer van Samen DOEN", not "Teamoverleg" of "iPGA-R
    Teamoverleg"."""
    return len(tokens(text[hit.start : hit.end])) >= 2


def _strip(hit: Hit, text: str) -> Hit | None:
    """A piece cut from a hit without its leading and trailing spaces and punctuation; ``None``
    when nothing that could be a name is left."""
    start, end = hit.start, hit.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "'’."):
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return hit._replace(start=start, end=end)


def _rank(hit: Hit) -> tuple[int, int]:
    return (hit.end - hit.start, PRIORITY.get(hit.source, 0))


def resolve(hits: Iterable[Hit], protected: list[tuple[int, int]], text: str) -> list[Hit]:
    kept: list[Hit] = []
    for hit in hits:
        touching = [p for p in protected if p[0] < hit.end and p[1] > hit.start]
        kept.extend(_trim(hit, touching, text) if touching else [hit])
    kept.sort()
    merged: list[Hit] = []
    cluster: list[Hit] = []
    end = -1
    for hit in kept:
        if cluster and hit.start >= end:
            merged.append(_combine(cluster))
            cluster = []
        cluster.append(hit)
        end = max(end, hit.end) if len(cluster) > 1 else hit.end
    if cluster:
        merged.append(_combine(cluster))
    return merged


def _combine(cluster: list[Hit]) -> Hit:
    best = max(cluster, key=_rank)
    return best._replace(start=min(h.start for h in cluster), end=max(h.end for h in cluster))
