"""Known persons in the forms people write them (pure).

A name such as "Jan Pieter de Vries" is found as the full name, the first name alone ("Jan"),
the surname with its prefix ("de Vries", "De Vries"; never "Vries" alone, which nobody writes),
initials before the surname ("J. de Vries", "J.P. de Vries", "J.de Vries"), the acronym
minutes use in action lists ("JdV", "JPdV"), and possessives ("Jans voorstel", "Jans'",
"Jan's"). A title ("mevr.", "dhr.", "mw.") is left standing: it is not the name.

Matching works on word tokens and a dictionary of token sequences, so the cost per text does
not grow with the number of known names. A single word (a first name, a surname without
prefix) and the surname in every form must start with a capital in the text, so the ordinary
words some names are ("bos", "berg", "de wit") are not matched; the prefix may be written
either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from regie.woo.suggest.hits import PERSONAL, Hit, Token, tokens

PREFIXES = frozenset(
    {
        "van", "de", "der", "den", "het", "'t", "ten", "ter", "te", "in", "op", "onder",
        "uit", "la", "le", "du", "da", "di", "del", "dos", "von", "zu", "el", "al", "ait",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ParsedName:
    first: tuple[str, ...]  # given names ("Jan", "Pieter"); empty when only initials were given
    prefix: tuple[str, ...]  # "van", "der"
    surname: tuple[str, ...]  # "Vries" (a name of one word is both given name and surname)
    initials: str  # of the given names as written: "JP" for "Jan Pieter" or "J.P."


def parse(name: str) -> ParsedName | None:
    """Split a name as written ("Jan de Vries", "J. de Vries", "El Idrissi") into its parts."""
    words = [t.text for t in tokens(name)]
    if not words:
        return None
    if len(words) == 1:
        return ParsedName((words[0],), (), (words[0],), "")
    # The given names run up to the first prefix word or the last word; initials are dropped.
    index = 0
    first: list[str] = []
    while index < len(words) - 1 and words[index].lower() not in PREFIXES:
        first.append(words[index])
        index += 1
    prefix: list[str] = []
    while index < len(words) - 1 and words[index].lower() in PREFIXES:
        prefix.append(words[index])
        index += 1
    surname = words[index:]
    given = tuple(word for word in first if len(word) > 1)
    initials = "".join(word[0] for word in first)
    return ParsedName(given, tuple(prefix), tuple(surname), initials)


@dataclass(frozen=True)
class NameIndex:
    # lowercased token sequence -> whether initials may stand before it (a surname form)
    variants: dict[tuple[str, ...], bool]
    acronyms: frozenset[str]  # matched with their exact case
    # first word of a variant -> its longest variant in words, so most positions of a text
    # are passed over with one dictionary look-up
    starts: dict[str, int]

    def find(self, text: str, source: str) -> list[Hit]:
        return _find(self, tokens(text), text, source)


def _abbreviated(prefix: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The prefix as written in a hurry: "v. Dijk" for "van Dijk", "v.d. Berg" or "vd Berg"
    for "van den Berg"."""
    lowered = tuple(p.lower() for p in prefix)
    forms = {prefix}
    if lowered[:1] == ("van",):
        forms.add(("v", *prefix[1:]))
        if len(lowered) == 2 and lowered[1] in ("de", "der", "den"):
            forms.update({("v", "d"), ("vd",), ("v", "de"), ("v", lowered[1])})
    return forms


def _variants(parsed: ParsedName) -> Iterable[tuple[tuple[str, ...], bool]]:
    last = parsed.prefix + parsed.surname
    if parsed.surname:
        for prefix in _abbreviated(parsed.prefix):
            yield prefix + parsed.surname, True
    if parsed.first:
        yield (parsed.first[0],), False
        if len(parsed.first) > 1:
            yield parsed.first, False
        if parsed.surname and parsed.surname != (parsed.first[0],):
            yield (parsed.first[0], *last), False
            yield (*parsed.first, *last), False


