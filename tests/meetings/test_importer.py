"""The minutes importer, on the Woo-published seed minutes of 15 June 2021 and on arbitrary text.

The seed is kept with the tests (``tests/meetings/data/``, see its README), so a fresh clone
runs every test on it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from docx import Document
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.meetings.importing.parser import (
    DraftMeeting,
    DraftPerson,
    MinutesImportError,
    detect_owners,
    detect_speaker,
    draft_text,
    parse_attendees,
    parse_docx,
    parse_dutch_date,
    parse_text,
    split_due,
    split_sentences,
)

SEED = Path(__file__).resolve().parent / "data" / "ipga-r-teamoverleg-2021-06-15.txt"


@pytest.fixture(autouse=True, scope="module")
def _english() -> Iterator[None]:
    """The warnings are translated; these tests read the English source messages."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> DraftMeeting:
    return parse_text(seed_text)


REDACTED = DraftPerson("", redacted=True, ground="5.1.2,e")


# --------------------------------------------------------------------------------------------
# Header and attendance
# --------------------------------------------------------------------------------------------


def test_header(seed: DraftMeeting) -> None:
    assert seed.title == "Vastgesteld verslag iPGA-R Teamoverleg"
    assert seed.series_name == "iPGA-R Teamoverleg"
    assert seed.adopted is True
    assert seed.date == date(2021, 6, 15)
    assert seed.date_text == "Dinsdag 15 juni 2021"
    assert seed.preamble == []


def test_attendance_counts_each_token_as_one_unnamed_person(seed: DraftMeeting) -> None:
    assert len(seed.present) == 8
    assert all(p == REDACTED for p in seed.present)
    assert len(seed.absent) == 2
    assert seed.absent_note == "AM-gemeenten."
    assert len(seed.also_present) == 7
    assert seed.present_note == seed.also_present_note == ""


def test_named_attendees_split_on_commas_and_en() -> None:
    people, note = parse_attendees("Jan Jansen, Petra de Boer (GGD) en Ali Yilmaz")
    assert people == [
        DraftPerson("Jan Jansen"),
        DraftPerson("Petra de Boer", organisation="GGD"),
        DraftPerson("Ali Yilmaz"),
    ]
    assert note == ""


def test_attendee_role_and_organisation_in_parentheses() -> None:
    people, _ = parse_attendees("5.1.2,e (OOV, voorzitter), J. de Vries (notulist)")
    assert people == [
        DraftPerson("", organisation="OOV", role="voorzitter", redacted=True, ground="5.1.2,e"),
        DraftPerson("J. de Vries", role="notulist"),
    ]


def test_attendance_wraps_until_the_next_label() -> None:
    meeting = parse_text(
        "Verslag Wijkoverleg\nAanwezig: Jan Jansen,\nPetra de Boer\n\nen Ali Yilmaz\n"
        "Afwezig Kees Bakker\nNotulist: Sanne\n1. Opening\n"
    )
    assert [p.name for p in meeting.present] == ["Jan Jansen", "Petra de Boer", "Ali Yilmaz"]
    assert [p.name for p in meeting.absent] == ["Kees Bakker"]
    assert meeting.absent_note == ""
    assert meeting.preamble == ["Notulist: Sanne"]
    assert meeting.adopted is False
    assert meeting.series_name == "Wijkoverleg"


def test_text_after_attendance_stays_in_the_preamble() -> None:
    meeting = parse_text("Aanwezig: Jan Jansen\n\nDit overleg is online.\n\n1. Opening\n")
    assert [p.name for p in meeting.present] == ["Jan Jansen"]
    assert meeting.title == "Dit overleg is online."


# --------------------------------------------------------------------------------------------
# Items
# --------------------------------------------------------------------------------------------


def test_items_titles_and_standing_keys(seed: DraftMeeting) -> None:
    assert [(i.number, i.title, i.standing) for i in seed.items] == [
        (1, "Kennismaking met projectleiders stadsdelen", ""),
        (2, "Toelichting door 5.1.2,e over aandachtsfunctionarissen", ""),
        (3, "Agenda en mededelingen", "opening"),
        (
            4,
            "Vaststellen verslag iPGA-R Teamoverleg d.d. 18 mei 2021 + actualiseren actielijst",
            "previous_minutes",
        ),
        (5, "Toelichting op informatiebeeld april 2021 door 5.1.2,e", ""),
        (6, "WVTTK en sluiting", "closing"),
    ]


