"""Parse meeting minutes (plain text or DOCX) into a draft meeting for a secretary to review.

Pure Python, no Django models: the importer only *proposes* a structure; a person reviews the
draft before anything is saved. That shapes every decision here:

* Nothing is dropped. Whatever is not understood stays as free text on the item it appeared
  under (or in ``preamble`` before the first item, or ``appendix`` after the tables).
* ``parse_text`` never raises. Garbage in gives a draft with the text kept and warnings.
* Heuristics that could be wrong leave a note in ``warnings`` rather than guessing silently.

The input format is the one Woo-published minutes use: personal names replaced by their legal
ground (``5.1.2,e``, ``5.1.2.e``, ``^{5.1.2,e}`` superscript markup), numbered agenda items,
``→ **BESLUIT: …**`` decisions, and two tab-separated tables (ACTIELIJST, TERMIJNAGENDA).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Literal

import docx
from django.utils.translation import gettext as _
from docx.document import Document as _DocxDocument
from docx.table import Table as _DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as _DocxParagraph
from docx.text.run import Run

from regie.meetings.validators import date_in_range, strip_control

__all__ = [
    "DocxTooLarge",
    "DraftAction",
    "DraftItem",
    "DraftMeeting",
    "DraftPerson",
    "DraftPoint",
    "DraftSubAction",
    "DraftTermItem",
    "MinutesImportError",
    "docx_to_text",
    "draft_text",
    "parse_docx",
    "parse_text",
]


class MinutesImportError(ValueError):
    """The uploaded file could not be read as a DOCX document at all."""


# --------------------------------------------------------------------------------------------
# Draft structure
# --------------------------------------------------------------------------------------------


@dataclass
class DraftPerson:
    """An attendee, speaker, presenter or action owner."""

    name: str  # "" when redacted (unnamed)
    organisation: str = ""
    role: str = ""
    redacted: bool = False  # came from a 5.1.2,e-style token
    ground: str = ""  # the legal ground as written ("5.1.2,e"), when redacted


@dataclass
class DraftPoint:
    """A bullet (or a paragraph that opens with a speaker) under an agenda item."""

    text: str
    speaker: DraftPerson | None = None
    heading: str = ""
    level: int = 1  # 2 for nested bullets ("- o …")
    bullet: bool = True  # False for a non-bullet paragraph promoted because it has a speaker


@dataclass
class DraftItem:
    number: int
    title: str
    presenter: str = ""
    presenter_person: DraftPerson | None = None
    points: list[DraftPoint] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    action_notes: list[str] = field(default_factory=list)  # "→ ACTIE: …" lines in the item
    text: list[str] = field(default_factory=list)
    deferred: bool = False
    standing: str = ""  # "opening" | "previous_minutes" | "closing" | ""
    previous_minutes_date: date | None = None


@dataclass
class DraftSubAction:
    text: str
    owners: list[DraftPerson] = field(default_factory=list)
    due_text: str = ""
    done: bool = False


@dataclass
class DraftAction:
    raised_on: date | None
    raised_text: str
    subject: str
    subactions: list[DraftSubAction] = field(default_factory=list)
    row_text: str = ""


@dataclass
class DraftTermItem:
    when_text: str
    subject: str
    to_plan: bool = False
    tentative: bool = False
    at_meeting: str = ""
    row_text: str = ""


@dataclass
class DraftMeeting:
    title: str = ""
    series_name: str = ""
    adopted: bool = False
    date: date | None = None
    date_text: str = ""  # the date line as written, after its label
    present: list[DraftPerson] = field(default_factory=list)
    absent: list[DraftPerson] = field(default_factory=list)
    also_present: list[DraftPerson] = field(default_factory=list)
    absent_note: str = ""
    present_note: str = ""
    also_present_note: str = ""
    preamble: list[str] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    actions: list[DraftAction] = field(default_factory=list)
    term_items: list[DraftTermItem] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)  # unplaceable text after the tables
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTH_NAMES = [
    "januari jan",
    "februari feb",
    "maart mrt",
    "april apr",
    "mei",
    "juni jun",
    "juli jul",
    "augustus aug",
    "september sept sep",
    "oktober okt",
    "november nov",
    "december dec",
]
_MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

# A Woo/Wob redaction ground: 5.1.2,e / 5.1.2.e / 5.1.1.c / 4.1.4 / 10.2.e. The look-arounds keep
# it from matching inside dates ("1.5.2021") or version numbers.
_GROUND = r"\d{1,2}\.\d{1,2}\.\d{1,2}(?:[.,][a-z])?|\d{1,2}\.\d{1,2}[.,][a-z]"
_TOKEN = rf"(?<![\w.,])(?:{_GROUND})(?![\w]|[.,]\d)"
_TOKEN_RE = re.compile(_TOKEN)
# Only the "e" grounds (privacy) stand for a person's name; 4.1.4 or 5.1.2,h redact other things.
_PERSON_GROUND = r"(?<![\w.,])\d{1,2}(?:\.\d{1,2}){1,2}[.,]e(?![\w]|[.,]\d)"

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"[{_UPPER}][\w'’-]*\.?"
_PARTICLE = r"(?:van|de|der|den|ter|ten|te|het|in|op|'t|la|le|du|da|dos|el|al|bin|von|zu|d')"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
_ORG = r"\(\s*(?P<org>[^()]{1,80}?)\s*\)"

# Capitalised words that open ordinary Dutch sentences; without this list "Er vindt …" would
# read as a speaker called "Er".
_NOT_NAMES = _words(
    """
    er het de een dit dat deze die ook wel hij zij ze men wij we ik u jij je iedereen niemand
    bij uit sinds als op in inmiddels verder daarnaast daarna vervolgens dan hierna tevens nu
    eerst voor na met om tot door over onder naar zo toch echter wanneer waar wat wie welke
    hier daar alle allemaal geen niet ja nee maar en of want dus kortom tenslotte ten tot
    volgens vanuit binnen buiten tijdens omdat hoewel indien mits zodra nadat voordat terwijl
    graag helaas wellicht mogelijk waarschijnlijk zowel enkele sommige veel weinig meer minder
    """
)
_ROLES = _words(
    "voorzitter notulist notulen secretaris secretariaat regisseur projectleider manager "
    "teamleider directeur wethouder burgemeester adviseur jurist gast agendalid"
)
# Verbs that introduce what someone said, present and past tense.
_SPEECH_VERBS = _words(
    """
    merkt merkte geeft gaf heet heette deelt deelde vraagt vroeg stelt stelde licht lichtte
    pleit pleitte sluit sloot opent opende meldt meldde zegt zei benadrukt benadrukte
    antwoordt antwoordde reageert reageerde vertelt vertelde legt legde informeert informeerde
    wijst wees vult vulde concludeert concludeerde vindt vond presenteert presenteerde
    bevestigt bevestigde constateert constateerde herinnert herinnerde waarschuwt waarschuwde
    adviseert adviseerde verzoekt verzocht verwijst verwees beaamt beaamde erkent erkende
    onderschrijft onderschreef signaleert signaleerde schetst schetste noemt noemde brengt
    bracht spreekt sprak doet deed neemt nam bedankt bedankte dankt dankte memoreert
    memoreerde stipt stipte ziet zag denkt dacht hoopt hoopte verwacht verwachtte
    """
)
# Finite verb forms that follow an action owner ("Regisseurs gaan …", "Secretariaat zal …").
_OWNER_VERBS = _words(
    """
    zal zullen gaat gaan kan kunnen moet moeten wil willen is zijn heeft hebben neemt nemen
    plant plannen zorgt zorgen maakt maken stuurt sturen organiseert organiseren zoekt zoeken
    koppelt koppelen bekijkt bekijken pakt pakken informeert informeren levert leveren
    stemt stemmen doet doen komt komen bespreekt bespreken deelt delen nodigt nodigen
    agendeert agenderen werkt werken houdt houden checkt checken vraagt vragen brengt brengen
    """
)
_NOT_VERBS = _words("niet met dat het wat dit tot uit echt toch want licht recht")
_INVERTED_OPENERS = r"(?:Daarna|Vervolgens|Dan|Hierna|Tevens|Ook|Nu|Eerst|Verder|Daarbij)"

# --------------------------------------------------------------------------------------------
# Line-level patterns
# --------------------------------------------------------------------------------------------

_ITEM_RE = re.compile(
    r"^(?:(?:agendapunt|punt)\s+)?(?P<num>0|[1-9]\d?)\s*[.):]\s+(?P<title>\S.{0,199})$", re.I
)
_BULLET_RE = re.compile(
    r"^(?P<indent>\s*)(?P<marks>(?:[-–•*·▪●◦‣]|o)(?:\s+(?:[-–•*·▪●◦‣]|o))*)\s+(?P<body>\S.*)$"
)
_ARROW = r"(?:→|->|=>|⇒|►|>)"
_DECISION_RE = re.compile(rf"^(?:[-–•*]\s+)?{_ARROW}?\s*besluit(?:en)?\s*:\s*(?P<body>.*)$", re.I)
_ACTION_NOTE_RE = re.compile(rf"^(?:[-–•*]\s+)?{_ARROW}?\s*actie(?:s)?\s*:\s*(?P<body>.*)$", re.I)
_ATTENDANCE_RE = re.compile(
    r"^(?P<label>ook\s+aanwezig|aanwezig|afwezig|afgemeld|met\s+kennisgeving\s+afwezig)\b"
    r"\s*:?\s*(?P<rest>.*)$",
    re.I,
)
_DATE_LABEL_RE = re.compile(
    r"^(?P<label>vergaderdatum|datum\s+vergadering|datum)\b\s*:?\s*(?P<rest>.*)$", re.I
)
# Any other "Label: …" line ("Notulist: …", "Locatie: …") ends a wrapped attendance list.
_OTHER_LABEL_RE = re.compile(rf"^[{_UPPER}][\w ]{{1,30}}:\s")
_SECTION_RE = re.compile(r"^(?P<name>actielijst|termijnagenda)\s*:?$", re.I)

AttendanceKind = Literal["present", "absent", "also_present"]
_ATTENDANCE_KINDS: dict[str, AttendanceKind] = {
    "aanwezig": "present",
    "ook aanwezig": "also_present",
    "afwezig": "absent",
    "afgemeld": "absent",
    "met kennisgeving afwezig": "absent",
}


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _clean_inline(text: str) -> str:
    """Drop inline markup (bold, italic, superscript braces) that the DOCX renderer adds."""
    text = text.replace("**", "")
    text = re.sub(r"</?i>", "", text)
    text = re.sub(r"\^\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"(?<=\d)\^(?=[a-z]{1,3}\b)", "", text)  # ordinals: "2^e helft" is "2e helft"
    return _squash(text.replace("\t", " "))


def parse_dutch_date(text: str) -> date | None:
    """The first full date in ``text``: "15 juni 2021", "15-06-2021", "2021-06-15", "20210615"."""
    patterns: list[tuple[str, tuple[int, int, int]]] = [
        (rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})(?!\d)", (3, 2, 1)),
        (r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)", (3, 2, 1)),
        (r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", (1, 2, 3)),
        (r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)", (1, 2, 3)),
    ]
    for pattern, (y, m, d) in patterns:
        for match in re.finditer(pattern, text, re.I):
            month_raw = match.group(m).lower()
            month = _MONTHS.get(month_raw) or (int(month_raw) if month_raw.isdigit() else 0)
            try:
                found = date(int(match.group(y)), month, int(match.group(d)))
            except ValueError:
                continue  # "31 februari" or a number that only looks like a date
            if date_in_range(found):  # year 1 or 9999 is a typing error, not a meeting
                return found
    return None


def _is_verb_like(word: str) -> bool:
    """A finite verb after an action owner: a known form or a third-person "-t" form."""
    word = word.lower()
    if word in _OWNER_VERBS or word in _SPEECH_VERBS:
        return True
    return len(word) > 3 and word.endswith("t") and word.isalpha() and word not in _NOT_VERBS


def _name_allowed(name: str) -> bool:
    first = name.split()[0].lower().rstrip(".")
    return first not in _NOT_NAMES


def _person_from(who: str, org: str | None) -> DraftPerson:
    """A person from a token or name, with the parenthesised remark as organisation or role."""
    who = who.strip()
    organisation, role = "", ""
    if org:
        parts = [p.strip() for p in org.split(",")]
        roles = [p for p in parts if p.lower() in _ROLES]
        role = ", ".join(roles)
        organisation = ", ".join(p for p in parts if p not in roles)
    if _TOKEN_RE.fullmatch(who):
        return DraftPerson("", organisation, role, redacted=True, ground=who)
    return DraftPerson(who, organisation, role)


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


# --------------------------------------------------------------------------------------------
# Top level
# --------------------------------------------------------------------------------------------


def parse_text(text: str) -> DraftMeeting:
    """Parse minutes as text into a draft. Never raises: see the module docstring."""
    try:
        return _parse(text)
    except Exception as exc:  # a parser bug must not lose the secretary's upload
        meeting = DraftMeeting()
        meeting.preamble = [line for line in str(text).splitlines() if line.strip()]
        meeting.warnings.append(
            _("The importer failed (%(error)s); all text is kept as preamble.")
            % {"error": repr(exc)}
        )
        return meeting


def _normalise(text: str) -> list[str]:
    # Control characters (Word's Shift+Enter is a vertical tab) would break the DOCX export.
    text = strip_control(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return text.split("\n")


@dataclass
class _Sections:
    preamble: list[str] = field(default_factory=list)
    items: list[tuple[int, str, list[str]]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def _split_sections(lines: list[str]) -> _Sections:
    """Route each line to the preamble, an item, or a table section."""
    sections = _Sections()
    state = "preamble"
    for index, raw in enumerate(lines):
        clean = _clean_inline(raw)
        section = _SECTION_RE.match(clean)
        if section and _next_line_is_row(lines, index):
            state = section.group("name").lower()
            continue
        if state in ("preamble", "item"):
            item = _ITEM_RE.match(clean)
            if item and _plausible_item(sections, int(item.group("num")), clean):
                sections.items.append((int(item.group("num")), item.group("title"), []))
                state = "item"
                continue
        if state == "preamble":
            sections.preamble.append(raw)
        elif state == "item":
            sections.items[-1][2].append(raw)
        elif state == "actielijst":
            sections.actions.append(raw)
        else:
            sections.terms.append(raw)
    return sections


def _next_line_is_row(lines: list[str], index: int) -> bool:
    # "Actielijst" as a heading inside an item is text; only a heading above a table is one.
    for line in lines[index + 1 :]:
        if line.strip():
            return "\t" in line
    return False


def _plausible_item(sections: _Sections, number: int, line: str) -> bool:
    """Numbered lines inside an item ("1. …" in a list) are not new items: numbers must follow."""
    if line.endswith(".") and len(line) > 100:
        return False  # a numbered paragraph, not a title
    if not sections.items:
        return True
    return number == sections.items[-1][0] + 1


def _parse(text: str) -> DraftMeeting:
    meeting = DraftMeeting()
    sections = _split_sections(_normalise(text))
    _parse_preamble(meeting, sections.preamble)
    for number, title, body in sections.items:
        meeting.items.append(_parse_item(number, title, body))
    _parse_actions(meeting, sections.actions)
    _parse_terms(meeting, sections.terms)
    if not meeting.items:
        meeting.warnings.append(_("No numbered agenda items found; all text is in the preamble."))
    return meeting


# --------------------------------------------------------------------------------------------
# Preamble: title, date, attendance
# --------------------------------------------------------------------------------------------


def _parse_preamble(meeting: DraftMeeting, lines: list[str]) -> None:
    for kind, content in _preamble_entries(lines):
        if kind == "date" and not meeting.date_text:
            _set_date(meeting, content)
        elif kind in _ATTENDANCE_KINDS.values():
            _add_attendance(meeting, kind, content)
        elif kind == "text" and not meeting.title:
            _set_title(meeting, content)
        else:
            meeting.preamble.append(content)
    if meeting.date is None:
        meeting.warnings.append(_("No meeting date found; fill it in by hand."))


def _preamble_entries(lines: list[str]) -> Iterator[tuple[str, str]]:
    """Logical preamble lines: a label line absorbs the lines it wraps onto."""
    kind, parts, blank = "", list[str](), False
    for raw in lines:
        line = _clean_inline(raw)
        if not line:
            blank = True
            continue
        attendance = _ATTENDANCE_RE.match(line)
        dated = _DATE_LABEL_RE.match(line)
        labelled = attendance or dated or _OTHER_LABEL_RE.match(line)
        wraps = not blank or _continues_attendance(parts, line)
        if kind in _ATTENDANCE_KINDS.values() and not labelled and wraps:
            parts.append(line)
            blank = False
            continue
        if parts:
            yield kind, " ".join(parts)
        if attendance:
            label = _squash(attendance.group("label").lower())
            kind, parts = _ATTENDANCE_KINDS[label], [attendance.group("rest")]
        elif dated:
            kind, parts = "date", [dated.group("rest")]
        else:
            kind, parts = "text", [line]
        blank = False
    if parts:
        yield kind, " ".join(parts)


def _continues_attendance(parts: list[str], line: str) -> bool:
    """After a blank line, only an obvious continuation of the list of names joins it."""
    previous = parts[-1] if parts else ""
    return (
        previous.rstrip().endswith((",", " en"))
        or bool(_TOKEN_RE.match(line))
        or line.startswith("en ")
    )


def _set_title(meeting: DraftMeeting, line: str) -> None:
    meeting.title = line
    meeting.adopted = line.lower().startswith("vastgesteld")
    series = re.sub(
        r"^(?:(?:vastgesteld|concept|definitief)\s+)?(?:verslag|notulen|besluitenlijst)\s+"
        r"(?:van\s+(?:het\s+|de\s+)?)?",
        "",
        line,
        flags=re.I,
    )
    series = re.sub(rf"\s+(?:d\.d\.\s*)?\d{{1,2}}[\s-](?:{_MONTH_RE}|\d{{1,2}}).*$", "", series)
    meeting.series_name = series.strip()


def _set_date(meeting: DraftMeeting, text: str) -> None:
    meeting.date_text = text
    meeting.date = parse_dutch_date(text)
    if meeting.date is None:
        meeting.warnings.append(_("Meeting date not understood: %(text)s.") % {"text": repr(text)})
        return
    weekday = next((d for d in _WEEKDAYS if re.search(rf"\b{d}\b", text, re.I)), None)
    if weekday and _WEEKDAYS.index(weekday) != meeting.date.weekday():
        meeting.warnings.append(
            _("The meeting date %(date)s is not a %(weekday)s; check the date.")
            % {"date": meeting.date.isoformat(), "weekday": weekday}
        )


def _add_attendance(meeting: DraftMeeting, kind: str, text: str) -> None:
    people, note = parse_attendees(text)
    if kind == "present":
        meeting.present.extend(people)
        meeting.present_note = _squash(f"{meeting.present_note} {note}")
    elif kind == "absent":
        meeting.absent.extend(people)
        meeting.absent_note = _squash(f"{meeting.absent_note} {note}")
    else:
        meeting.also_present.extend(people)
        meeting.also_present_note = _squash(f"{meeting.also_present_note} {note}")


# --------------------------------------------------------------------------------------------
# Agenda items
# --------------------------------------------------------------------------------------------


def _parse_item(number: int, title: str, body: list[str]) -> DraftItem:
    item = DraftItem(number=number, title=_clean_inline(title))
    presenter = _presenter(item.title)
    if presenter:
        item.presenter_person = presenter
        item.presenter = presenter.name or presenter.ground or presenter.role
    item.standing = _standing(item.title)
    if item.standing == "previous_minutes":
        item.previous_minutes_date = parse_dutch_date(item.title)
    _ItemBody(item).feed(body)
    everything = " ".join([*item.text, *(p.text for p in item.points)])
    item.deferred = bool(re.search(r"\b(?:doorgeschoven|verschoven|verdaagd)\b", everything, re.I))
    return item


def _standing(title: str) -> str:
    lower = title.lower()
    if re.search(r"\b(?:wvttk|rondvraag|sluiting)\b", lower):
        return "closing"
    if re.search(r"\b(?:verslag|notulen|besluitenlijst)\b", lower) and re.search(
        r"vaststel|vorig|goedkeur|d\.d\.|\d{4}", lower
    ):
        return "previous_minutes"
    if re.search(
        r"\bopening\b|\bmededelingen\b|^agenda\b|vaststell\w*\s+(?:van\s+de\s+)?agenda", lower
    ):
        return "opening"
    return ""


class _ItemBody:
    """Fold an item's lines into points, decisions and free text, in order.

    ``_last`` remembers where a wrapped line belongs: minutes wrap long paragraphs, sometimes
    across a blank line (the next part then starts in lower case).
    """

    def __init__(self, item: DraftItem) -> None:
        self.item = item
        self.heading = ""
        self._last: tuple[list[str], int] | DraftPoint | None = None
        self._blank = False

    def feed(self, lines: Iterable[str]) -> None:
        for raw in lines:
            line = _clean_inline(raw)
            if not line:
                self._blank = True
                continue
            self._line(line, raw)
            self._blank = False

    def _line(self, line: str, raw: str) -> None:
        decision = _DECISION_RE.match(line)
        note = _ACTION_NOTE_RE.match(line)
        bullet = _BULLET_RE.match(raw.replace("**", ""))
        if decision:
            self._append_new(self.item.decisions, _clean_inline(decision.group("body")))
        elif note:
            self._append_new(self.item.action_notes, _clean_inline(note.group("body")))
        elif bullet:
            self._point(_clean_inline(bullet.group("body")), _bullet_level(bullet), True)
        elif _ITEM_RE.match(line):
            # A numbered list inside an item (the numbers did not continue the agenda): a point
            # that keeps its number.
            self._point(line, 1, True)
        elif self._last is not None and (not self._blank or line[0].islower()):
            self._continue(line)
        elif (speaker := detect_speaker(line)) is not None:
            self._point(line, 1, False, speaker)
        elif _looks_like_heading(line):
            self.item.text.append(line)
            self.heading = line.rstrip(":").strip()
            self._last = None
        else:
            self._append_new(self.item.text, line)

    def _append_new(self, target: list[str], text: str) -> None:
        target.append(text)
        self._last = (target, len(target) - 1)

    def _point(
        self, text: str, level: int, bullet: bool, speaker: DraftPerson | None = None
    ) -> None:
        speaker = speaker if speaker is not None else detect_speaker(text)
        point = DraftPoint(text, speaker, self.heading, level, bullet)
        self.item.points.append(point)
        self._last = point

    def _continue(self, line: str) -> None:
        if isinstance(self._last, DraftPoint):
            self._last.text = f"{self._last.text} {line}"
        elif self._last is not None:
            target, index = self._last
            target[index] = _clean_inline(f"{target[index]} {line}")


def _bullet_level(match: re.Match[str]) -> int:
    marks = len(match.group("marks").split())
    indent = len(match.group("indent").expandtabs(4))
    return min(3, marks + (1 if indent >= 2 and marks == 1 else 0))


def _looks_like_heading(line: str) -> bool:
    """A short line that does not end a sentence: "Discussie", "Taken:", "Uitleg … door X"."""
    return (
        len(line) <= 80 and not line.endswith((".", ";", "!", "?", ",")) and not line[0].islower()
    )


# --------------------------------------------------------------------------------------------
# ACTIELIJST
# --------------------------------------------------------------------------------------------

_ACTION_COLUMNS = {
    "raised": ("datum", "ingebracht", "d.d."),
    "subject": ("onderwerp", "agendapunt"),
    "actions": ("actie", "acties", "actie(s)", "wat", "wie"),
    "due": ("afronding", "deadline", "gereed", "status", "termijn", "wanneer", "uiterlijk"),
}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    lowered = [_clean_inline(c).lower() for c in cells]
    columns: dict[str, int] = {}
    for key, names in _ACTION_COLUMNS.items():
        for index, cell in enumerate(lowered):
            if cell in names and index not in columns.values():
                columns[key] = index
                break
    return columns if len(columns) >= 2 else None


def _parse_actions(meeting: DraftMeeting, lines: list[str]) -> None:
    columns = {"raised": 0, "subject": 1, "actions": 2, "due": 3}
    for raw in lines:
        if not raw.strip():
            continue
        cells = _cells(raw)
        if len(cells) < 2:
            _continue_row(meeting, raw)
            continue
        header = _header_columns(cells) if not meeting.actions else None
        if header:
            columns = {**columns, **header}
            continue
        meeting.actions.append(_parse_action_row(meeting, cells, columns, raw))


def _continue_row(meeting: DraftMeeting, raw: str) -> None:
    """A line without tabs in the table: a cell that wrapped onto a new line."""
    text = _clean_inline(raw)
    if not meeting.actions:
        meeting.appendix.append(text)
        meeting.warnings.append(
            _("Text before the first ACTIELIJST row kept apart: %(text)s.")
            % {"text": repr(text[:60])}
        )
        return
    action = meeting.actions[-1]
    action.row_text = f"{action.row_text}\n{raw.strip()}"
    if action.subactions:
        last = action.subactions[-1]
        last.text = _squash(f"{last.text} {text}")
    else:
        action.subactions.append(DraftSubAction(text))
    meeting.warnings.append(
        _("ACTIELIJST row %(row)s: a line without columns was added to its last action; check it.")
        % {"row": len(meeting.actions)}
    )


def _parse_action_row(
    meeting: DraftMeeting, cells: list[str], columns: dict[str, int], raw: str
) -> DraftAction:
    row_number = len(meeting.actions) + 1

    def cell(key: str) -> str:
        index = columns.get(key, -1)
        return _clean_inline(cells[index]) if 0 <= index < len(cells) else ""

    used = set(columns.values())
    extra = [_clean_inline(c) for i, c in enumerate(cells) if i not in used and c.strip()]
    actions_text = _squash(" ".join([cell("actions"), *extra]))
    if extra:
        meeting.warnings.append(
            _("ACTIELIJST row %(row)s: %(count)s columns; extra text added to the actions.")
            % {"row": row_number, "count": len(cells)}
        )
    action = DraftAction(
        raised_on=parse_dutch_date(cell("raised")),
        raised_text=cell("raised"),
        subject=cell("subject"),
        row_text=raw.strip(),
    )
    action.subactions = _subactions(actions_text, cell("due"), row_number, meeting.warnings)
    return action


@dataclass
class _Due:
    text: str  # the due date/phrase, "" for a bare status
    done: bool
    written: str  # the cell text this came from, so a misaligned surplus can be shown verbatim


_DONE_RE = r"afgerond|gereed|klaar|done"
_DUE_PATTERNS = [
    r"(?:eerste|tweede|1e|2e|1ste|2de)\s+helft(?:\s+(?:van\s+)?\d{4})?",
    r"(?:q[1-4]|kwartaal\s*[1-4]|[1-4]e\s+kwartaal)(?:\s+\d{4})?",
    rf"(?:voor|vóór|na|begin|eind|medio|uiterlijk)\s+(?:de\s+|het\s+)?(?:\d{{1,2}}\s+)?"
    rf"(?:{_MONTH_RE}|\w*vakantie|zomer|jaar|\d{{4}})(?:\s+\d{{4}})?",
    rf"\d{{1,2}}\s+(?:{_MONTH_RE})(?:\s+\d{{4}})?",
    rf"(?:{_MONTH_RE})(?:\s+\d{{4}})?",
    r"\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?",
    r"\d{8}",
    r"week\s*\d{1,2}(?:\s+\d{4})?",
    r"z\.\s?s\.\s?m\.?|zsm|asap|per\s+direct",
    r"(?:bij\s+)?(?:het\s+)?volgende?\s+(?:overleg|vergadering|teamoverleg)",
    r"(?:half)?jaarlijks|maandelijks|wekelijks|doorlopend|continu|lopend|loopt|vervallen",
    r"n\.?v\.?t\.?",
    r"\d{4}",
    _DONE_RE,
]
_DUE_RE = re.compile("|".join(rf"(?<!\w)(?:{p})(?!\w)" for p in _DUE_PATTERNS), re.I)


def split_due(text: str) -> list[_Due]:
    """Known due/status tokens in order; text between them is kept as tokens of its own."""
    found: list[_Due] = []
    position = 0
    for match in _DUE_RE.finditer(text):
        _add_gap(found, text[position : match.start()])
        token = match.group(0)
        done = bool(re.fullmatch(_DONE_RE, token, re.I))
        found.append(_Due("" if done else token, done, token))
        position = match.end()
    _add_gap(found, text[position:])
    return found


def _add_gap(found: list[_Due], gap: str) -> None:
    gap = gap.strip(" ,;/")
    if gap:
        found.append(_Due(gap, False, gap))


def _merge_done(dues: list[_Due]) -> list[_Due]:
    """'27 mei Afgerond' is one due: a date followed by its status."""
    merged: list[_Due] = []
    for due in dues:
        if due.done and not due.text and merged and merged[-1].text and not merged[-1].done:
            merged[-1] = _Due(merged[-1].text, True, f"{merged[-1].written} {due.written}")
        else:
            merged.append(due)
    return merged


_ABBREVIATION = re.compile(
    r"(?:\b(?:[a-z]\.){2,}|\b(?:bijv|resp|nr|mr|dhr|mevr|drs|ir|dr|incl|excl|ca|o\.a|t\.a\.v)\.)$",
    re.I,
)


def split_sentences(text: str) -> list[str]:
    """Sentences, not broken after abbreviations such as "d.d." or "z.s.m."."""
    sentences: list[str] = []
    start = 0
    for match in re.finditer(rf"[.!?](?=\s+[{_UPPER}0-9^(])", text):
        if _ABBREVIATION.search(text[start : match.end()]):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _group_by_owner(sentences: list[str]) -> list[list[str]]:
    """A sentence that opens with an owner starts a new sub-action; others join the current one."""
    groups: list[list[str]] = []
    for sentence in sentences:
        if not groups or detect_owners(sentence):
            groups.append([sentence])
        else:
            groups[-1].append(sentence)
    return groups


def _subactions(text: str, due_cell: str, row: int, warnings: list[str]) -> list[DraftSubAction]:
    sentences = split_sentences(text)
    groups = [" ".join(g) for g in _group_by_owner(sentences)]
    # "27 mei Afgerond" is always one due (date, done), never two cells to spread out.
    merged = _merge_done(split_due(due_cell))
    # Prefer the owner-based split; fall back to one sub-action per sentence when only that
    # lines up with the due cell ("Afgerond Afgerond Afgerond Eerste helft 2021 jaarlijks").
    for parts in (groups, sentences):
        if parts and len(parts) == len(merged):
            return [_subaction(p, d) for p, d in zip(parts, merged, strict=True)]
    parts = groups
    if abs(len(sentences) - len(merged)) < abs(len(groups) - len(merged)):
        parts = sentences
    if not parts:
        parts = [""] if merged else []
    return _misaligned(parts, merged, row, warnings)


def _misaligned(
    parts: list[str], dues: list[_Due], row: int, warnings: list[str]
) -> list[DraftSubAction]:
    """Keep what aligns and attach the rest, never dropping text; tell the reviewer."""
    if not dues:
        return [_subaction(p, _Due("", False, "")) for p in parts]
    if len(dues) == 1:
        warnings.append(
            _(
                "ACTIELIJST row %(row)s: one due cell for %(count)s sub-actions; applied to "
                "each, check it."
            )
            % {"row": row, "count": len(parts)}
        )
        return [_subaction(p, dues[0]) for p in parts]
    if len(dues) > len(parts):
        head, tail = dues[: len(parts) - 1], dues[len(parts) - 1 :]
        written = " ".join(d.written for d in tail)
        rest = _Due(written, all(d.done for d in tail), written)
        warnings.append(
            _(
                "ACTIELIJST row %(row)s: %(parts)s sub-actions but %(dues)s due cells; the "
                "surplus is on the last sub-action."
            )
            % {"row": row, "parts": len(parts), "dues": len(dues)}
        )
        return [_subaction(p, d) for p, d in zip(parts, [*head, rest], strict=True)]
    warnings.append(
        _(
            "ACTIELIJST row %(row)s: %(parts)s sub-actions but %(dues)s due cells; aligned in "
            "order, the last sub-actions have no due date."
        )
        % {"row": row, "parts": len(parts), "dues": len(dues)}
    )
    padded = [*dues, *[_Due("", False, "")] * (len(parts) - len(dues))]
    return [_subaction(p, d) for p, d in zip(parts, padded, strict=True)]


def _subaction(text: str, due: _Due) -> DraftSubAction:
    return DraftSubAction(text, detect_owners(text), due.text, due.done)


# --------------------------------------------------------------------------------------------
# TERMIJNAGENDA
# --------------------------------------------------------------------------------------------

_TERM_HEADER = _words("datum wanneer termijn onderwerp wat activiteit")
_TO_PLAN_RE = re.compile(r"\s*\(\s*nog\s+(?:te\s+)?plannen\s*\)", re.I)


def _parse_terms(meeting: DraftMeeting, lines: list[str]) -> None:
    series_word = meeting.series_name.split()[0].lower() if meeting.series_name else ""
    for raw in lines:
        if not raw.strip():
            continue
        cells = [c for c in _cells(raw) if c]
        if len(cells) == 1 and re.search(r"\S\s{2,}\S", cells[0]):
            cells = re.split(r"\s{2,}", cells[0].strip(), maxsplit=1)
        if len(cells) > 1 and all(_clean_inline(c).lower() in _TERM_HEADER for c in cells):
            continue
        if len(cells) < 2:
            meeting.warnings.append(
                _("TERMIJNAGENDA: no date column in %(text)s.") % {"text": repr(raw.strip()[:60])}
            )
            cells = ["", *cells]
        meeting.term_items.append(_term_item(cells[0], " ".join(cells[1:]), raw, series_word))


def _term_item(when_raw: str, subject_raw: str, raw: str, series_word: str) -> DraftTermItem:
    when, subject = _clean_inline(when_raw), _clean_inline(subject_raw)
    to_plan = bool(_TO_PLAN_RE.search(subject) or _TO_PLAN_RE.search(when))
    first = when.split(" ", 1)[0] if when else ""
    # "iPGA-R 18 mei": the series' own abbreviation (or another acronym) names the meeting.
    acronym = re.fullmatch(r"(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z-]*", first)
    at_meeting = first if first and (first.lower() == series_word or acronym) else ""
    return DraftTermItem(
        when_text=when,
        subject=_squash(_TO_PLAN_RE.sub("", subject)),
        to_plan=to_plan,
        tentative="<i>" in raw.lower(),
        at_meeting=at_meeting,
        row_text=raw.strip(),
    )


# --------------------------------------------------------------------------------------------
# Everything the reviewer sees, as one text (for "nothing dropped" checks)
# --------------------------------------------------------------------------------------------


def _person_text(person: DraftPerson) -> str:
    return " ".join(p for p in (person.name, person.ground, person.organisation, person.role) if p)


def draft_text(meeting: DraftMeeting) -> str:
    """All text held by the draft, one piece a line, in reading order."""
    parts: list[str] = [meeting.title, meeting.date_text]
    for people in (meeting.present, meeting.absent, meeting.also_present):
        parts.extend(_person_text(p) for p in people)
    parts += [meeting.present_note, meeting.absent_note, meeting.also_present_note]
    parts += meeting.preamble
    for item in meeting.items:
        parts += [str(item.number), item.title, *item.text, *item.decisions, *item.action_notes]
        parts += [point.text for point in item.points]
    for action in meeting.actions:
        parts += [action.raised_text, action.subject, action.row_text]
        for sub in action.subactions:
            parts += [sub.text, sub.due_text]
    for term in meeting.term_items:
        parts += [term.when_text, term.subject, term.row_text]
    parts += meeting.appendix
    return "\n".join(p for p in parts if p)


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def parse_docx(data: bytes | IO[bytes]) -> DraftMeeting:
    """Parse a DOCX upload. Raises MinutesImportError only when the file is not a DOCX."""
    return parse_text(docx_to_text(data))


# A DOCX is a zip archive: 2 MB compressed can unpack to gigabytes (a zip bomb). Real minutes
# unpack to well under a megabyte; python-docx reads whole parts into memory.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024


class DocxTooLarge(MinutesImportError):
    """The DOCX unpacks to more than MAX_UNPACKED_BYTES."""


def _check_unpacked_size(stream: IO[bytes]) -> None:
    """Refuse an archive whose members unpack too large, from the sizes its directory states,
    before anything is decompressed (zipfile stops a member that grows past its stated size)."""
    start = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise MinutesImportError(f"Not a readable DOCX file: {exc}") from exc
    finally:
        stream.seek(start)
    if total > MAX_UNPACKED_BYTES:
        raise DocxTooLarge(f"The DOCX unpacks to {total} bytes, more than {MAX_UNPACKED_BYTES}.")


def docx_to_text(data: bytes | IO[bytes]) -> str:
    """Render a DOCX as the text format ``parse_text`` reads, keeping paragraphs and tables in
    document order: bold as **…**, italic as <i>…</i>, superscript as ^{…}, list paragraphs as
    "- " (nested "- o "), numbered list paragraphs as "N. ", table rows tab-separated."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    _check_unpacked_size(stream)
    try:
        document = docx.Document(stream)
    except Exception as exc:  # python-docx raises several types for a non-DOCX upload
        raise MinutesImportError(f"Not a readable DOCX file: {exc}") from exc
    numbering = _Numbering(document)
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, _DocxTable):
            blocks.append(_table_text(block))
        else:
            blocks.append(numbering.prefix(block) + _paragraph_text(block))
    return "\n\n".join(blocks)


