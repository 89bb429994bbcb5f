"""Person names compared the way people write them (no database here).

Dutch surnames carry particles ("de", "van der", "'t") that people drop, move to the front
("Vries, Jan de") or write in another case; accents come and go ("Özdemir", "Ozdemir"); and the
first name and surname end up in each other's field. Keys fold all that away so that candidates
are found with an indexed equality; ``similarity`` then scores them with rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

# Written lower case and without accents, as ``fold`` leaves them. "t" and "s" are what remains
# of "'t" and "'s" once the apostrophe is gone.
PARTICLES = frozenset(
    {
        "aan", "al", "auf", "bij", "d", "da", "dal", "de", "del", "den", "der", "des", "di",
        "do", "dos", "du", "el", "het", "in", "l", "la", "le", "les", "op", "s", "t", "te",
        "ten", "ter", "tot", "uit", "uijt", "van", "vd", "vom", "von", "zu", "zum",
    }
)  # fmt: skip

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case without accents: what name search compares on every database."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def fold(text: str) -> str:
    """Accents and case folded, every run of punctuation (apostrophes, hyphens, dots) one space."""
    folded = normalise(text).replace("ß", "ss").replace("ø", "o").replace("ł", "l")
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def words(text: str) -> list[str]:
    """The folded words of ``text`` without particles (a name of particles only keeps them)."""
    folded = fold(text).split()
    kept = [w for w in folded if w not in PARTICLES]
    return kept or folded


def key(text: str) -> str:
    """What an indexed lookup compares: the folded words without particles and without spaces,
    so "Van der Berg", "vd. Berg" and "Berg" share one key."""
    return "".join(words(text))[:160]


@dataclass(frozen=True)
class Name:
    given: str
    surname: str

    @classmethod
    def parse(cls, text: str) -> Name:
        """One name as typed: "Vries, Jan de" (surname first, particle after the given name)
        or "Jan de Vries" (the last word and the particles before it are the surname)."""
        if "," in text:
            surname, _comma, rest = text.partition(",")
            rest_words = rest.split()
            particles = [w for w in rest_words if fold(w) in PARTICLES]
            given = [w for w in rest_words if fold(w) not in PARTICLES]
            return cls(" ".join(given), " ".join([*particles, surname.strip()]))
        parts = text.split()
        if len(parts) < 2:
            return cls("", text.strip())
        start = len(parts) - 1
        while start > 1 and fold(parts[start - 1]) in PARTICLES:
            start -= 1
        return cls(" ".join(parts[:start]), " ".join(parts[start:]))

    @property
    def keys(self) -> tuple[str, str]:
        """(given name key, surname key)."""
        return key(self.given)[:120], key(self.surname)

    @property
    def comparable(self) -> str:
        return " ".join([*words(self.given), *words(self.surname)])


def similarity(a: Name, b: Name) -> float:
    """0–100: how alike two names are, whichever field each part was typed in. The sorted-token
    ratio makes a first-name/surname swap score as the same name; the plain ratio on the keys
    lets a typo in one letter ("Janssen", "Jansen") still score high."""
    left, right = a.comparable, b.comparable
    if not left or not right:
        return 0.0
    sorted_tokens = fuzz.token_sort_ratio(left, right)
    given_a, surname_a = a.keys
    given_b, surname_b = b.keys
    straight = (fuzz.ratio(given_a, given_b) + 2 * fuzz.ratio(surname_a, surname_b)) / 3
    swapped = (fuzz.ratio(given_a, surname_b) + 2 * fuzz.ratio(surname_a, given_b)) / 3
    # A person registered with only an initial or a shortened given name ("J. de Vries").
    initial = 0.0
    if surname_a == surname_b and given_a and given_b and given_a[0] == given_b[0]:
        shorter, longer = sorted((given_a, given_b), key=len)
        if len(shorter) == 1 or longer.startswith(shorter):
            initial = 90.0
    return float(max(sorted_tokens, straight, swapped, initial))