def test_decisions(seed: DraftMeeting) -> None:
    assert [i.decisions for i in seed.items] == [
        [],
        [
            "Afgesproken wordt dat de contactgegevens van de aandachtsfunctionarissen worden "
            "gedeeld met de regisseurs."
        ],
        ["De agenda wordt vastgesteld."],
        [],
        [],
        [],
    ]


def test_previous_minutes_item_is_deferred(seed: DraftMeeting) -> None:
    item = seed.items[3]
    assert item.deferred is True
    assert item.previous_minutes_date == date(2021, 5, 18)
    assert item.text == [
        "Het verslag is niet besproken. Dit agendapunt wordt daarom doorgeschoven naar het "
        "volgende overleg."
    ]
    assert [i.deferred for i in seed.items].count(True) == 1


def test_presenters(seed: DraftMeeting) -> None:
    assert seed.items[4].presenter == "5.1.2,e"
    assert seed.items[4].presenter_person == REDACTED
    assert seed.items[1].presenter == "5.1.2,e"
    assert seed.items[0].presenter == ""


def test_presenter_by_name() -> None:
    meeting = parse_text("1. Toelichting door Jan de Vries (GGD) over het convenant\n")
    assert meeting.items[0].presenter == "Jan de Vries"
    assert meeting.items[0].presenter_person == DraftPerson("Jan de Vries", organisation="GGD")


def test_speakers_on_points(seed: DraftMeeting) -> None:
    first = seed.items[0]
    discussion = [p for p in first.points if p.heading == "Discussie"]
    assert len(discussion) == 6
    assert all(p.speaker == REDACTED for p in discussion)
    assert discussion[0].text.startswith("5.1.2,e merkt naar aanleiding van de opmerking")
    welcome = first.points[2]
    assert welcome.text.startswith("5.1.2,e heet iedereen van harte welkom")
    assert welcome.speaker == REDACTED
    # "Er vindt een voorstelronde plaats": "Er" is not a person.
    assert first.points[3].speaker is None
    # The introduction round lists people without a verb: nobody speaks.
    introductions = [p for p in first.points if p.heading == "Voorstelronde"]
    assert len(introductions) == 8
    assert all(p.speaker is None for p in introductions)
    assert all(p.speaker == REDACTED for p in seed.items[4].points)


def test_closing_paragraph_with_a_speaker_becomes_a_point(seed: DraftMeeting) -> None:
    closing = seed.items[5]
    assert closing.text == ["Er zijn geen nadere bespreekpunten."]
    [point] = closing.points
    assert point.text == "5.1.2.e sluit het overleg."
    assert point.speaker == DraftPerson("", redacted=True, ground="5.1.2.e")
    assert point.bullet is False


def test_nested_bullets_and_headings(seed: DraftMeeting) -> None:
    tasks = [p for p in seed.items[0].points if p.heading == "Taken"]
    assert len(tasks) == 12
    assert all(p.level == 2 for p in tasks)
    assert tasks[0].text == "Optuigen en in stand houden van een (informeel) netwerk;"
    not_tasks = [p.text for p in seed.items[0].points if p.heading.startswith("Wat behoort")]
    assert not_tasks == ["Geen 'special agent'", "Geen social media afstruinen."]
    assert "Uitleg over taken projectleider door 5.1.2,e" in seed.items[0].text


def test_paragraph_wrapped_over_a_blank_line_is_joined(seed: DraftMeeting) -> None:
    last = seed.items[4].points[-1]
    assert "opgesteld, die wel verspreid mag worden. Voor het volgende beeld" in last.text
    assert all(not p.text.startswith("verspreid") for i in seed.items for p in i.points)


def test_speaker_detection_with_names_and_roles() -> None:
    assert detect_speaker("Petra de Boer (GGD) vraagt hoe dit komt.") == DraftPerson(
        "Petra de Boer", organisation="GGD"
    )
    assert detect_speaker("De voorzitter opent de vergadering.") == DraftPerson(
        "", role="voorzitter"
    )
    assert detect_speaker("Amsterdam is een stad.") is None
    assert detect_speaker("Hij merkt op dat het goed is.") is None


