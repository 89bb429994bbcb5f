"""Woo grounds written the way people write them, read into one canonical code.

Pure: no Django. ``canonical("5.1.2,e")`` and ``canonical("artikel 5.1, tweede lid, onder
e")`` both give ``"5.1.2.e"``; a ground without a letter (``5.1.5``, ``5.2``) stays as it is.
The parser checks the shape only; whether a ground exists is the ``Ground`` table's business.
"""

from __future__ import annotations

import re

# Dutch ordinals as they appear in "tweede lid" (the Woo's article 5.1 has seven paragraphs).
_ORDINALS = {
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "vijfde": 5,
    "zesde": 6,
    "zevende": 7,
}

# "5.1.2,e", "5.1.2e", "5.1.2 e", "5.1.2.e", "5.1.2 sub e", "5.1.5", "5.2", "art. 5.2"
_NUMBERED = re.compile(
    r"""^(?:(?:art(?:ikel)?\.?|artikel)\s*)?
        (?P<article>\d+\.\d+)
        (?:\.(?P<paragraph>\d+))?
        (?:\s*(?:[,.]|\s)\s*(?:(?:sub|onder|aanhef\s+en\s+onder)\s+)?(?P<letter>[a-z])\.?
           |(?P<glued>[a-z]))?
        $""",
    re.VERBOSE,
)

# "art. 5.1 lid 2 sub e", "artikel 5.1, tweede lid, onder e", "artikel 5.1 lid 5"
_WORDED = re.compile(
    r"""^(?:art(?:ikel)?\.?\s*)?
        (?P<article>\d+\.\d+)\s*,?\s*
        (?:lid\s+(?P<number>\d+)|(?P<ordinal>[a-z]+)\s+lid)
        (?:\s*,?\s*(?:(?:aanhef\s+en\s+)?onder|sub)\s+(?P<letter>[a-z])\.?)?
        $""",
    re.VERBOSE,
)


def canonical(text: str) -> str:
    """The canonical code of a Woo ground (``5.1.2.e``), or ``ValueError`` naming the text."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise ValueError("Empty ground: expected a Woo ground such as 5.1.2.e")
    found = _NUMBERED.match(cleaned)
    if found:
        article = found["article"]
        paragraph = found["paragraph"]
        letter = found["letter"] or found["glued"]
        if letter and not paragraph:
            raise ValueError(
                f"Ground {text.strip()!r} has a letter but no paragraph: "
                "write it like 5.1.2.e (article 5.1, paragraph 2, letter e)"
            )
        return ".".join(part for part in (article, paragraph, letter) if part)
    worded = _WORDED.match(cleaned)
    if worded:
        if worded["number"]:
            paragraph_number = int(worded["number"])
        elif worded["ordinal"] in _ORDINALS:
            paragraph_number = _ORDINALS[worded["ordinal"]]
        else:
            raise ValueError(f"Ground {text.strip()!r}: unknown paragraph {worded['ordinal']!r}")
        parts = [worded["article"], str(paragraph_number)]
        if worded["letter"]:
            parts.append(worded["letter"])
        return ".".join(parts)
    raise ValueError(
        f"Not a Woo ground: {text.strip()!r} (expected e.g. 5.1.2.e, 5.1.2,e, "
        "'art. 5.1 lid 2 sub e' or 'artikel 5.1, tweede lid, onder e')"
    )
