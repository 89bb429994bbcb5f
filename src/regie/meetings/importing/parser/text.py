"""The text parser: lines routed to the preamble, items and tables; the preamble (title,
date, attendance) and the agenda items (points, decisions, notes)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from regie.meetings.importing.parser.draft import DraftItem, DraftMeeting, DraftPerson, DraftPoint
from regie.meetings.importing.parser.people import _presenter, detect_speaker, parse_attendees
from regie.meetings.importing.parser.tables import _parse_actions, _parse_terms
from regie.meetings.importing.parser.vocabulary import (
    _ACTION_NOTE_RE,
    _ATTENDANCE_KINDS,
    _ATTENDANCE_RE,
    _BULLET_RE,
    _DATE_LABEL_RE,
    _DECISION_RE,
    _ITEM_RE,
    _MONTH_RE,
    _OTHER_LABEL_RE,
    _SECTION_RE,
    _TOKEN_RE,
    _WEEKDAYS,
    _clean_inline,
    _squash,
    parse_dutch_date,
)
from regie.meetings.validators import strip_control

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