# --------------------------------------------------------------------------------------------
# ACTIELIJST
# --------------------------------------------------------------------------------------------


def test_action_rows(seed: DraftMeeting) -> None:
    assert [(a.raised_on, a.subject) for a in seed.actions] == [
        (date(2021, 3, 23), "Bijeenkomst over kwetsbaarheid regisseurs bij casuïstiek in de media"),
        (date(2021, 3, 23), "Teamuitstapje in Westerpark"),
        (date(2021, 3, 23), "Familiebijeenkomst(en) met BM"),
        (date(2021, 3, 23), "Bijeenkomst over veiligheid met directeur OOV"),
        (date(2020, 10, 1), "Actualisering interventiepallet 5.1.2.h"),
        (date(2020, 12, 3), "Verbinding tussen programmteam en regisseurspool"),
        (date(2020, 10, 1), "Evaluatie nieuwe regisseurspool / Teamuitje regisseurspool"),
    ]
    assert seed.actions[0].raised_text == "20210323"


def test_date_then_done_is_one_due(seed: DraftMeeting) -> None:
    [sub] = seed.actions[0].subactions
    assert (sub.due_text, sub.done) == ("27 mei", True)
    assert sub.owners == [DraftPerson("", redacted=True, ground="5.1.2.e")]


def test_five_sub_actions_align_with_five_due_cells(seed: DraftMeeting) -> None:
    subs = seed.actions[4].subactions
    assert [(s.due_text, s.done) for s in subs] == [
        ("", True),
        ("", True),
        ("", True),
        ("Eerste helft 2021", False),
        ("jaarlijks", False),
    ]
    assert subs[0].text == "5.1.2.e heeft het interventiepallet teruggebracht naar een basispallet."
    assert subs[4].text.startswith("Allen: na deze eerste schifting")
    token = DraftPerson("", redacted=True, ground="5.1.2.e")
    assert [s.owners for s in subs] == [[token], [], [], [token], [DraftPerson("Allen")]]


def test_owner_names(seed: DraftMeeting) -> None:
    assert seed.actions[2].subactions[0].owners == [DraftPerson("Regisseurs")]
    assert seed.actions[1].subactions[0].due_text == "Voor de zomervakantie"
    assert seed.actions[5].subactions[0].due_text == "Tweede helft 2021"


def test_single_due_for_several_sub_actions_is_applied_and_warned(seed: DraftMeeting) -> None:
    last = seed.actions[6].subactions
    assert len(last) == 2
    assert [s.due_text for s in last] == ["September 2021", "September 2021"]
    # The unowned "4.1.4 buiten scope …" sentence stays with the sub-action before it.
    assert last[1].text.endswith("4.1.4 buiten scope i-PGA-r 5.1.2.e 5.1.2.e 5.1.2.e")
    assert any(w.startswith("ACTIELIJST row 7:") for w in seed.warnings)


def test_surplus_due_cells_are_kept_and_warned() -> None:
    meeting = parse_text(
        "ACTIELIJST\n\nDatum\tOnderwerp\tActie(s)\tAfronding\n"
        "20210101\tX\tJan Jansen belt de GGD.\tz.s.m. Afgerond jaarlijks 1 mei\n"
        "wordt vervolgd\n"
    )
    [action] = meeting.actions
    [sub] = action.subactions
    assert sub.owners == [DraftPerson("Jan Jansen")]
    assert sub.text == "Jan Jansen belt de GGD. wordt vervolgd"
    assert sub.due_text == "z.s.m. Afgerond jaarlijks 1 mei"
    assert len(meeting.warnings) >= 2


