"""Normalising a written due moment, status words, "to plan" markers and the Dutch
vocabulary (months, ordinals, weekdays, years) the grammar is built from."""

from __future__ import annotations

import re
import unicodedata

from regie.meetings.periods.model import MAX_DATES_LENGTH

# --- Normalisation ------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")  # "^{e}" in the converted minutes
_EDGE_PUNCT = " \t.,;:!?()[]{}*\"'`_~|"


def _clean_text(text: str) -> str:
    """The text as written, whitespace-normalised (what we store and show)."""
    return " ".join(text.split())


def _key(text: str) -> str:
    """Lower-case, accent-free, markup-free form the grammar matches against."""
    text = _TAG.sub(" ", text)
    text = _SUPERSCRIPT.sub(r"\1", text).replace("^", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("–", "-").replace("—", "-").replace("’", "'")
    return " ".join(text.split()).strip(_EDGE_PUNCT)


# --- Status words and "to plan" markers --------------------------------------------------------

_STATUS_WORDS = r"(?:afgerond|gereed|done)\b"
_STATUS_LEADING = re.compile(rf"^[\s(\[]*(?:{_STATUS_WORDS})[\s)\].,;:/-]*", re.IGNORECASE)
_STATUS_TRAILING = re.compile(rf"[\s(\[.,;:/-]*\b(?:{_STATUS_WORDS})[\s)\].!]*$", re.IGNORECASE)


def split_status(text: str) -> tuple[str, bool]:
    """Strip status words at either end ("27 mei Afgerond" -> ("27 mei", True)).

    Repeated words are stripped too: the seed has "Afgerond Afgerond Afgerond Eerste helft
    2021 jaarlijks", one status per sub-action, pasted into a single cell.
    """
    rest = _clean_text(text)
    found = False
    for pattern in (_STATUS_LEADING, _STATUS_TRAILING):
        while (stripped := pattern.sub("", rest, count=1)) != rest:
            rest, found = stripped.strip(), True
    return rest, found


_TO_PLAN = re.compile(
    r"\b(?:nog\s+(?:te\s+|in\s+te\s+)?plannen|n\s?\.?\s?t\s?\.?\s?b\b|nader\s+te\s+bepalen|tbd)"
)


def is_to_plan(text: str) -> bool:
    """True when the text says the moment is still to be planned ("(nog plannen)", "n.t.b.")."""
    return bool(_TO_PLAN.search(_key(text[:MAX_DATES_LENGTH])))


# --- Vocabulary ---------------------------------------------------------------------------------

_MONTH_NAMES: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Longest first so "september" wins over "sep".
_MONTH = "(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(?:(?:19|20|21)\d{2}|'\d{2})"
_ORDINALS: dict[str, int] = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2,
    "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4,
}  # fmt: skip
_ORDINAL = "(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_WEEKDAY = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\b\.?"
)
# "dit jaar" and friends pin the reference year; "volgend jaar" the one after.
_THIS_YEAR = r"(?:van\s+)?(?:het|dit|deze)\s+jaar"
_NEXT_YEAR = r"(?:van\s+)?(?:het\s+)?(?:volgend|volgende|komend|komende)\s+jaar"


def _month_number(word: str) -> int:
    return _MONTH_NAMES[word.rstrip(".")]


def _year_number(word: str) -> int:
    return 2000 + int(word[1:]) if word.startswith("'") else int(word)
