"""People in minutes: attendance lines, speakers, action owners and presenters."""

from __future__ import annotations

import re

from regie.meetings.importing.parser.draft import DraftPerson
from regie.meetings.importing.parser.vocabulary import (
    _INVERTED_OPENERS,
    _NAME,
    _ORG,
    _PERSON_GROUND,
    _SPEECH_VERBS,
    _TOKEN,
    _TOKEN_RE,
    _is_verb_like,
    _name_allowed,
    _person_from,
    _squash,
)

# --------------------------------------------------------------------------------------------
# People: attendance, speakers, owners, presenters
# --------------------------------------------------------------------------------------------


def parse_attendees(text: str) -> tuple[list[DraftPerson], str]:
    """People in an attendance line, and whatever text on it is not a person (the note).

    Each redaction token is one unnamed person; real names are separated by commas and "en".
    """
    people: list[DraftPerson] = []
    notes: list[str] = []
    position = 0
    for match in re.finditer(rf"(?P<tok>{_TOKEN})(?:\s*{_ORG})?", text):
        _named_people(text[position : match.start()], people, notes)
        people.append(_person_from(match.group("tok"), match.group("org")))
        position = match.end()
    _named_people(text[position:], people, notes)
    return people, _squash(" ".join(notes))


def _named_people(gap: str, people: list[DraftPerson], notes: list[str]) -> None:
    for piece in re.split(r",|;|\s+en\s+|^en\s+|\s+en$|^\s*en\s*$", gap):
        piece = piece.strip()
        if not piece:
            continue
        match = re.fullmatch(rf"(?P<name>{_NAME})(?:\s*{_ORG})?", piece)
        # A trailing full stop marks a sentence ("AM-gemeenten."), not a name, unless it closes
        # an initial ("J.").
        sentence_like = piece.endswith(".") and not re.search(r"\b\w\.$", piece)
        if match and not sentence_like and _name_allowed(match.group("name")):
            people.append(_person_from(match.group("name"), match.group("org")))
        else:
            notes.append(piece)


def detect_speaker(text: str) -> DraftPerson | None:
    """The person opening ``text`` with a speech verb ("5.1.2,e merkt op …"), if any."""
    verbs = r"(?P<verb>[\w]+)\b"
    token = re.match(rf"^(?P<who>{_TOKEN})(?:\s*{_ORG})?\s+{verbs}", text)
    if token and token.group("verb").lower() in _SPEECH_VERBS:
        return _person_from(token.group("who"), token.group("org"))
    role = re.match(
        r"^(?:de\s+)?(?P<role>voorzitter|secretaris|notulist)\s+(?P<verb>\w+)", text, re.I
    )
    if role and role.group("verb").lower() in _SPEECH_VERBS:
        return DraftPerson("", role=role.group("role").lower())
    named = re.match(rf"^(?P<who>{_NAME})(?:\s*{_ORG})?\s+{verbs}", text)
    if named and named.group("verb").lower() in _SPEECH_VERBS and _name_allowed(named["who"]):
        return _person_from(named.group("who"), named.group("org"))
    return None


def detect_owners(sentence: str) -> list[DraftPerson]:
    """Owners opening an action sentence: tokens, a name + verb, "Allen:", "Daarna zal X …"."""
    one_token = rf"{_TOKEN}(?:\s*\([^()]*\))?"
    tokens = re.match(rf"^(?P<who>{one_token}(?:\s*(?:,|\ben\b)\s*{one_token})*)", sentence)
    if tokens:
        found = list(re.finditer(rf"(?P<tok>{_TOKEN})(?:\s*{_ORG})?", tokens.group("who")))
        rest = sentence[tokens.end() :].lstrip()
        next_word = rest.split(" ", 1)[0].rstrip(",:") if rest else ""
        # A personal-data token opening a sentence is its subject; other grounds need a verb.
        if re.fullmatch(_PERSON_GROUND, found[0].group("tok")) or _is_verb_like(next_word):
            return [_person_from(m.group("tok"), m.group("org")) for m in found]
    one_name = rf"{_NAME}(?:\s*\([^()]*\))?"
    named = re.match(
        rf"^(?P<who>{one_name}(?:\s*(?:,|\ben\b)\s*{one_name})*)\s*(?::|\s(?P<verb>\w+))",
        sentence,
    )
    if named and (named.group("verb") is None or _is_verb_like(named.group("verb"))):
        found = list(re.finditer(rf"(?P<name>{_NAME})(?:\s*{_ORG})?", named.group("who")))
        if all(_name_allowed(m.group("name")) for m in found):
            return [_person_from(m.group("name"), m.group("org")) for m in found]
    inverted = re.match(rf"^{_INVERTED_OPENERS}\s+\w+\s+(?P<tok>{_PERSON_GROUND})", sentence)
    if inverted:
        return [_person_from(inverted.group("tok"), None)]
    return []


def _presenter(title: str) -> DraftPerson | None:
    """The presenter named after "door" in an item title or heading."""
    match = re.search(rf"\bdoor\s+(?P<who>{_TOKEN}|{_NAME})(?:\s*{_ORG})?", title)
    if match and (_TOKEN_RE.fullmatch(match.group("who")) or _name_allowed(match.group("who"))):
        return _person_from(match.group("who"), match.group("org"))
    role = re.search(r"\bdoor\s+(?:de\s+)?(?P<role>voorzitter|secretaris)\b", title, re.I)
    if role:
        return DraftPerson("", role=role.group("role").lower())
    return None