def test_due_tokens_and_sentences() -> None:
    assert [(d.text, d.done) for d in split_due("27 mei Afgerond")] == [
        ("27 mei", False),
        ("", True),
    ]
    assert [d.text for d in split_due("Q3 2021 na de zomervakantie iets anders")] == [
        "Q3 2021",
        "na de zomervakantie",
        "iets anders",
    ]
    assert split_sentences("Bespreken d.d. 18 mei. Daarna z.s.m. Jan belt.") == [
        "Bespreken d.d. 18 mei.",
        "Daarna z.s.m. Jan belt.",
    ]
    assert detect_owners("5.1.2,e en 5.1.2,e (GGD) plannen een overleg.") == [
        DraftPerson("", redacted=True, ground="5.1.2,e"),
        DraftPerson("", organisation="GGD", redacted=True, ground="5.1.2,e"),
    ]
    assert detect_owners("Ali Yilmaz en Jan Jansen plannen overleg.") == [
        DraftPerson("Ali Yilmaz"),
        DraftPerson("Jan Jansen"),
    ]
    assert detect_owners("De interventie 5.1.2.d wordt toegevoegd.") == []


def test_dutch_dates() -> None:
    assert parse_dutch_date("Dinsdag 15 juni 2021") == date(2021, 6, 15)
    assert parse_dutch_date("d.d. 3 mrt. 2020") == date(2020, 3, 3)
    assert parse_dutch_date("15-06-2021") == date(2021, 6, 15)
    assert parse_dutch_date("31 februari 2021") is None
    assert parse_dutch_date("geen datum") is None


def test_wrong_weekday_is_warned() -> None:
    meeting = parse_text("Verslag X\nVergaderdatum: maandag 15 juni 2021\n")
    assert any("not a maandag" in w for w in meeting.warnings)


# --------------------------------------------------------------------------------------------
# TERMIJNAGENDA
# --------------------------------------------------------------------------------------------


def test_term_agenda(seed: DraftMeeting) -> None:
    # The brief counted 14 rows; the seed holds 13.
    assert [(t.when_text, t.to_plan, t.tentative, t.at_meeting) for t in seed.term_items] == [
        ("1, 5, 29 april en 13 mei 2021", False, False, ""),
        ("iPGA-R 18 mei", False, False, "iPGA-R"),
        ("27 mei", False, False, ""),
        ("Mei/juni of na zomervakantie", True, True, ""),
        ("Voor zomervakantie", True, True, ""),
        ("iPGA-R 15 juni", False, False, "iPGA-R"),
        ("16/2, 15/4, 22/6, 23/9, 11/11 en 16/12", False, True, ""),
        ("9/2, 13/4, 22/6, 23/9, 11/11 en 16/12", False, True, ""),
        ("30 juni (9-13 uur) en 8 juli (13-17 uur)", False, False, ""),
        ("iPGA-R", True, True, "iPGA-R"),
        ("iPGA-R", True, True, "iPGA-R"),
        ("2e helft 2021", True, True, ""),
        ("September 2021", True, True, ""),
    ]
    assert seed.term_items[3].subject == "Vervolgbijsamenkomst over veiligheid met directeur OOV"
    assert seed.term_items[9].subject == "Toelichting GGD op ZRM"


# --------------------------------------------------------------------------------------------
# Nothing dropped
# --------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = re.sub(r"</?i>|\*\*|[\^{}→]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


# Labels and markers the parser turns into structure rather than text.
_LABEL = re.compile(
    r"^(?:ook aanwezig|aanwezig|afwezig|vergaderdatum)\b:?|^(?:actielijst|termijnagenda)$"
    r"|^besluit:\s*|^[-•]\s+(?:o\s+)?|^\d+\.\s+",
    re.I,
)
_ACTION_HEADER = "datum onderwerp actie(s) afronding"


def test_nothing_dropped(seed_text: str, seed: DraftMeeting) -> None:
    corpus = _norm(draft_text(seed))
    corpus_words = set(re.findall(r"\w+", corpus))
    for line in seed_text.splitlines():
        normal = _norm(line)
        if not normal or normal == _ACTION_HEADER:
            continue
        content = _LABEL.sub("", normal).strip()
        if re.match(r"^(?:ook aanwezig|aanwezig|afwezig)\b", normal) or content.startswith("5.1.2"):
            # Attendance lists lose their separators ("en"); every word must still be there.
            assert set(re.findall(r"\w+", content)) <= corpus_words, line
        else:
            assert content in corpus, line


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------

_MARKUP = re.compile(r"(\*\*.+?\*\*|<i>.+?</i>|\^\{.+?\})")


