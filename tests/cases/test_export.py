"""Data-subject access (AVG art. 15): search, person page, JSON and PDF export, for the privacy
officer only; exports are audited and keep staff names out of protected cases."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, include, path, reverse
from django.utils import translation

from regie import urls as project_urls
from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.cases import export
from regie.cases.models import Case, Person, Phase
from regie.core.pdf import fetcher_class
from tests.cases.test_retention import build_case
from tests.conftest import PERSONAS

# Use the project's URLs; add the privacy include only while regie/urls.py lacks it.
if any(isinstance(p, URLResolver) and p.namespace == "privacy" for p in project_urls.urlpatterns):
    urlpatterns = project_urls.urlpatterns
else:
    urlpatterns = [
        *project_urls.urlpatterns,
        path("privacy/", include("regie.cases.urls_privacy")),
    ]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

STAFF_FIRST, STAFF_LAST = "Marieke", "Staalduinen"


@pytest.fixture(autouse=True)
def _privacy_urls(settings) -> None:
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def subject(personas: dict[str, User], organisations) -> Person:
    """A person with a closed case and a current case under media attention.

    The protected case is directed by a regisseur with a distinctive name, who also appears
    inside a journal text; none of that may reach an export."""
    protected_director = personas["regisseur_b"]
    protected_director.first_name, protected_director.last_name = STAFF_FIRST, STAFF_LAST
    protected_director.save()
    first = build_case(
        personas,
        organisations,
        first_name="Noor",
        last_name="Öztürk-Bakker",
        bsn="111222333",
        journal_text="Gesprek met Noor over school.",
    )
    build_case(
        personas,
        organisations,
        person=first.person,
        regisseur="regisseur_b",
        close=False,
        flags=("media",),
        journal_text=f"Afspraak gemaakt door {STAFF_FIRST} {STAFF_LAST} (regisseur_b).",
    )
    return first.person


def _urls(person_id: int) -> list[str]:
    return [
        reverse("privacy:search"),
        reverse("privacy:person", args=[person_id]),
        reverse("privacy:export_json", args=[person_id]),
        reverse("privacy:export_pdf", args=[person_id]),
    ]


def _json(client: Client, person: Person) -> dict[str, Any]:
    response = client.get(reverse("privacy:export_json", args=[person.pk]))
    assert response.status_code == 200
    data: dict[str, Any] = json.loads(response.content)
    return data


def pdf_text(content: bytes, tmp_path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        if os.environ.get("REGIE_REQUIRE_PDFTOTEXT"):
            pytest.fail("pdftotext (poppler-utils) is required but not installed")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    target = tmp_path / "export.pdf"
    target.write_bytes(content)
    done = subprocess.run(
        [exe, "-enc", "UTF-8", str(target), "-"], check=True, capture_output=True, text=True
    )
    return done.stdout


# --- Who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_matrix(login_as, subject: Person, persona: str) -> None:
    client = login_as(persona)
    expected = 200 if persona == "auditor" else 403
    for url in _urls(subject.pk):
        assert client.get(url).status_code == expected, url
    search = client.post(reverse("privacy:search"), {"q": "Öztürk"})
    assert search.status_code == expected


def test_anonymous_is_sent_to_login(client: Client, subject: Person) -> None:
    for url in _urls(subject.pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_unknown_person_is_a_404(login_as, subject: Person) -> None:
    client = login_as("auditor")
    for url in _urls(subject.pk + 1000)[1:]:
        assert client.get(url).status_code == 404, url


def test_other_roles_get_403_even_for_an_unknown_person(login_as, subject: Person) -> None:
    client = login_as("teamleider")
    for url in _urls(subject.pk + 1000)[1:]:
        assert client.get(url).status_code == 403, url


# --- Search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["ozturk", "NOOR bakker", "111222333", "111 222 333", "03-04-1999", "3 april 1999"],
)
def test_privacy_officer_finds_the_person_across_all_cases(
    login_as, subject: Person, query: str
) -> None:
    response = login_as("auditor").post(reverse("privacy:search"), {"q": query})
    assert response.status_code == 200
    assert list(response.context["results"]) == [subject]
    assert reverse("privacy:person", args=[subject.pk]) in response.content.decode()


def test_search_without_match_and_the_empty_form(login_as, subject: Person) -> None:
    client = login_as("auditor")
    assert client.get(reverse("privacy:search")).context["results"] is None
    response = client.post(reverse("privacy:search"), {"q": "Niemand Bestaatniet"})
    assert response.context["results"] == []


def test_search_logs_who_was_found_and_keeps_the_query_out_of_the_log(
    login_as, subject: Person
) -> None:
    login_as("auditor").post(reverse("privacy:search"), {"q": "Öztürk"})
    read = AuditEvent.objects.get(action="cases.dsar.read")
    assert (read.actor, read.object_type, read.object_id) == (
        "auditor",
        "cases.person",
        str(subject.pk),
    )
    logged = json.dumps(list(AuditEvent.objects.values()), default=str).casefold()
    assert "öztürk" not in logged
    assert "ozturk" not in logged


def test_person_page_lists_cases_and_downloads(login_as, subject: Person) -> None:
    page = login_as("auditor").get(reverse("privacy:person", args=[subject.pk]))
    html = page.content.decode()
    for case in subject.cases.all():
        assert case.number in html
    assert reverse("privacy:export_json", args=[subject.pk]) in html
    assert reverse("privacy:export_pdf", args=[subject.pk]) in html
    assert AuditEvent.objects.filter(
        action="cases.dsar.read", object_id=str(subject.pk), actor="auditor"
    ).exists()


# --- JSON -------------------------------------------------------------------------------------


def test_json_export_holds_everything(login_as, subject: Person) -> None:
    response = login_as("auditor").get(reverse("privacy:export_json", args=[subject.pk]))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "Öztürk" not in response["Content-Disposition"]
    data = json.loads(response.content)

    assert list(data) == [
        "title", "generated_at", "sender", "staff_names_included", "person", "signals",
        "duplicate_decisions", "cases", "audit_events",
    ]  # fmt: skip
    assert data["staff_names_included"] is False
    assert data["person"] == {
        "first_name": "Noor",
        "last_name": "Öztürk-Bakker",
        "date_of_birth": "1999-04-03",
        "bsn": "111222333",
        "area": "Stadsdeel Noord",
        "registered_at": data["person"]["registered_at"],
    }
    datetime.fromisoformat(data["person"]["registered_at"])
    assert data["sender"] == "Gemeente Amsterdam"

    closed, current = data["cases"]
    assert list(closed) == [
        "number", "theme", "area", "phase", "phase_label", "phase_since", "opened_on",
        "closed_on", "closing_reason", "delete_after", "next_review_on", "flags",
        "staff_names_withheld", "regisseur", "summary", "journal", "tasks", "zrm_assessments",
        "timeline", "registrations", "interventions",
    ]  # fmt: skip
    assert (closed["phase"], current["phase"]) == (Phase.AFGESLOTEN, Phase.REGIE)
    assert closed["closing_reason"]
    assert closed["delete_after"]
    assert current["flags"] == ["Media-aandacht"]
    assert closed["journal"][0]["text"] == "Gesprek met Noor over school."
    assert closed["journal"][0]["visibility"] == "regie"
    # Issue 10: staff by role on every case, not only under media attention.
    assert closed["journal"][0]["author"] == "regisseur"
    assert closed["tasks"][0]["title"] == "Evaluatie plannen"
    assert closed["tasks"][0]["due_on"] == "2026-04-01"
    assert closed["zrm_assessments"][0]["scores"] == [
        {"domain": "Financiën", "score": 2},
        {"domain": "Werk en opleiding", "score": 3},
        {"domain": "Tijdsbesteding", "score": 4},
        {"domain": "Huisvesting", "score": 5},
    ]
    kinds = {event["kind"] for event in closed["timeline"]}
    assert {"created", "assignment", "phase", "journal", "task", "zrm"} <= kinds

    actions = {(e["action"], e["case"]) for e in data["audit_events"]}
    assert ("cases.case.create", closed["number"]) in actions
    assert ("cases.journal.create", current["number"]) in actions
    assert ("cases.person.create", None) in actions
    assert all(set(e) == {"at", "action", "text", "case", "result", "role", "organisation"}
               for e in data["audit_events"])  # fmt: skip


def test_audit_events_carry_no_staff_names(login_as, subject: Person) -> None:
    data = _json(login_as("auditor"), subject)
    events = json.dumps(data["audit_events"], ensure_ascii=False)
    assert data["audit_events"]
    # Usernames and full names of the staff; role codes ("regisseur") are fine.
    for name in ("regisseur_a", "regisseur_b", "Test", STAFF_FIRST, STAFF_LAST):
        assert name not in events


def test_json_export_is_stable(subject: Person) -> None:
    moment = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    first = export.render_json(export.subject_access_data(subject, generated_at=moment))
    second = export.render_json(export.subject_access_data(subject, generated_at=moment))
    assert first == second


def test_every_export_is_audited(login_as, subject: Person) -> None:
    client = login_as("auditor")
    client.get(reverse("privacy:export_json", args=[subject.pk]))
    client.get(reverse("privacy:export_pdf", args=[subject.pk]))
    exports = AuditEvent.objects.filter(action="cases.dsar.export").order_by("id")
    assert [(e.actor, e.object_type, e.object_id, e.changes) for e in exports] == [
        ("auditor", "cases.person", str(subject.pk), {"format": "json"}),
        ("auditor", "cases.person", str(subject.pk), {"format": "pdf"}),
    ]
    # The access middleware logs the read of the person as well.
    assert (
        AuditEvent.objects.filter(
            action="cases.dsar.read", object_type="cases.person", object_id=str(subject.pk)
        ).count()
        == 2
    )
    # A later export shows the earlier ones to the data subject.
    later = _json(client, subject)
    assert [e["action"] for e in later["audit_events"]].count("cases.dsar.export") == 2


def test_media_attention_keeps_staff_names_out_of_json(login_as, subject: Person) -> None:
    response = login_as("auditor").get(reverse("privacy:export_json", args=[subject.pk]))
    content = response.content.decode()
    assert STAFF_LAST not in content
    assert STAFF_FIRST not in content
    assert "regisseur_b" not in content
    closed, current = json.loads(content)["cases"]
    assert current["staff_names_withheld"] is True
    with translation.override("nl"):
        assert current["regisseur"] == export.role_word(is_regisseur=True) == "regisseur"
    assert {e["author"] for e in current["journal"]} == {"regisseur"}
    assert current["journal"][0]["text"].startswith("Afspraak gemaakt door regisseur")
    # The teamleider acted on the protected case too: shown by role.
    assert "Teamleider Test" not in json.dumps(current)
    assert {e["actor"] for e in current["timeline"]} <= {"regisseur", "teamleider"}
    # Issue 10: the unprotected case names no staff either (AVG art. 15(4)).
    assert closed["staff_names_withheld"] is True
    assert closed["regisseur"] == "regisseur"


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_export(login_as, subject: Person, tmp_path: Path) -> None:
    response = login_as("auditor").get(reverse("privacy:export_pdf", args=[subject.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    assert str(export.TITLE) in text
    assert "Öztürk-Bakker" in text
    for case in Case.objects.filter(person=subject):
        assert case.number in text
    assert "Gesprek met Noor over school." in text
    assert "Financiën" in text
    # The access log in sentences, never as system codes (issue 10, point 9).
    assert "heeft uw persoonsgegevens vastgelegd op" in " ".join(text.split())
    assert "cases.case.create" not in text
    assert "cases.person.create" not in text
    # Media attention: the protected case's staff stay anonymous in the PDF too.
    assert STAFF_LAST not in text
    assert STAFF_FIRST not in text
    assert "regisseur_b" not in text


def test_pdf_renderer_never_leaves_the_export_assets() -> None:
    fetcher = fetcher_class()(export.ASSET_ROOT)
    for url in (
        "https://example.org/style.css",
        "http://127.0.0.1/x.png",
        "ftp://example.org/x",
        "data:text/css,body{}",
        "file:///etc/passwd",
        (export.ASSET_ROOT / ".." / ".." / ".." / "models.py").as_uri(),
    ):
        with pytest.raises(ValueError, match="refusing"):
            fetcher.fetch(url)
    inside = fetcher.fetch((export.ASSET_ROOT / "export_pdf.html").as_uri())
    try:
        assert inside.read(15) == b"{% load i18n %}"
    finally:
        inside.close()


def test_remote_references_in_case_text_are_not_fetched(
    personas, organisations, monkeypatch
) -> None:
    case = build_case(
        personas,
        organisations,
        journal_text='<img src="http://example.invalid/track.png"> <link rel="stylesheet" '
        'href="https://example.invalid/x.css">',
    )
    fetched: list[str] = []
    real_fetch = fetcher_class().fetch

    def spy(self: Any, url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(fetcher_class(), "fetch", spy)
    data = export.subject_access_data(case.person)
    pdf = export.render_pdf(data, options=export.PdfOptions(reference="T-1", language="nl"))
    assert pdf.startswith(b"%PDF-")
    assert fetched == []  # the text was escaped, so there was nothing to fetch


def test_export_queries_do_not_grow_with_the_amount_of_data(personas, organisations) -> None:
    person = build_case(personas, organisations).person
    with CaptureQueriesContext(connection) as one_case:
        export.subject_access_data(Person.objects.get(pk=person.pk))
    for _ in range(3):
        build_case(personas, organisations, person=person)
    with CaptureQueriesContext(connection) as four_cases:
        data = export.subject_access_data(Person.objects.get(pk=person.pk))
    assert len(data["cases"]) == 4
    assert len(four_cases) == len(one_case)
