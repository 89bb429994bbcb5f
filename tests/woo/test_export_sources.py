"""Sources of a Woo document: adopted minutes from their stored snapshot (as a guest may read
them), and uploads (DOCX, PDF with a text layer, UTF-8 text) checked by content and size."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation
from pypdf import PdfWriter

from regie.accounts.models import User
from regie.meetings import services
from regie.meetings.models import Attendee, Meeting, MeetingSeries, MinutesAdoption
from regie.woo.document import Block, BlockKind, Document
from regie.woo.export.pdf import PdfMetadata, render_pdf
from regie.woo.export.sources import minutes_document, upload_document
from tests.meetings.conftest import later, meeting, secretary, series, teams  # noqa: F401

H, P, LI, TR = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW

# --- Adopted minutes -----------------------------------------------------------------------------

SNAPSHOT: dict[str, Any] = {
    "format": 1,
    "taken_at": "2021-07-13T15:00:00+02:00",
    "date": "2021-06-15",
    "start_time": "14:00",
    "end_time": "16:00",
    "location": "Stadhuis",
    "chair": "Marloes Quaadvliet",
    "minute_taker": "Lotte Hendriks",
    "attendees": [
        {
            "name": "Marloes Quaadvliet",
            "role_title": "voorzitter",
            "organisation": "Gemeente Amsterdam",
            "kind": "member",
            "presence": "present",
            "reason": "",
        },
        {
            "name": "Theodoor Wijnbeek",
            "role_title": "",
            "organisation": "GGD",
            "kind": "member",
            "presence": "absent",
            "reason": "ziek, operatie aan de knie",
        },
        {
            "name": "Gijs Ravensteijn",
            "role_title": "Projectleider",
            "organisation": "Stadsdeel Noord",
            "kind": "guest",
            "presence": "also_present",
            "reason": "",
        },
    ],
    "items": [
        {
            "title": "Casus Zuidoost",
            "presenter": "Quaadvliet",
            "points": [
                {"text": "Quaadvliet merkt op dat de casus loopt.", "heading": "Stand van zaken"},
                {"text": "Wijnbeek vraagt naar de planning.", "heading": ""},
            ],
            "notes": ["Zie ook de notitie van de GGD."],
            "decisions": ["De casus wordt opgeschaald."],
            "adoptions": [],
            "adoption_item": False,
            "deferred": False,
            "deferred_from": "2021-05-18",
            "confidential": False,
        },
        {
            "title": "Vertrouwelijke casus Noord",
            "presenter": "",
            "points": [{"text": "Geheime bespreking over Jansen.", "heading": ""}],
            "notes": [],
            "decisions": [],
            "adoptions": [],
            "adoption_item": False,
            "deferred": False,
            "deferred_from": None,
            "confidential": True,
        },
        {
            "title": "Vaststellen verslag vorige vergadering",
            "presenter": "",
            "points": [],
            "notes": [],
            "decisions": [],
            "adoptions": [
                {"date": "2021-05-18", "outcome": "adopted", "changes": "", "meeting_id": None}
            ],
            "adoption_item": True,
            "deferred": False,
            "deferred_from": None,
            "confidential": False,
        },
    ],
    "actions": [
        {
            "raised_on": "2021-06-15",
            "subject": "Contactgids",
            "subactions": [
                {
                    "description": "Lijst sturen",
                    "owners": ["Gijs Ravensteijn"],
                    "due": "juli",
                    "done": True,
                    "done_on": "2021-06-30",
                }
            ],
        }
    ],
    "term_items": [
        {
            "subject": "Evaluatie",
            "period_text": "Q4 2021",
            "dates": [],
            "start": None,
            "to_plan": False,
        },
        {"subject": "Werkbezoek", "period_text": "", "dates": [], "start": None, "to_plan": True},
    ],
}


@pytest.fixture
def adopted(series: MeetingSeries) -> Meeting:  # noqa: F811
    return Meeting.objects.create(
        series=series,
        date=dt.date(2021, 6, 15),
        status=Meeting.Status.ADOPTED,
        adopted_document=copy.deepcopy(SNAPSHOT),
    )


@pytest.mark.django_db
def test_adopted_minutes_become_blocks_in_dutch(adopted: Meeting) -> None:
    document = minutes_document(adopted)
    assert document.title == "Vastgesteld verslag iPGA-R Teamoverleg van 15 juni 2021"
    blocks = list(document.blocks)
    assert blocks[:5] == [
        Block(TR, "Vergaderdatum\tdinsdag 15 juni 2021"),
        Block(TR, "Tijd\t14:00–16:00"),
        Block(TR, "Plaats\tStadhuis"),
        Block(TR, "Voorzitter\tMarloes Quaadvliet"),
        Block(TR, "Notulist\tLotte Hendriks"),
    ]
    assert Block(H, "Aanwezig", 1) in blocks
    assert Block(LI, "Marloes Quaadvliet (voorzitter, Gemeente Amsterdam)") in blocks
    assert Block(LI, "Gijs Ravensteijn (Projectleider, Stadsdeel Noord)") in blocks
    assert Block(H, "1. Casus Zuidoost (Quaadvliet)", 1) in blocks
    assert Block(H, "Stand van zaken", 2) in blocks
    assert Block(P, "Quaadvliet merkt op dat de casus loopt.") in blocks
    assert Block(P, "BESLUIT: De casus wordt opgeschaald.") in blocks
    assert Block(P, "Doorgeschoven uit de vergadering van 18 mei 2021") in blocks
    assert Block(H, "2. Vaststellen verslag vorige vergadering", 1) in blocks
    assert Block(P, "Het verslag van 18 mei 2021 is vastgesteld.") in blocks
    assert Block(H, "ACTIELIJST", 1) in blocks
    assert (
        Block(
            TR,
            "15-06-2021\tContactgids\tLijst sturen (Gijs Ravensteijn)\tjuli; Afgerond 30-06-2021",
        )
        in blocks
    )
    assert Block(H, "TERMIJNAGENDA", 1) in blocks
    assert Block(TR, "Q4 2021\tEvaluatie") in blocks
    assert Block(TR, "\tWerkbezoek (nog plannen)") in blocks


@pytest.mark.django_db
def test_the_published_minutes_leave_out_what_a_guest_may_not_read(adopted: Meeting) -> None:
    text = "\n".join(b.text for b in minutes_document(adopted).blocks)
    assert "Vertrouwelijke casus" not in text
    assert "Jansen" not in text
    assert "knie" not in text  # an absence reason is the member's own
    assert "Theodoor Wijnbeek (GGD; afgemeld)" in text


@pytest.mark.django_db
def test_minutes_that_are_not_adopted_are_refused(adopted: Meeting) -> None:
    Meeting.objects.filter(pk=adopted.pk).update(status=Meeting.Status.SUBMITTED)
    adopted.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        minutes_document(adopted)
    assert caught.value.code == "not_adopted"
    Meeting.objects.filter(pk=adopted.pk).update(
        status=Meeting.Status.ADOPTED, adopted_document=None
    )
    adopted.refresh_from_db()
    with pytest.raises(ValidationError):
        minutes_document(adopted)


@pytest.mark.django_db
def test_an_unknown_snapshot_format_is_refused(adopted: Meeting) -> None:
    Meeting.objects.filter(pk=adopted.pk).update(adopted_document={**SNAPSHOT, "format": 99})
    adopted.refresh_from_db()
    with pytest.raises(ValueError, match="format"):
        minutes_document(adopted)


@pytest.mark.django_db
def test_minutes_adopted_in_regie_are_read_from_their_snapshot(
    meeting: Meeting,  # noqa: F811
    secretary: User,  # noqa: F811
) -> None:
    item = services.add_item(meeting, actor=secretary, title="Casus West")
    services.add_decision(item, actor=secretary, text="Doorverwijzen naar het Steunpunt.")
    services.add_action(
        meeting.series,
        actor=secretary,
        subject="Contactgids delen",
        meeting=meeting,
        subactions=[services.SubActionInput("Lijst sturen")],
    )
    services.submit_minutes(meeting, actor=secretary)
    following = later(meeting, secretary)
    services.record_adoption(meeting, following, MinutesAdoption.Outcome.ADOPTED, actor=secretary)
    meeting.refresh_from_db()
    document = minutes_document(meeting)
    texts = [b.text for b in document.blocks]
    assert "BESLUIT: Doorverwijzen naar het Steunpunt." in texts
    assert "Vastgesteld in de vergadering van 13 juli 2021." in texts
    assert any(t.endswith("Contactgids delen\tLijst sturen\t") for t in texts)
    present = [a for a in meeting.attendees.all() if a.presence == Attendee.Presence.PRESENT]
    assert any(t.startswith(present[0].display_name) for t in texts)
    # Work on the meeting after adoption does not change the published document.
    services.add_action(
        meeting.series,
        actor=secretary,
        subject="Nieuw na vaststelling",
        raised_on=dt.date(2021, 6, 1),
        subactions=[services.SubActionInput("Iets")],
    )
    assert minutes_document(meeting) == document


# --- Uploads -----------------------------------------------------------------------------------


def _docx() -> bytes:
    made = docx.Document()
    made.sections[0].header.paragraphs[0].text = "Kopregel met Geheime Naam"
    made.add_heading("Verslag overleg", level=1)
    made.add_paragraph("Jan de Vries merkt op dat het goed gaat.")
    made.add_paragraph("Eerste punt", style="List Bullet")
    made.add_paragraph("Tweede punt", style="List Bullet 2")
    table = made.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Wie"
    table.cell(0, 1).text = "Wat"
    table.cell(1, 0).text = "P. Bos"
    table.cell(1, 1).text = "Bellen\tmet tab"
    made.add_heading("Rondvraag", level=2)
    made.add_paragraph("")
    buffer = io.BytesIO()
    made.save(buffer)
    return buffer.getvalue()


def _code(data: Any, **settings: Any) -> str:
    with override_settings(**settings), pytest.raises(ValidationError) as caught:
        upload_document(data, title="t")
    assert caught.value.code is not None
    return caught.value.code


def test_a_docx_becomes_headings_paragraphs_lists_and_table_rows() -> None:
    document = upload_document(_docx(), title="Verslag 15 juni")
    assert document == Document(
        "Verslag 15 juni",
        (
            Block(H, "Verslag overleg", 1),
            Block(P, "Jan de Vries merkt op dat het goed gaat."),
            Block(LI, "Eerste punt", 0),
            Block(LI, "Tweede punt", 1),
            Block(TR, "Wie\tWat"),
            Block(TR, "P. Bos\tBellen met tab"),
            Block(H, "Rondvraag", 2),
        ),
    )
    # The header (like comments and text boxes) is not body text: it is left out.
    assert all("Geheime" not in b.text for b in document.blocks)


def test_a_pdf_with_a_text_layer_is_read() -> None:
    source = Document(
        "Memo",
        (Block(P, "Jan de Vries merkt op dat het goed gaat."), Block(P, "Tweede alinea.")),
    )
    data = render_pdf(source, [], metadata=PdfMetadata(author="gemeente Amsterdam"))
    texts = [b.text for b in upload_document(data, title="Memo").blocks]
    assert "Jan de Vries merkt op dat het goed gaat." in texts
    assert "Tweede alinea." in texts


def _pdf(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_without_a_text_layer_is_refused_saying_so() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with pytest.raises(ValidationError) as caught:
        upload_document(_pdf(writer), title="Scan")
    assert caught.value.code == "no_text_layer"
    assert "geen tekstlaag" in caught.value.messages[0]


def test_a_protected_or_broken_pdf_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("geheim")
    assert _code(_pdf(writer)) == "encrypted"
    assert _code(b"%PDF-1.7\nthis is no pdf at all") == "unreadable"


def test_text_becomes_blocks() -> None:
    text = (
        "\ufeff# Verslag\n\nJan merkt op dat\x07 het goed gaat.\n"
        "- punt een\n  - punt twee\nWie\tWat\n\n## Rondvraag\n"
    )
    document = upload_document(text.encode(), title="Verslag")
    assert document.blocks == (
        Block(H, "Verslag", 1),
        Block(P, "Jan merkt op dat het goed gaat."),
        Block(LI, "punt een", 0),
        Block(LI, "punt twee", 1),
        Block(TR, "Wie\tWat"),
        Block(H, "Rondvraag", 2),
    )


def test_the_type_is_decided_by_content_not_by_name() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert _code(png) == "file_type"
    spreadsheet = io.BytesIO()
    with zipfile.ZipFile(spreadsheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _code(spreadsheet.getvalue()) == "file_type"
    assert _code(b"PK\x03\x04 not really a zip") == "file_type"
    assert _code("Café in Zuidoost".encode("latin-1")) == "encoding"
    assert _code(b"   \n\n  ") == "empty"


def test_the_size_is_capped() -> None:
    data = b"tekst " * 400
    assert _code(data, REGIE_WOO_MAX_UPLOAD_BYTES=1024) == "too_large"
    assert _code(io.BytesIO(data), REGIE_WOO_MAX_UPLOAD_BYTES=1024) == "too_large"
    # The message is Dutch whatever language an earlier test left active.
    with (
        translation.override("nl"),
        override_settings(REGIE_WOO_MAX_UPLOAD_BYTES=1024),
        pytest.raises(ValidationError) as e,
    ):
        upload_document(data, title="t")
    assert e.value.messages == ["Het bestand is groter dan 1,0\xa0KB."]


def test_a_docx_that_unpacks_too_large_is_refused() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/padding.xml", b"\x00" * 200_000)
    assert len(bomb.getvalue()) < 2048
    assert _code(bomb.getvalue(), REGIE_WOO_MAX_UPLOAD_BYTES=2048) == "too_large"


def test_a_broken_docx_is_refused() -> None:
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "not xml")
    assert _code(broken.getvalue()) == "unreadable"