def _add_runs(paragraph: Paragraph, text: str) -> None:
    """Turn the seed's inline markup back into Word formatting."""
    for part in _MARKUP.split(text):
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("<i>"):
            paragraph.add_run(part[3:-4]).italic = True
        elif part.startswith("^{"):
            paragraph.add_run(part[2:-1]).font.superscript = True
        elif part:
            paragraph.add_run(part)


def build_docx(text: str, *, auto_number: bool = False) -> bytes:
    """A Word document like the original: paragraphs, bullets, bold decisions, two tables.

    Blocks are separated by blank lines; a block of tab-separated lines is a table; a block of
    several lines is one paragraph with line breaks. With ``auto_number`` the agenda items use
    Word's numbered list style instead of typed numbers.
    """
    document = Document()
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if all("\t" in line for line in lines):
            rows = [line.split("\t") for line in lines]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=False):
                    _add_runs(cell.paragraphs[0], value)
            continue
        first = lines[0]
        nested = re.match(r"^- o (.*)$", first)
        bullet = re.match(r"^- (.*)$", first)
        item = re.match(r"^\d+\. (.*)$", first)
        if nested:
            paragraph = document.add_paragraph(style="List Bullet 2")
            first = nested.group(1)
        elif bullet:
            paragraph = document.add_paragraph(style="List Bullet")
            first = bullet.group(1)
        elif item and auto_number:
            paragraph = document.add_paragraph(style="List Number")
            first = item.group(1)
        else:
            paragraph = document.add_paragraph()
        for index, line in enumerate([first, *lines[1:]]):
            if index:
                paragraph.add_run().add_break()
            _add_runs(paragraph, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _shape(meeting: DraftMeeting) -> object:
    return (
        meeting.title,
        meeting.date,
        len(meeting.present),
        len(meeting.absent),
        meeting.absent_note,
        len(meeting.also_present),
        meeting.items,
        meeting.actions,
        [
            (t.when_text, t.subject, t.to_plan, t.tentative, t.at_meeting)
            for t in meeting.term_items
        ],
    )


@pytest.mark.parametrize("auto_number", [False, True], ids=["typed-numbers", "word-numbering"])
def test_docx_gives_the_same_draft_as_text(
    seed_text: str, seed: DraftMeeting, auto_number: bool
) -> None:
    data = build_docx(seed_text, auto_number=auto_number)
    from_docx = parse_docx(data)
    assert _shape(from_docx) == _shape(seed)
    assert parse_docx(io.BytesIO(data)).items == seed.items


def test_docx_keeps_bold_and_italic_as_markup(seed_text: str) -> None:
    from regie.meetings.importing.parser import docx_to_text

    text = docx_to_text(build_docx(seed_text))
    assert "→ **BESLUIT: De agenda wordt vastgesteld.**" in text
    assert (
        "<i>Voor zomervakantie</i>\t<i>BBQ voor regisseurspool in Landsmeer (nog plannen)</i>"
        in (text)
    )
    assert "^{5.1.2,e} merkt op al een paar" in text


def test_docx_text_in_hyperlinks_and_nested_tables_is_kept() -> None:
    document = Document()
    document.add_paragraph("1. Opening")
    paragraph = document.add_paragraph("- Zie ")
    hyperlink = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "de website"
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)
    document.add_paragraph("ACTIELIJST")
    table = document.add_table(rows=1, cols=4)
    for cell, value in zip(table.rows[0].cells, ["20210101", "X", "Jan belt.", ""], strict=True):
        cell.text = value
    table.rows[0].cells[3].add_table(rows=1, cols=2).rows[0].cells[0].text = "z.s.m."
    buffer = io.BytesIO()
    document.save(buffer)
    meeting = parse_docx(buffer.getvalue())
    assert meeting.items[0].points[0].text == "Zie de website"
    assert meeting.actions[0].subactions[0].due_text == "z.s.m."


def test_not_a_docx_is_an_import_error() -> None:
    with pytest.raises(MinutesImportError):
        parse_docx(b"this is not a zip file")


# --------------------------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------------------------


