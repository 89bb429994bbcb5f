"""The minutes as PDF and DOCX: content, layout, who may download which copy, and the audit."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.meetings import documents, services
from regie.meetings.models import Attendee, Meeting, MinutePoint, MinutesAdoption
from regie.meetings.services import Owner, SubActionInput
from tests.meetings.conftest import later

PROJECT_DIR = Path(__file__).resolve().parents[2]
RESULTS_DIR = PROJECT_DIR / os.environ.get("REGIE_TEST_RESULTS", "test-results")

DECISION = "De contactgegevens van de aandachtsfunctionarissen worden gedeeld met de regisseurs."
SECRET_POINT = "Het informatiebeeld is vertrouwelijk en blijft binnen het team."


def nl(msgid: str) -> str:
    """A UI string as the document prints it (in the organisation's language)."""
    with translation.override("nl"):
        return gettext(msgid)


def squash(text: str) -> str:
    """pdftotext breaks lines (and hyphenates nothing, but splits words at line ends of table
    cells): compare on single-spaced text."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def pdf_text(content: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        if os.environ.get("REGIE_REQUIRE_PDFTOTEXT"):
            pytest.fail("pdftotext (poppler-utils) is required but not installed")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    target = tmp_path / "minutes.pdf"
    target.write_bytes(content)
    args = [exe, "-enc", "UTF-8", *(["-layout"] if layout else []), str(target), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def style_name(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def body(response: Any) -> bytes:
    content: bytes = response.content
    return content


@pytest.fixture
def minutes(meeting: Meeting, secretary: User, personas: dict[str, User]) -> Meeting:
    """The 15 June meeting with minutes like the seed's: an adopted earlier meeting, a presented
    item with a decision, a confidential item, a deferred item, an absent member with a reason,
    an actielijst and a termijnagenda."""
    series = meeting.series
    earlier = services.create_meeting(series, actor=secretary, date=dt.date(2021, 5, 18))
    services.submit_minutes(earlier, actor=secretary)
    services.record_adoption(
        earlier,
        meeting,
        MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES,
        actor=secretary,
        changes="Punt 3: de datum van de training is 1 juli.",
    )
    regisseur = meeting.attendees.get(user=personas["regisseur_b"])
    services.set_presence(
        regisseur, Attendee.Presence.ABSENT, actor=secretary, absence_reason="ziek"
    )
    speaker = meeting.attendees.get(user=personas["teamleider"])
    services.invite(
        meeting,
        actor=secretary,
        name="Fatima el Idrissi",
        organisation_name="OOV",
        role_title="Adviseur",
    )
    guest = meeting.attendees.get(name="Fatima el Idrissi")
    services.set_presence(guest, Attendee.Presence.ALSO_PRESENT, actor=secretary)

    item = services.add_item(
        meeting,
        actor=secretary,
        title="Toelichting over aandachtsfunctionarissen",
        presenter="Fatima el Idrissi",
    )
    services.add_point(
        item,
        actor=secretary,
        speaker=guest,
        text="licht toe dat aandachtsfunctionarissen fungeren als gate-keepers.",
    )
    services.add_point(
        item,
        actor=secretary,
        heading="Discussie",
        speaker=speaker,
        text="Teamleider Test merkt op dat de naamgeving verwarrend kan zijn.",
    )
    services.add_decision(item, actor=secretary, text=DECISION)
    secret = services.add_item(
        meeting, actor=secretary, title="Toelichting op informatiebeeld", confidential=True
    )
    services.add_point(secret, actor=secretary, text=SECRET_POINT)
    services.add_decision(secret, actor=secretary, text="Het informatiebeeld wordt niet verspreid.")
    deferred = services.add_item(meeting, actor=secretary, title="Kennismaking met MAR")
    services.defer_item(deferred, actor=secretary)
    opening = meeting.items.get(standing="opening")
    services.add_decision(opening, actor=secretary, text="De agenda wordt vastgesteld.")

    services.add_action(
        series,
        actor=secretary,
        subject="Bijeenkomst over veiligheid met directeur OOV",
        raised_on=dt.date(2021, 3, 23),
        subactions=[
            SubActionInput(
                "Secretariaat OOV plant een bijeenkomst met de directeur.",
                owners=[Owner(name="Secretariaat OOV")],
                due_text="z.s.m.",
            ),
            SubActionInput(
                "De regisseurs leveren vragen aan.",
                owners=[Owner(user=personas["regisseur_a"])],
                due_text="voor de zomervakantie",
            ),
        ],
    )
    services.add_action(
        series,
        actor=secretary,
        subject="Bijeenkomst over kwetsbaarheid regisseurs",
        raised_on=dt.date(2021, 3, 23),
        subactions=[
            SubActionInput(
                "Plannen van de bijeenkomst.",
                owners=[Owner(user=personas["teamleider"])],
                due_text="27 mei",
                done_on=dt.date(2021, 5, 27),
            )
        ],
    )
    services.add_term_item(
        series,
        actor=secretary,
        subject="Intervisiebijeenkomsten voor regisseurs",
        when_text="16/2, 15/4, 22/6, 23/9, 11/11 en 16/12",
        reference=dt.date(2021, 1, 1),
    )
    services.add_term_item(
        series,
        actor=secretary,
        subject="Teamuitje regisseurspool",
        when_text="September 2021",
        to_plan=True,
        reference=dt.date(2021, 6, 15),
    )
    return Meeting.objects.get(pk=meeting.pk)


def adopt(meeting: Meeting, secretary: User) -> Meeting:
    following = later(meeting, secretary)
    services.submit_minutes(meeting, actor=secretary)
    services.record_adoption(meeting, following, MinutesAdoption.Outcome.ADOPTED, actor=secretary)
    return Meeting.objects.get(pk=meeting.pk)


# --- Content -------------------------------------------------------------------------------------


def test_pdf_has_the_layout_of_the_minutes(login_as: Any, minutes: Meeting, tmp_path: Path) -> None:
    response = login_as("secretaris").get(reverse("meetings:export_pdf", args=[minutes.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "verslag-ipga-r-teamoverleg-2021-06-15.pdf" in response["Content-Disposition"]
    content = body(response)
    text = squash(pdf_text(content, tmp_path))

    assert nl("Minutes %(series)s") % {"series": "iPGA-R Teamoverleg"} in text
    assert nl("Draft").upper() in text
    assert "Dinsdag 15 juni 2021" in text
    assert "Gemeente Amsterdam" in text  # the page header
    for label in ("Present", "Absent", "Also present"):
        assert nl(label) in text
    assert "Regisseur_B Test (" + nl("sent apologies: %(reason)s") % {"reason": "ziek"} in text
    assert "Fatima el Idrissi (Adviseur, OOV)" in text
    # Speaker in front of a point that does not name them, not doubled where it does.
    assert "Fatima el Idrissi licht toe dat aandachtsfunctionarissen" in text
    assert "Teamleider Test: Teamleider Test" not in text
    assert "Teamleider Test merkt op dat de naamgeving" in text
    assert f"→ {nl('DECISION')}: {DECISION}" in text
    assert SECRET_POINT in text  # members see the confidential item
    assert nl("deferred to the next meeting") in text
    assert (
        nl("The minutes of %(date)s are adopted with changes: %(changes)s")
        % {"date": "18 mei 2021", "changes": "Punt 3: de datum van de training is 1 juli."}
        in text
    )
    assert nl("ACTION LIST") in text
    assert "23-03-2021" in text  # the date an action was raised, as dd-mm-jjjj (issue 11 point 7)
    assert "Bijeenkomst over veiligheid met directeur OOV" in text
    assert "Secretariaat OOV plant een bijeenkomst met de directeur." in text
    assert "De regisseurs leveren vragen aan. (Regisseur_A Test)" in text
    assert "voor de zomervakantie" in text
    assert nl("Completed") + " 27-05-2021" in text
    assert nl("FORWARD AGENDA") in text
    assert "16/2, 15/4, 22/6, 23/9, 11/11 en 16/12" in text
    assert "Teamuitje regisseurspool (" + nl("still to be planned") + ")" in text
    assert nl("page %(page)s of %(pages)s") % {"page": 1, "pages": 2} in text


def test_pdf_page_is_rendered_to_png_for_review(
    login_as: Any, minutes: Meeting, tmp_path: Path
) -> None:
    """The first pages as images under test-results/, to look at the layout."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    content = body(login_as("secretaris").get(reverse("meetings:export_pdf", args=[minutes.pk])))
    source = tmp_path / "minutes.pdf"
    source.write_bytes(content)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "meetings-minutes.pdf").write_bytes(content)
    stem = RESULTS_DIR / "meetings-minutes-page"
    subprocess.run([exe, "-png", "-r", "80", str(source), str(stem)], check=True)
    pages = sorted(RESULTS_DIR.glob("meetings-minutes-page-*.png"))
    assert pages
    assert pages[0].stat().st_size > 10_000