_Format = tuple[bool, bool, bool]  # bold, italic, superscript


def _paragraph_text(paragraph: _DocxParagraph) -> str:
    segments: list[tuple[str, _Format]] = []
    # ``paragraph.runs`` holds only direct children: text inside hyperlinks, tracked insertions
    # or content controls would be lost. Deleted text and text boxes (drawn twice, once as a
    # fallback) are left out.
    elements = paragraph._p.xpath(".//w:r[not(ancestor::w:del)][not(ancestor::w:txbxContent)]")
    for run in (Run(r, paragraph) for r in elements):
        fmt = (bool(run.bold), bool(run.italic), bool(run.font.superscript))
        if segments and segments[-1][1] == fmt:
            # Word splits runs arbitrarily; merge equal ones so "**BES****LUIT**" cannot happen.
            segments[-1] = (segments[-1][0] + run.text, fmt)
        else:
            segments.append((run.text, fmt))
    return "".join(_render_segment(text, fmt) for text, fmt in segments)


def _render_segment(text: str, fmt: _Format) -> str:
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    bold, italic, superscript = fmt
    if superscript:
        core = f"^{{{core}}}"
    if italic:
        core = f"<i>{core}</i>"
    if bold:
        core = f"**{core}**"
    return f"{lead}{core}{trail}"