def test_garbage_is_kept_as_preamble_with_a_warning() -> None:
    meeting = parse_text("@@@ zomaar wat tekst\n\nnog meer\n\t\t\n")
    assert meeting.items == []
    assert meeting.title == "@@@ zomaar wat tekst"
    assert meeting.preamble == ["nog meer"]
    assert any("No numbered agenda items" in w for w in meeting.warnings)
    assert parse_text("").items == []


def test_numbered_list_inside_an_item_is_not_a_new_item() -> None:
    meeting = parse_text("1. Opening\n\n2. Begroting\n\n1. eerste punt\n2. tweede punt\n")
    assert [i.title for i in meeting.items] == ["Opening", "Begroting"]
    assert [p.text for p in meeting.items[1].points] == ["1. eerste punt", "2. tweede punt"]


# Words the parser consumes as structure: labels, table headers, bullet markers, "en" between
# attendees, and the "i" of <i> markup.
_STRUCTURE_WORDS = frozenset(
    re.findall(
        r"\S+",
        "aanwezig afwezig afgemeld ook met kennisgeving vergaderdatum datum vergadering actielijst "
        "termijnagenda besluit besluiten actie acties afronding onderwerp deadline gereed status "
        # "s" is what is left of the header "Actie(s)" once split into words.
        "termijn wanneer uiterlijk ingebracht agendapunt punt wat wie en o i s",
    )
)
_FRAGMENTS = [
    "Vastgesteld verslag Testoverleg",
    "Vergaderdatum dinsdag 15 juni 2021",
    "Aanwezig: Jan Jansen, Petra de Boer (GGD) en 5.1.2,e",
    "Afwezig: 5.1.2,e AM-gemeenten.",
    "1. Opening",
    "2. Vaststellen verslag d.d. 18 mei 2021",
    "3. Toelichting door ^{5.1.2,e}",
    "- 5.1.2,e merkt op dat het goed is.",
    "- o genest punt",
    "→ **BESLUIT: De agenda wordt vastgesteld.**",
    "→ ACTIE: Jan belt",
    "Discussie",
    "verder in kleine letters",
    "ACTIELIJST",
    "Datum\tOnderwerp\tActie(s)\tAfronding",
    "20210323\tOnderwerp X\t5.1.2.e plant. Allen: lezen.\t27 mei Afgerond jaarlijks",
    "TERMIJNAGENDA",
    "<i>Mei/juni</i>\t<i>BBQ (nog plannen)</i>",
    "iPGA-R 18 mei\tKennismaking",
    "",
]
_LINES = st.one_of(
    st.sampled_from(_FRAGMENTS),
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(list("ab C1.5,e-\t:()^{}*<i>→o")), max_size=30),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=25))
def test_parse_text_never_raises_and_never_loses_words(lines: list[str]) -> None:
    text = "\n".join(lines)
    meeting = parse_text(text)
    # The catch-all in parse_text keeps text on a crash; a crash is still a bug.
    assert not any(w.startswith("The importer failed") for w in meeting.warnings)
    corpus = _norm(draft_text(meeting))
    for word in re.findall(r"\w+", _norm(text)):
        assert word in _STRUCTURE_WORDS or word in corpus, word


def test_far_dates_are_not_meeting_dates() -> None:
    """Year 1 or 9999 is a typing error, and date arithmetic on it overflows later."""
    from regie.meetings.importing.parser import parse_dutch_date

    assert parse_dutch_date("Vergaderdatum 1 januari 0001") is None
    assert parse_dutch_date("Vergaderdatum 31-12-9999") is None
    assert parse_dutch_date("Vergaderdatum 15 juni 2021") == date(2021, 6, 15)


def test_a_docx_that_unpacks_too_large_is_refused_before_it_is_opened() -> None:
    import io
    import zipfile

    from regie.meetings.importing.parser import MinutesImportError, docx_to_text

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (25 * 1024 * 1024))
    assert len(buffer.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(MinutesImportError, match="unpacks"):
        docx_to_text(buffer.getvalue())


def test_control_characters_are_dropped_from_the_text() -> None:
    from regie.meetings.importing.parser import parse_text

    draft = parse_text("Verslag X\n\nVergaderdatum 15 juni 2021\x0b\n\n1. Opening\x01\n")
    assert draft.date == date(2021, 6, 15)
