"""Importing minutes: the seed becomes a meeting, the review page shows everything, confirming
saves it once, and the export of the imported meeting carries every decision and actielijst row
of the seed (the round trip)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.meetings import documents
from regie.meetings.documents import compose as document_build
from regie.meetings.documents import docx as document_docx
from regie.meetings.importing import saving
from regie.meetings.importing.parser import DraftMeeting, parse_docx, parse_text
from regie.meetings.models import (
    Action,
    Attendee,
    Meeting,
    MeetingSeries,
    MinutePoint,
    SubAction,
    TermItem,
)
from tests.meetings.test_documents import RESULTS_DIR, body, pdf_text

SEED = Path(__file__).resolve().parent / "data" / "ipga-r-teamoverleg-2021-06-15.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Compare texts whatever the line breaks, hyphenation at line ends and markup: pdftotext
    breaks table cells over lines, the seed writes superscripts as ^{…}."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip().casefold()


def no_space(text: str) -> str:
    """Without any whitespace or hyphen: a line break at a hyphen ("i-PGA-r") cannot be told
    apart from a word broken at the line end, so neither side keeps hyphens."""
    return re.sub(r"[\s\-‐]+", "", normalise(text))


def _zip_bomb() -> bytes:
    """A small archive that states a 25 MB member: refused before python-docx opens it."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (25 * 1024 * 1024))
    return buffer.getvalue()


ZIP_BOMB = _zip_bomb()


# English pages (the exports are written in the organisation's language whatever the request
# asks).
from tests.english import english_login_as  # noqa: E402, F401  (fixture login_as)


@pytest.fixture
def draft() -> DraftMeeting:
    return parse_text(SEED_TEXT)


@pytest.fixture
def imported(series: MeetingSeries, secretary: User, draft: DraftMeeting) -> Meeting:
    return saving.save_draft(actor=secretary, series=series, draft=draft).meeting


# --- Saving --------------------------------------------------------------------------------------


def test_the_seed_becomes_an_adopted_meeting(imported: Meeting, draft: DraftMeeting) -> None:
    assert imported.date == dt.date(2021, 6, 15)
    assert imported.status == Meeting.Status.ADOPTED
    present = imported.attendees.filter(presence=Attendee.Presence.PRESENT)
    absent = imported.attendees.filter(presence=Attendee.Presence.ABSENT)
    also = imported.attendees.filter(presence=Attendee.Presence.ALSO_PRESENT)
    assert (present.count(), absent.count(), also.count()) == (8, 2, 7)
    names = list(imported.attendees.order_by("position").values_list("name", flat=True))
    assert names[:3] == ["Onbekend 1", "Onbekend 2", "Onbekend 3"]
    assert len(set(names)) == 17

    items = list(imported.items.order_by("position"))
    assert [i.position for i in items] == [1, 2, 3, 4, 5, 6]
    assert items[0].title == "Kennismaking met projectleiders stadsdelen"
    assert [i.standing for i in items][2:] == ["opening", "previous_minutes", "", "closing"]
    assert items[3].deferred
    assert "Het verslag is niet besproken." in items[3].notes
    # Free text is kept, the sub-headings of the points are not repeated as notes.
    assert "'pamflet'" in items[0].notes
    assert "Voorstelronde" not in items[0].notes.splitlines()
    assert "Afwezig: AM-gemeenten." in items[0].notes

    points = MinutePoint.objects.filter(item__meeting=imported)
    assert points.count() == sum(len(i.points) for i in draft.items)
    assert not points.exclude(speaker=None).exists()  # every speaker in the seed is redacted
    assert points.filter(heading="Discussie").count() == 9
    decisions = list(imported.decisions.values_list("text", flat=True))
    assert decisions == [
        "Afgesproken wordt dat de contactgegevens van de aandachtsfunctionarissen worden "
        "gedeeld met de regisseurs.",
        "De agenda wordt vastgesteld.",
    ]