def test_docx_has_the_same_content(login_as: Any, minutes: Meeting) -> None:
    response = login_as("secretaris").get(reverse("meetings:export_docx", args=[minutes.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    word = docx.Document(io.BytesIO(body(response)))

    headings = [p.text for p in word.paragraphs if style_name(p).startswith(("Heading", "Title"))]
    assert headings[0] == nl("Minutes %(series)s") % {"series": "iPGA-R Teamoverleg"}
    assert any(h.endswith("Toelichting over aandachtsfunctionarissen") for h in headings)
    assert nl("ACTION LIST") in headings
    assert nl("FORWARD AGENDA") in headings
    decisions = [run for p in word.paragraphs for run in p.runs if run.text.endswith(DECISION)]
    assert decisions
    assert decisions[0].bold
    bullets = [p.text for p in word.paragraphs if style_name(p) == "List Bullet"]
    assert (
        "Fatima el Idrissi licht toe dat aandachtsfunctionarissen fungeren als gate-keepers."
        in (bullets)
    )

    actions, terms = word.tables
    facts = dict(p.text.split("\t", 1) for p in word.paragraphs if "\t" in p.text)
    assert facts[nl("Meeting date")] == "Dinsdag 15 juni 2021"
    assert "Fatima el Idrissi (Adviseur, OOV)" in facts[nl("Also present")]
    header = [c.text for c in actions.rows[0].cells]
    assert header == [nl("Date"), nl("Subject"), nl("Action(s)"), nl("Completion")]
    assert actions.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # a real header row
    rows = [[c.text for c in row.cells] for row in actions.rows[1:]]
    assert rows[0][0] == "23-03-2021"
    assert rows[1][2] == "De regisseurs leveren vragen aan. (Regisseur_A Test)"
    assert rows[2][3] == "27 mei\n" + nl("Completed") + " 27-05-2021"
    term_rows = [[c.text for c in row.cells] for row in terms.rows[1:]]
    assert ["September 2021", "Teamuitje regisseurspool (" + nl("still to be planned") + ")"] in (
        term_rows
    )
    assert terms.rows[-1].cells[1].paragraphs[0].runs[0].italic


def test_adopted_minutes_are_titled_so_and_list_their_errata(
    login_as: Any, minutes: Meeting, secretary: User, tmp_path: Path
) -> None:
    adopted = adopt(minutes, secretary)
    services.add_erratum(
        adopted, actor=secretary, text="Bij punt 4 is de naam van de spreker onjuist."
    )
    content = body(login_as("teamleider").get(reverse("meetings:export_pdf", args=[adopted.pk])))
    text = squash(pdf_text(content, tmp_path))
    assert nl("Adopted minutes %(series)s") % {"series": "iPGA-R Teamoverleg"} in text
    assert nl("Draft").upper() not in text
    assert nl("Adopted at the meeting of %(date)s.") % {"date": "13 juli 2021"} in text
    assert nl("Errata") in text
    assert "Bij punt 4 is de naam van de spreker onjuist." in text


def test_actions_completed_after_the_meeting_show_as_open_then(
    minutes: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    sub = minutes.series.actions.get(subject__startswith="Bijeenkomst over veiligheid")
    first = sub.subactions.order_by("position").first()
    assert first is not None
    services.complete_subaction(first, actor=secretary, on=dt.date(2021, 7, 1))
    document = documents.build(secretary, minutes)
    row = next(a for a in document.actions if a.subject.startswith("Bijeenkomst over veiligheid"))
    assert row.subactions[0].done == ""


def test_point_text_names_the_speaker_once(minutes: Meeting) -> None:
    speaker = minutes.attendees.get(name="Fatima el Idrissi")
    point = MinutePoint(text="Vindt het een goed idee.", speaker=speaker)
    assert documents.point_text(point) == "Fatima el Idrissi: Vindt het een goed idee."
    point.text = "fatima el idrissi merkt op dat"
    assert documents.point_text(point) == "fatima el idrissi merkt op dat"
    point.speaker = None
    assert documents.point_text(point) == "fatima el idrissi merkt op dat"


def test_css_strings_cannot_break_out() -> None:
    assert documents.css_string('a"; } body { x') == '"a\\22 \\3b  \\7d  body \\7b  x"'


# --- Who may -------------------------------------------------------------------------------------

MATRIX_PERSONAS = (
    "teamleider",
    "regisseur_a",
    "secretaris",
    "partner_stadsdeel",
    "partner_other",
    "auditor",
    "outsider",
)
MEMBERS = {"teamleider", "regisseur_a", "secretaris"}


def _urls(meeting: Meeting) -> list[str]:
    return [
        reverse("meetings:export_pdf", args=[meeting.pk]),
        reverse("meetings:export_docx", args=[meeting.pk]),
    ]


@pytest.mark.parametrize("persona", MATRIX_PERSONAS)
def test_persona_matrix_draft_minutes(login_as: Any, minutes: Meeting, persona: str) -> None:
    """Draft minutes: members only. The guest who attended has no meeting to see yet."""
    client: Client = login_as(persona)
    for url in _urls(minutes):
        assert client.get(url).status_code == (200 if persona in MEMBERS else 403), url


@pytest.mark.parametrize("persona", MATRIX_PERSONAS)
def test_persona_matrix_adopted_minutes(
    login_as: Any, minutes: Meeting, secretary: User, persona: str
) -> None:
    adopted = adopt(minutes, secretary)
    expected = 200 if persona in MEMBERS | {"partner_stadsdeel"} else 403
    client: Client = login_as(persona)
    for url in _urls(adopted):
        assert client.get(url).status_code == expected, url


def test_guest_of_one_meeting_gets_404_for_another(
    login_as: Any, minutes: Meeting, secretary: User
) -> None:
    adopted = adopt(minutes, secretary)
    other = Meeting.objects.exclude(pk=adopted.pk).order_by("date").first()
    assert other is not None
    client = login_as("partner_stadsdeel")
    assert client.get(reverse("meetings:export_pdf", args=[adopted.pk])).status_code == 200
    assert client.get(reverse("meetings:export_pdf", args=[other.pk])).status_code == 404


def test_guest_copy_leaves_out_confidential_items_and_the_lists(
    login_as: Any, minutes: Meeting, secretary: User, tmp_path: Path
) -> None:
    adopted = adopt(minutes, secretary)
    client = login_as("partner_stadsdeel")
    text = squash(
        pdf_text(body(client.get(reverse("meetings:export_pdf", args=[adopted.pk]))), tmp_path)
    )
    assert DECISION in text
    assert SECRET_POINT not in text
    assert "Toelichting op informatiebeeld" not in text
    assert "Het informatiebeeld wordt niet verspreid." not in text
    assert nl("ACTION LIST") not in text
    assert "Secretariaat OOV" not in text
    assert nl("FORWARD AGENDA") not in text
    word = docx.Document(
        io.BytesIO(body(client.get(reverse("meetings:export_docx", args=[adopted.pk]))))
    )
    everything = "\n".join(p.text for p in word.paragraphs)
    assert DECISION in everything
    assert SECRET_POINT not in everything
    assert not word.tables


def test_every_export_is_audited(
    login_as: Any, minutes: Meeting, personas: dict[str, User]
) -> None:
    client = login_as("regisseur_a")
    for name in ("meetings:export_pdf", "meetings:export_docx"):
        assert client.get(reverse(name, args=[minutes.pk])).status_code == 200
    reads = AuditEvent.objects.filter(
        actor_id=personas["regisseur_a"].pk,
        action="meetings.view.read",
        object_type="meetings.meeting",
        object_id=str(minutes.pk),
    )
    assert reads.count() == 2
    exports = AuditEvent.objects.filter(
        actor_id=personas["regisseur_a"].pk, action="meetings.minutes.export"
    )
    assert sorted(e.changes["format"] for e in exports) == ["docx", "pdf"]


def test_anonymous_is_sent_to_login(client: Client, minutes: Meeting) -> None:
    for url in _urls(minutes):
        assert client.get(url).status_code == 302


# --- The adopted snapshot ---------------------------------------------------------------------


def test_snapshot_is_json_and_complete(minutes: Meeting) -> None:
    """The member version with the confidential flags and absence reasons, as JSON data."""
    import json

    data = documents.snapshot(minutes)
    assert json.loads(json.dumps(data)) == data
    titles = {i["title"]: i for i in data["items"]}
    assert titles["Toelichting op informatiebeeld"]["confidential"] is True
    assert titles["Toelichting op informatiebeeld"]["points"][0]["text"] == SECRET_POINT
    assert any(a["reason"] == "ziek" for a in data["attendees"])
    assert any(a["subject"].startswith("Bijeenkomst over veiligheid") for a in data["actions"])
    assert any(t["subject"] == "Teamuitje regisseurspool" for t in data["term_items"])
    adoption_items = [i for i in data["items"] if i["adoptions"]]
    assert len(adoption_items) == 1
    outcome = adoption_items[0]["adoptions"][0]["outcome"]
    assert outcome == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES


def test_adopted_export_reads_the_snapshot(
    minutes: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    """Once adopted, what the export prints no longer follows the live data."""
    adopted = adopt(minutes, secretary)
    Meeting.objects.filter(pk=adopted.pk).update(adopted_document=documents.snapshot(adopted))
    adopted.refresh_from_db()
    sub = adopted.series.actions.get(subject__startswith="Bijeenkomst over veiligheid")
    sub.subject = "Later veranderd"
    sub.save()
    services.add_term_item(
        adopted.series,
        actor=secretary,
        subject="Na de vaststelling",
        when_text="Oktober 2021",
        reference=dt.date(2021, 6, 15),
    )
    document = documents.build(secretary, adopted)
    subjects = [a.subject for a in document.actions]
    assert "Later veranderd" not in subjects
    assert any(s.startswith("Bijeenkomst over veiligheid") for s in subjects)
    assert all(t.subject != "Na de vaststelling" for t in document.term_rows)
    # A guest's copy is derived from the same snapshot without the confidential parts.
    guest = documents.build(personas["partner_stadsdeel"], adopted)
    assert all(i.title != "Toelichting op informatiebeeld" for i in guest.items)
    assert not guest.actions
    assert not guest.term_rows


def test_absence_reasons_are_for_members_only(
    minutes: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    adopted = adopt(minutes, secretary)
    with translation.override("nl"):
        member = documents.build(secretary, adopted)
        guest = documents.build(personas["partner_stadsdeel"], adopted)
    assert any("ziek" in str(p) for p in member.absent)
    assert not any("ziek" in str(p) for p in guest.absent)
    assert any(nl("sent apologies") in str(p) for p in guest.absent)


def test_a_reason_that_only_says_afgemeld_is_printed_once(
    minutes: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    absent = minutes.attendees.get(user=personas["regisseur_b"])
    services.set_presence(
        absent, Attendee.Presence.ABSENT, actor=secretary, absence_reason="Afgemeld"
    )
    document = documents.build(secretary, minutes)
    line = next(str(p) for p in document.absent if "Afgemeld" in str(p) or "afgemeld" in str(p))
    assert "afgemeld: afgemeld" not in line.casefold()


def test_guest_copy_hides_adoptions_under_a_confidential_item_and_numbers_in_order(
    minutes: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    previous = minutes.items.get(standing="previous_minutes")
    services.update_item(previous, actor=secretary, confidential=True)
    adopted = adopt(minutes, secretary)
    guest = documents.build(personas["partner_stadsdeel"], adopted)
    assert not any(block.adoptions for block in guest.items)
    assert [b.number for b in guest.items] == list(range(1, len(guest.items) + 1))
    member = documents.build(secretary, adopted)
    assert [b.number for b in member.items] == list(range(1, len(member.items) + 1))
    assert sum(1 for b in member.items if b.adoptions) == 1


# --- Input that used to break the exports ---------------------------------------------------------


def test_word_export_survives_control_characters(
    login_as: Any, minutes: Meeting, secretary: User
) -> None:
    """A vertical tab (Word's Shift+Enter) stored before the forms stripped it."""
    item = minutes.items.get(title="Toelichting over aandachtsfunctionarissen")
    MinutePoint.objects.filter(item=item).update(text="Eerste regel\x0btweede regel\x01.")
    response = login_as("secretaris").get(reverse("meetings:export_docx", args=[minutes.pk]))
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(body(response)))
    assert any("Eerste regeltweede regel." in p.text for p in word.paragraphs)


def test_draft_marker_once_per_page(login_as: Any, minutes: Meeting, tmp_path: Path) -> None:
    """In the page header only, not again as a badge under the title (PDF and DOCX)."""
    marker = nl("Draft").upper()
    client = login_as("secretaris")
    content = body(client.get(reverse("meetings:export_pdf", args=[minutes.pk])))
    pages = [p for p in pdf_text(content, tmp_path).split("\f") if p.strip()]
    assert pages
    for page in pages:
        assert page.count(marker) == 1
    word = docx.Document(
        io.BytesIO(body(client.get(reverse("meetings:export_docx", args=[minutes.pk]))))
    )
    assert all(marker not in p.text for p in word.paragraphs)
    assert marker in word.sections[0].header.paragraphs[0].text
