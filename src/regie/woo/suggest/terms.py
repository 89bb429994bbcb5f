"""Term lists per ground (pure): configured words always suggested on their ground, e.g. the
name of a security-sensitive team on 5.1.2.h. Matched as whole words, with the same case rule
as the protected terms (a term with an inner capital must match its case exactly)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from regie.woo.suggest.hits import Hit
from regie.woo.suggest.protected import _alternative


@dataclass(frozen=True)
class TermIndex:
    pattern: re.Pattern[str] | None
    grounds: dict[str, str]  # casefolded term -> ground

    def find(self, text: str) -> list[Hit]:
        if self.pattern is None:
            return []
        hits = []
        for match in self.pattern.finditer(text):
            ground = self.grounds.get(" ".join(match.group().split()).casefold())
            if ground is not None:
                hits.append(Hit(match.start(), match.end(), ground, "term"))
        return hits


@lru_cache(maxsize=8)
def index(terms: tuple[tuple[str, str], ...]) -> TermIndex:
    """``terms``: (text, ground code) pairs."""
    grounds = {" ".join(text.split()).casefold(): ground for text, ground in terms if text.strip()}
    if not grounds:
        return TermIndex(None, {})
    texts = sorted({text.strip() for text, _ in terms if text.strip()}, key=len, reverse=True)
    body = "|".join(_alternative(text) for text in texts)
    return TermIndex(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), grounds)