def _acronyms(parsed: ParsedName) -> Iterable[str]:
    if not parsed.surname or not parsed.initials or parsed.surname == parsed.first[:1]:
        return
    prefix = "".join(p[0].lower() for p in parsed.prefix)
    surname = "".join(s[0].upper() for s in parsed.surname)
    for given in {parsed.initials[0], "".join(parsed.initials)}:
        yield f"{given.upper()}{prefix}{surname}"
        if prefix:
            yield f"{given.upper()}{prefix.upper()}{surname}"


@lru_cache(maxsize=4)
def index(names: tuple[str, ...]) -> NameIndex:
    """The installation's names, built once per set of names."""
    return build(names)


def build(names: tuple[str, ...]) -> NameIndex:
    variants: dict[tuple[str, ...], bool] = {}
    acronyms: set[str] = set()
    for name in names:
        parsed = parse(name)
        if parsed is None:
            continue
        for sequence, after_initials in _variants(parsed):
            key = tuple(word.lower() for word in sequence)
            variants[key] = after_initials or variants.get(key, False)
        acronyms.update(_acronyms(parsed))
    starts: dict[str, int] = {}
    for key in variants:
        starts[key[0]] = max(starts.get(key[0], 0), len(key))
    return NameIndex(variants=variants, acronyms=frozenset(acronyms), starts=starts)


_POSSESSIVE = ("'s", "’s", "s")


# Prefixes as abbreviated ("v. Dijk", "v.d. Berg", "vd Berg"); not in PREFIXES, where they
# would take the initials "V." and "D." of a given name for a prefix.
_ABBREVIATED = frozenset({"v", "d", "vd"})


def _capitalised(words: list[Token]) -> bool:
    # Every word of the name itself starts with a capital; a prefix may be written either way.
    return all(
        w.text[0].isupper()
        for w in words
        if w.text.lower() not in PREFIXES and w.text not in _ABBREVIATED
    )


def _lookup(index: NameIndex, words: list[Token]) -> bool | None:
    key = tuple(w.text.lower() for w in words)
    found = index.variants.get(key)
    if found is None:
        last = key[-1]
        for suffix in _POSSESSIVE:
            if last.endswith(suffix) and len(last) > len(suffix) + 1:
                found = index.variants.get((*key[:-1], last[: -len(suffix)]))
                if found is not None:
                    break
    if found is None or not _capitalised(words):
        return None
    return found


def _initials_before(words: list[Token], position: int, text: str) -> int:
    """The start of the initials written before token ``position`` ("J.P. de Vries")."""
    start = words[position].start
    index = position - 1
    while index >= 0:
        word = words[index]
        between = text[word.end : start]
        if len(word.text) != 1 or not word.text.isupper() or between.strip(". ") != "":
            break
        if len(between) > 3:
            break
        start = word.start
        index -= 1
    return start


def _longest(index: NameIndex, word: str) -> int:
    """How many words a variant starting with ``word`` can have (0: none starts with it)."""
    longest = index.starts.get(word, 0)
    if longest:
        return longest
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and word[: -len(suffix)] in index.starts:
            return 1  # "Jans", "Jan's": a possessive ends a name of one word
    return 0


def _find(index: NameIndex, words: list[Token], text: str, source: str) -> list[Hit]:
    hits: list[Hit] = []
    position = 0
    while position < len(words):
        matched = 0
        longest = _longest(index, words[position].text.lower())
        for length in range(min(longest, len(words) - position), 0, -1):
            window = words[position : position + length]
            after_initials = _lookup(index, window)
            if after_initials is None:
                continue
            start = window[0].start
            if after_initials:
                start = _initials_before(words, position, text)
            end = window[-1].end
            if end < len(text) and text[end] in "'’" and window[-1].text.endswith("s"):
                end += 1  # "Jans' voorstel": the apostrophe belongs to the name
            hits.append(Hit(start, end, PERSONAL, source))
            matched = length
            break
        if not matched and words[position].text in index.acronyms:
            word = words[position]
            hits.append(Hit(word.start, word.end, PERSONAL, source))
            matched = 1
        position += max(matched, 1)
    return hits
