"""Names recognised by their shape (pure): cleaning up what deduce calls a name, and the name
after a title.

deduce takes a title and a capitalised word before a name into the name ("mevr. Berg",
"Volgens Sophie van den Broek", "Mevrouw Stam van de"); the suggestion is the name alone,
because a title or a sentence's first word is not personal data and over-redaction is what
makes published minutes unreadable. Conversely "mevr." or "de heer" before a capitalised word
is a strong sign of a surname nobody told the system about ("Mevrouw Stam").
"""

from __future__ import annotations

import re

from regie.woo.suggest.hits import PERSONAL, Hit, tokens
from regie.woo.suggest.names import PREFIXES

TITLE = (
    r"(?:dhr|mevr|mw|mr|dr|drs|ir|ing|prof|mej)\.?"
    r"|de\s+heer|mevrouw|meneer|mijnheer|heer|juffrouw"
)
_LEADING_TITLE = re.compile(rf"(?:(?:{TITLE})\s+)+", re.IGNORECASE)
_AFTER_TITLE = re.compile(
    rf"(?<![\w])(?i:{TITLE})\s+"
    r"(?P<name>(?:(?i:van|de|der|den|ten|ter|te|el|al|ait|v\.|vd|v\.d\.)\s*|[A-Z]\.\s*){0,4}"
    r"[A-Z][\w'’\-]+)"
)

# Words deduce may take for the first part of a name at the start of a sentence.
LEADING = frozenset(
    {
        "volgens", "namens", "door", "met", "voor", "aan", "bij", "dat", "omdat", "ook", "en",
        "of", "maar", "zoals", "tevens", "daarna", "toen", "nu", "dan", "want", "hoi", "beste",
        "geachte", "dag", "groet", "cc", "verzoeker", "melder", "betrokkene", "collega",
    }
)  # fmt: skip


def tidy(hit: Hit, text: str) -> Hit | None:
    """A guessed name without a leading title or sentence word and without trailing prefix
    words ("Laura Meijer van"); ``None`` when no name is left."""
    start, end = hit.start, hit.end
    title = _LEADING_TITLE.match(text, start, end)
    if title:
        start = title.end()
    words = tokens(text[start:end])
    while words and words[0].text.lower() in LEADING:
        words.pop(0)
    while len(words) > 1 and words[-1].text.lower() in PREFIXES:
        words.pop()
    if not words:
        return None
    offset = start
    start, end = offset + words[0].start, offset + words[-1].end
    if hit.end > end and text[end : end + 1] in ("'", "’") and text[end - 1] == "s":
        end += 1  # keep the apostrophe of "Joris'"
    return hit._replace(start=start, end=end)


def after_titles(text: str) -> list[Hit]:
    """Capitalised names after a title ("mevr. De Wit", "de heer Hoekstra", "dhr. J. Bos")."""
    return [
        Hit(m.start("name"), m.end("name"), PERSONAL, "context")
        for m in _AFTER_TITLE.finditer(text)
    ]
