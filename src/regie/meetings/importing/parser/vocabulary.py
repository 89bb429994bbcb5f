"""The Dutch words, line patterns and small helpers the minutes parser is built from."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from regie.meetings.importing.parser.draft import DraftPerson
from regie.meetings.validators import date_in_range

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