def _table_text(table: _DocxTable) -> str:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):
                continue  # a merged cell is reported once per grid column it spans
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        rows.append("\t".join(cells))
    return "\n".join(rows)


def _cell_text(cell: _Cell) -> str:
    """A cell on one line: its paragraphs, and any nested table, joined by spaces."""
    parts: list[str] = []
    for block in cell.iter_inner_content():
        parts.append(
            _table_text(block) if isinstance(block, _DocxTable) else _paragraph_text(block)
        )
    return _squash(" ".join(parts).replace("\t", " "))


class _Numbering:
    """Turn Word list paragraphs into the "- " / "N. " prefixes the text parser expects."""

    def __init__(self, document: _DocxDocument) -> None:
        self.document = document
        self.counters: dict[tuple[str, int], int] = {}

    def prefix(self, paragraph: _DocxParagraph) -> str:
        info = self._list_info(paragraph)
        if info is None:
            return ""
        key, level, numbered = info
        if numbered and level == 0:
            count = self.counters.get((key, level), 0) + 1
            self.counters[(key, level)] = count
            return f"{count}. "
        return "- o " if level > 0 else "- "

    def _list_info(self, paragraph: _DocxParagraph) -> tuple[str, int, bool] | None:
        num_ids = paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_ids and str(num_ids[0]) != "0":  # numId 0 switches numbering off
            levels = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            level = int(levels[0]) if levels else 0
            num_id = str(num_ids[0])
            return num_id, level, self._format(num_id, level) not in ("bullet", "none", "")
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
        match = re.match(r"list (bullet|number)(?: (\d))?", style, re.I)
        if match:
            level = int(match.group(2) or 1) - 1
            kind = match.group(1).lower()
            return f"style:{kind}", level, kind == "number"
        return None

    def _format(self, num_id: str, level: int) -> str:
        try:
            root = self.document.part.numbering_part.element
            abstract = root.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
            formats = root.xpath(
                f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]'
                f'/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
            )
            return str(formats[0])
        except (IndexError, KeyError, NotImplementedError, AttributeError):
            return "bullet"  # unknown numbering: a bullet keeps the text without inventing items