def test_the_seed_actielijst_and_termijnagenda(imported: Meeting, draft: DraftMeeting) -> None:
    actions = Action.objects.filter(series=imported.series).order_by("raised_on", "id")
    assert actions.count() == len(draft.actions) == 7
    first = actions.get(subject__startswith="Bijeenkomst over kwetsbaarheid")
    assert first.raised_on == dt.date(2021, 3, 23)
    sub = first.subactions.get()
    assert sub.status == SubAction.Status.DONE
    assert sub.completed_on == imported.date
    assert sub.due_text == "27 mei"
    owners = list(sub.owners.values_list("name", flat=True))
    assert owners == ["5.1.2.e"]
    pallet = actions.get(subject__startswith="Actualisering interventiepallet")
    assert pallet.subactions.count() == 5
    yearly = pallet.subactions.get(due_text="jaarlijks")
    assert yearly.recurring
    assert list(yearly.owners.values_list("name", flat=True)) == ["Allen"]

    terms = TermItem.objects.filter(series=imported.series)
    assert terms.count() == len(draft.term_items) == 13
    bbq = terms.get(subject="BBQ voor regisseurspool in Landsmeer")
    assert bbq.to_plan
    assert bbq.period_text == "Voor zomervakantie"
    intervision = terms.get(subject="Intervisiebijeenkomsten voor regisseurs")
    assert intervision.dates.count() == 6


def test_import_is_audited_as_adopted_outside_regie(imported: Meeting, secretary: User) -> None:
    event = AuditEvent.objects.get(action="meetings.import", object_id=str(imported.pk))
    assert event.actor_id == secretary.pk
    assert event.changes["adopted_outside_regie"] is True
    assert event.changes["decisions"] == 2


def test_a_second_import_of_the_same_meeting_is_refused(
    imported: Meeting, series: MeetingSeries, secretary: User, draft: DraftMeeting
) -> None:
    with pytest.raises(ValidationError) as refused:
        saving.save_draft(actor=secretary, series=series, draft=draft)
    assert refused.value.code == "duplicate"
    assert Meeting.objects.filter(series=series).count() == 1


def test_the_next_minutes_do_not_repeat_the_actielijst(
    imported: Meeting, series: MeetingSeries, secretary: User
) -> None:
    text = SEED_TEXT.replace("Dinsdag 15 juni 2021", "Dinsdag 13 juli 2021").replace(
        "Voor de zomervakantie", "Voor de zomervakantie Afgerond"
    )
    result = saving.save_draft(actor=secretary, series=series, draft=parse_text(text))
    assert result.actions_added == 0
    assert result.actions_known == 7
    assert result.term_items_known == 13
    bbq = SubAction.objects.get(action__subject="Teamuitstapje in Westerpark")
    assert bbq.status == SubAction.Status.DONE
    assert bbq.completed_on == dt.date(2021, 7, 13)


