"""A suggestion inside one text before it becomes a ``Span``: where, on which ground, by whom."""

from __future__ import annotations

import re
from typing import NamedTuple

PERSONAL = "5.1.2.e"  # Woo 5.1.2.e: the respect for personal privacy
NATIONAL_ID = "5.1.1.e"  # Woo 5.1.1.e: national identification numbers (the BSN)

# Who suggested a span, strongest first: a person the installation knows, a configured term,
# a name this document already gave away elsewhere (learned from the others), deduce.
PRIORITY = {"known": 4, "term": 3, "context": 2, "deduce": 1}

# A word as names are written: letters with inner hyphens or apostrophes ("El-Amrani",
# "d'Ancona"); digits and underscores never belong to a name.
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


class Hit(NamedTuple):
    start: int
    end: int
    ground: str
    source: str


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
