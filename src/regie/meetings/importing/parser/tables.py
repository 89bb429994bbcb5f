"""The two tables of the minutes: the ACTIELIJST (actions, sub-actions, owners, due moments)
and the TERMIJNAGENDA."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from regie.meetings.importing.parser.draft import (
    DraftAction,
    DraftMeeting,
    DraftSubAction,
    DraftTermItem,
)
from regie.meetings.importing.parser.people import detect_owners
from regie.meetings.importing.parser.vocabulary import (
    _MONTH_RE,
    _UPPER,
    _clean_inline,
    _squash,
    _words,
    parse_dutch_date,
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