def test_names_match_members_of_the_series(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    text = (
        "Verslag iPGA-R Teamoverleg\n\nVergaderdatum Dinsdag 20 juli 2021\n\n"
        "Aanwezig Teamleider Test, Regisseur_A Test en Piet Pieters\n\n"
        "Ook aanwezig: Partner_Stadsdeel Test (Stadsdeel Noord)\n\n"
        "1. Agenda en mededelingen\n\n"
        "- Teamleider Test merkt op dat de agenda lang is.\n"
        "- Piet Pieters geeft aan dat hij later weg moet.\n"
    )
    meeting = saving.save_draft(actor=secretary, series=series, draft=parse_text(text)).meeting
    assert meeting.status == Meeting.Status.CONCEPT
    leader = meeting.attendees.get(user=personas["teamleider"])
    assert leader.kind == Attendee.Kind.MEMBER
    assert meeting.attendees.get(name="Piet Pieters").user is None
    # Not a member of the series: an external name, not the partner's account.
    guest = meeting.attendees.get(presence=Attendee.Presence.ALSO_PRESENT)
    assert guest.user is None
    assert guest.kind == Attendee.Kind.GUEST
    points = {p.text: p.speaker for p in MinutePoint.objects.filter(item__meeting=meeting)}
    assert points["Teamleider Test merkt op dat de agenda lang is."] == leader
    piet = points["Piet Pieters geeft aan dat hij later weg moet."]
    assert piet is not None
    assert piet.name == "Piet Pieters"


def test_minutes_without_a_date_are_refused(series: MeetingSeries, secretary: User) -> None:
    with pytest.raises(ValidationError) as refused:
        saving.save_draft(actor=secretary, series=series, draft=parse_text("1. Opening\n\n- Iets"))
    assert refused.value.code == "date"


def test_only_managers_of_the_series_import(
    series: MeetingSeries, personas: dict[str, User], draft: DraftMeeting
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        saving.save_draft(actor=personas["regisseur_a"], series=series, draft=draft)
    assert not Meeting.objects.exists()


# --- The round trip ------------------------------------------------------------------------------


def seed_action_rows() -> list[list[str]]:
    """The ACTIELIJST rows of the seed (without the header), cells split on tabs."""
    section = SEED_TEXT.split("\nACTIELIJST\n", 1)[1].split("\nTERMIJNAGENDA\n", 1)[0]
    return [r.split("\t") for r in section.strip().splitlines()[1:] if r.strip()]


def seed_rows(draft: DraftMeeting) -> list[str]:
    """Every decision and every actielijst cell text of the seed, as written in the seed."""
    texts: list[str] = []
    for line in SEED_TEXT.splitlines():
        match = re.search(r"BESLUIT:\s*(.*?)\**$", line)
        if match:
            texts.append(match.group(1))
    assert len(texts) == 2
    rows = seed_action_rows()
    assert len(rows) == 7
    for _date, subject, actions, _due in rows:
        texts.append(subject)
        texts.extend(s.text for a in draft.actions if a.subject == subject for s in a.subactions)
        assert no_space(actions) == no_space(
            " ".join(s.text for a in draft.actions if a.subject == subject for s in a.subactions)
        ), subject
    return texts


def test_round_trip_seed_to_pdf(
    login_as: Any, imported: Meeting, draft: DraftMeeting, tmp_path: Path
) -> None:
    """The quality bar: import the seed, export the PDF, and find every decision and every
    actielijst row (subject and each sub-action) of the seed in the text of the export."""
    response = login_as("secretaris").get(reverse("meetings:export_pdf", args=[imported.pk]))
    assert response.status_code == 200
    content = body(response)
    text = no_space(pdf_text(content, tmp_path))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "meetings-seed-roundtrip.pdf").write_bytes(content)
    if shutil.which("pdftoppm"):
        target = RESULTS_DIR / "meetings-seed-roundtrip-page"
        source = RESULTS_DIR / "meetings-seed-roundtrip.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(source), str(target)], check=True)
    for expected in seed_rows(draft):
        assert no_space(expected) in text, expected
    for row in seed_action_rows():
        # The date raised: yyyymmdd in the seed, dd-mm-jjjj in the product's tables (issue 11.7).
        raised = dt.datetime.strptime(row[0], "%Y%m%d").date()
        assert no_space(f"{raised.day:02d}-{raised.month:02d}-{raised.year}") in text, row[0]


def test_round_trip_seed_to_docx_and_back(
    login_as: Any, imported: Meeting, draft: DraftMeeting
) -> None:
    response = login_as("secretaris").get(reverse("meetings:export_docx", args=[imported.pk]))
    word = docx.Document(io.BytesIO(body(response)))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    text = no_space(paragraphs + cells)
    for expected in seed_rows(draft):
        assert no_space(expected) in text, expected


# The labels the importer recognises, as the Dutch catalogue will have them: the test does not
# depend on the compiled translations being there yet.
DUTCH = {
    "Adopted minutes %(series)s": "Vastgesteld verslag %(series)s",
    "Meeting date": "Vergaderdatum",
    "Present": "Aanwezig",
    "Absent": "Afwezig",
    "Also present": "Ook aanwezig",
    "DECISION": "BESLUIT",
    "ACTION LIST": "ACTIELIJST",
    "FORWARD AGENDA": "TERMIJNAGENDA",
    "Date": "Datum",
    "Subject": "Onderwerp",
    "Action(s)": "Actie(s)",
    "Completion": "Afronding",
    "Completed": "Afgerond",
    "When": "Wanneer",
}


def test_exported_docx_imports_again(
    login_as: Any, imported: Meeting, secretary: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Minutes exported by Regie read back into the same structure."""
    # The document is built and rendered by two modules of the documents component.
    for module in (document_build, document_docx):
        monkeypatch.setattr(module, "_", lambda msgid: DUTCH.get(msgid, msgid))
    content = body(login_as("secretaris").get(reverse("meetings:export_docx", args=[imported.pk])))
    again = parse_docx(content)
    assert again.date == imported.date
    assert again.adopted
    assert [d for i in again.items for d in i.decisions] == list(
        imported.decisions.values_list("text", flat=True)
    )
    assert [i.title for i in again.items] == list(
        imported.items.order_by("position").values_list("title", flat=True)
    )
    # "Onbekend 1" is no name to the parser: the attendance comes back as a remark, kept.
    assert "Onbekend 1" in again.present_note
    # One row per sub-action (merged date and subject cells): saving joins them again.
    assert {a.subject for a in again.actions} == set(
        Action.objects.filter(series=imported.series)
        .order_by("raised_on", "id")
        .values_list("subject", flat=True)
    )
    assert len(again.term_items) == 13

    copy = MeetingSeries.objects.create(name="Kopie", team=imported.series.team)
    saved = saving.save_draft(actor=secretary, series=copy, draft=again).meeting
    assert saved.status == Meeting.Status.ADOPTED

    def shape(series: MeetingSeries) -> list[tuple[str, list[str]]]:
        return [
            (a.subject, [s.description for s in a.subactions.order_by("position")])
            for a in Action.objects.filter(series=series).order_by("raised_on", "subject")
        ]

    assert shape(copy) == shape(imported.series)


def test_build_reads_the_imported_meeting(imported: Meeting, secretary: User) -> None:
    document = documents.build(secretary, imported)
    assert document.adopted
    assert [len(a.subactions) for a in document.actions] == [5, 2, 1, 1, 1, 1, 2]


# --- The pages -----------------------------------------------------------------------------------

IMPORT_PERSONAS = (
    "teamleider",
    "regisseur_a",
    "secretaris",
    "partner_stadsdeel",
    "partner_other",
    "auditor",
    "outsider",
)
MANAGERS = {"teamleider", "secretaris"}


def _payload(response: Any) -> str:
    match = re.search(r'name="payload" value="([^"]+)"', response.content.decode())
    assert match, "no confirm form on the review page"
    return match.group(1)


@pytest.mark.parametrize("persona", IMPORT_PERSONAS)
def test_persona_matrix(login_as: Any, series: MeetingSeries, persona: str) -> None:
    client: Client = login_as(persona)
    expected = 200 if persona in MANAGERS else 403
    assert client.get(reverse("meetings:import", args=[series.pk])).status_code == expected
    confirm = client.post(reverse("meetings:import_confirm", args=[series.pk]), {"payload": "x"})
    assert confirm.status_code == (302 if persona in MANAGERS else 403)
    assert not Meeting.objects.exists()


def test_a_series_of_another_team_is_not_found(
    login_as: Any, series: MeetingSeries, teams: dict[str, Any]
) -> None:
    other = MeetingSeries.objects.create(name="Weegploeg overleg", team=teams["regisseurspool"])
    client = login_as("teamleider")
    assert client.get(reverse("meetings:import", args=[other.pk])).status_code == 404


def test_paste_review_and_confirm(login_as: Any, series: MeetingSeries) -> None:
    client = login_as("secretaris")
    url = reverse("meetings:import", args=[series.pk])
    review = client.post(url, {"text": SEED_TEXT})
    assert review.status_code == 200
    page = review.content.decode()
    # Everything visible: date, attendance, items, decisions, actions with periods, terms.
    assert "15 June 2021" in page  # the page is in the reader's language
    assert "Onbekend 17" in page
    assert "Kennismaking met projectleiders stadsdelen" in page
    assert "Afgesproken wordt dat de contactgegevens" in page
    assert "Familiebijeenkomst(en) met BM" in page
    assert "01-07-2021 – 31-12-2021" in page  # "Tweede helft 2021" read as a period
    assert "Toelichting GGD op ZRM" in page
    assert "AM-gemeenten." in page
    assert "ACTIELIJST row 4" in page  # the parser's warnings
    assert not Meeting.objects.exists()  # nothing saved by reviewing

    saved = client.post(
        reverse("meetings:import_confirm", args=[series.pk]), {"payload": _payload(review)}
    )
    meeting = Meeting.objects.get(series=series)
    assert saved.status_code == 302
    assert saved["Location"] == reverse("meetings:meeting", args=[meeting.pk])
    assert meeting.status == Meeting.Status.ADOPTED
    assert meeting.decisions.count() == 2

    again = client.post(
        reverse("meetings:import_confirm", args=[series.pk]), {"payload": _payload(review)}
    )
    assert again.status_code == 400  # the same minutes twice
    assert Meeting.objects.filter(series=series).count() == 1
    repeat = client.post(url, {"text": SEED_TEXT})
    assert "Save as meeting" not in repeat.content.decode()
    assert "already has a meeting on 15-06-2021" in repeat.content.decode()


def seed_docx() -> bytes:
    """The seed as a Word document: paragraphs, and the two tables as real tables."""
    word = docx.Document()
    table_rows: list[list[str]] = []
    for line in SEED_TEXT.splitlines():
        if "\t" in line:
            table_rows.append(line.split("\t"))
            continue
        if table_rows:
            _add_table(word, table_rows)
            table_rows = []
        if line.strip():
            word.add_paragraph(re.sub(r"\^\{([^}]*)\}|\*\*|</?i>", r"\1", line))
    if table_rows:
        _add_table(word, table_rows)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _add_table(word: Any, rows: list[list[str]]) -> None:
    table = word.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = re.sub(r"\^\{([^}]*)\}|</?i>", r"\1", text)


def test_upload_a_docx(login_as: Any, series: MeetingSeries) -> None:
    client = login_as("secretaris")
    upload = SimpleUploadedFile(
        "verslag.docx",
        seed_docx(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    review = client.post(reverse("meetings:import", args=[series.pk]), {"upload": upload})
    assert review.status_code == 200
    page = review.content.decode()
    assert "Afgesproken wordt dat de contactgegevens" in page
    assert "Bijeenkomst over veiligheid met directeur OOV" in page
    client.post(reverse("meetings:import_confirm", args=[series.pk]), {"payload": _payload(review)})
    meeting = Meeting.objects.get(series=series)
    assert meeting.date == dt.date(2021, 6, 15)
    assert Action.objects.filter(series=series).count() == 7


@pytest.mark.parametrize(
    ("name", "content", "content_type", "error"),
    [
        ("verslag.txt", "Vergaderdatum 1 juni 2021".encode("utf-16"), "text/plain", "UTF-8"),
        ("verslag.pdf", b"%PDF-1.4", "application/pdf", ".docx"),
        ("verslag.docx", b"not a zip", "application/octet-stream", "not a Word document"),
        ("verslag.docx", b"PK\x03\x04broken", "application/octet-stream", "could not be read"),
        ("verslag.txt", b"x" * (2 * 1024 * 1024 + 1), "text/plain", "2 MB"),
        ("verslag.txt", b"   ", "text/plain", "no text"),
        ("verslag.docx", ZIP_BOMB, "application/octet-stream", "too large when unpacked"),
    ],
)
def test_bad_uploads_are_form_errors(
    login_as: Any,
    series: MeetingSeries,
    name: str,
    content: bytes,
    content_type: str,
    error: str,
) -> None:
    client = login_as("secretaris")
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(reverse("meetings:import", args=[series.pk]), {"upload": upload})
    assert response.status_code == 400
    assert error in response.content.decode()


def test_paste_or_upload_not_both_nor_neither(login_as: Any, series: MeetingSeries) -> None:
    client = login_as("secretaris")
    url = reverse("meetings:import", args=[series.pk])
    assert client.post(url, {"text": "  "}).status_code == 400
    upload = SimpleUploadedFile("v.txt", b"tekst", content_type="text/plain")
    assert client.post(url, {"text": "tekst", "upload": upload}).status_code == 400


def test_a_changed_or_foreign_payload_is_refused(
    login_as: Any, series: MeetingSeries, teams: dict[str, Any]
) -> None:
    client = login_as("secretaris")
    review = client.post(reverse("meetings:import", args=[series.pk]), {"text": SEED_TEXT})
    payload = _payload(review)
    tampered = payload[:-3] + ("aaa" if not payload.endswith("aaa") else "bbb")
    url = reverse("meetings:import_confirm", args=[series.pk])
    assert client.post(url, {"payload": tampered}).status_code == 302
    other = MeetingSeries.objects.create(name="Ander overleg", team=teams["programmateam"])
    forged = signing.dumps(
        {"series": other.pk, "text": SEED_TEXT}, salt="regie.meetings.import", compress=True
    )
    assert client.post(url, {"payload": forged}).status_code == 302
    assert not Meeting.objects.exists()
    assert client.get(url).status_code == 405
