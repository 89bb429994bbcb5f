"""Issue 10, points 8 and 9: the data-subject export names staff by role on every case (names
only for one export, with a written reason that is audited), holds the partner registrations
and case interventions, and tells the access log in sentences instead of system codes."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.cases import export, export_audit
from regie.cases import services as cases_services
from regie.cases.models import Case, ClosingReason, JournalCategory, Person, Phase
from regie.core import policy, vocabulary
from regie.core.policy import _SCOPES
from regie.interventions import selectors as pallet
from regie.interventions import services as interventions
from regie.interventions.models import CaseIntervention
from regie.organisations.models import Organisation
from regie.partners import services as partners
from regie.partners.models import InformationCategory
from tests.cases.test_export import _privacy_urls, pdf_text  # noqa: F401
from tests.cases.test_retention import build_case
from tests.conftest import PERSONAS
from tests.core.urlwalk import walk

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"
CONTACT = "Joost Contactman"
SECRET_PHONE = "06-12345678"


@pytest.fixture
def subject(personas: dict[str, User], organisations: dict[str, Organisation]) -> Person:
    """A person with one open case without any protecting flag: Stadsdeel Noord registered
    through the services (contact person, phone), a partner journal entry naming the contact, an
    intervention it carries out with an outcome naming the case director."""
    noord = organisations["noord"]
    noord.covenant_signed_on = date(2021, 6, 15)
    noord.save()
    case = build_case(personas, organisations, close=False)
    director, lead = personas["regisseur_a"], personas["teamleider"]
    today = timezone.localdate()
    registration = partners.register(
        actor=director,
        case=case,
        data=partners.RegistrationData(
            organisation=noord,
            purpose="Nazorg in de wijk met Regisseur_A Test.",
            categories=list(InformationCategory.objects.filter(code__in=["phase", "journal"])),
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=100),
            contact_name=CONTACT,
            contact_details=SECRET_PHONE,
        ),
    )
    partners.approve(actor=lead, registration=registration, note="Akkoord.")
    partners.add_partner_journal_entry(
        actor=personas["partner_stadsdeel"],
        case=case,
        occurred_on=today,
        category=JournalCategory.objects.all()[0],
        text=f"Gesprek gevoerd; {CONTACT} blijft aanspreekpunt.",
    )
    interventions.add_case_intervention(
        actor=director,
        case=case,
        data=interventions.CaseInterventionData(
            intervention=pallet.choosable_interventions().get(name="Mentortraject"),
            executor=noord,
            starts_on=today,
            status=CaseIntervention.Status.LOPEND,
            outcome="Eerste gesprek met Regisseur_A Test verliep goed.",
            shared_with_partners=True,
        ),
    )
    return case.person


def _export(client: Client, person: Person, **post: str) -> dict[str, Any]:
    url = reverse("privacy:export_json", args=[person.pk])
    response = client.post(url, post) if post else client.get(url)
    assert response.status_code == 200, response.content[:500]
    data: dict[str, Any] = json.loads(response.content)
    return data


STAFF = ("Regisseur_A Test", "Teamleider Test", "Partner_Stadsdeel Test", CONTACT, SECRET_PHONE)


# --- Point 8: staff by role, on every case ------------------------------------------------------


def test_no_staff_names_on_a_case_without_any_flag(login_as, subject: Person) -> None:
    data = _export(login_as("auditor"), subject)
    (case,) = data["cases"]
    assert case["flags"] == []
    text = json.dumps(data, ensure_ascii=False)
    for name in (*STAFF, "regisseur_a", "partner_stadsdeel"):
        assert name not in text
    assert case["regisseur"] == "regisseur"
    authors = {entry["author"] for entry in case["journal"]}
    assert authors == {"regisseur", "partner Stadsdeel Noord"}
    assert "teamleider" in {event["actor"] for event in case["timeline"]}
    (registration,) = case["registrations"]
    assert registration["contact"] == "contactpersoon bij Stadsdeel Noord"
    assert registration["contact_details"] is None
    assert registration["requested_by"] == "regisseur"
    assert registration["decided_by"] == "teamleider"
    assert registration["purpose"] == "Nazorg in de wijk met regisseur."
    assert case["journal"][-1]["text"] == (
        "Gesprek gevoerd; contactpersoon bij Stadsdeel Noord blijft aanspreekpunt."
    )
    (intervention,) = case["interventions"]
    assert intervention["agreed_by"] == "regisseur"
    assert intervention["outcome"] == "Eerste gesprek met regisseur verliep goed."


def test_pdf_names_no_staff(login_as, subject: Person, tmp_path: Path) -> None:
    response = login_as("auditor").get(reverse("privacy:export_pdf", args=[subject.pk]))
    text = " ".join(pdf_text(response.content, tmp_path).split())
    for name in STAFF:
        assert name not in text
    assert "partner Stadsdeel Noord" in text


def test_names_for_one_export_with_a_reason_that_is_audited(login_as, subject: Person) -> None:
    client = login_as("auditor")
    reason = "Rechter heeft verzocht om de namen (zaak 123)."
    data = _export(client, subject, staff_names="on", reason=f"  {reason} ")
    assert data["staff_names_included"] is True
    (case,) = data["cases"]
    assert case["staff_names_withheld"] is False
    assert case["regisseur"] == "Regisseur_A Test"
    assert case["registrations"][0]["contact"] == CONTACT
    assert case["registrations"][0]["contact_details"] == SECRET_PHONE
    assert "Regisseur_A Test" in case["interventions"][0]["outcome"]
    assert any("Teamleider Test" in e["text"] for e in data["audit_events"])
    event = AuditEvent.objects.filter(action="cases.dsar.export").latest("id")
    assert event.changes == {"format": "json", "staff_names": True, "reason": reason}
    # For that one export only: the next one is by role again.
    again = _export(client, subject)
    assert again["cases"][0]["regisseur"] == "regisseur"
    assert AuditEvent.objects.filter(action="cases.dsar.export").latest("id").changes == {
        "format": "json"
    }


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"staff_names": "on", "reason": ""}, "reason", "Schrijf op waarom"),
        ({"staff_names": "on", "reason": "omdat"}, "reason", "minstens 10 tekens"),
        ({"reason": "Verzoek van de rechter."}, "staff_names", "Vink dit aan"),
    ],
)
def test_names_without_a_reason_are_refused(
    login_as, subject: Person, form: dict[str, str], field: str, message: str
) -> None:
    client = login_as("auditor")
    for name in ("export_json", "export_pdf"):
        response = client.post(reverse(f"privacy:{name}", args=[subject.pk]), form)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert message in " ".join(response.context["export_form"].errors[field])
        assert "Er is niets geëxporteerd." in response.content.decode()
    assert not AuditEvent.objects.filter(action="cases.dsar.export").exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_privacy_officer_posts_the_export_form(
    login_as, subject: Person, persona: str
) -> None:
    response = login_as(persona).post(
        reverse("privacy:export_json", args=[subject.pk]),
        {"staff_names": "on", "reason": "Verzoek van de rechter."},
    )
    assert response.status_code == (200 if persona == "auditor" else 403)
    exported = AuditEvent.objects.filter(action="cases.dsar.export").exists()
    assert exported is (persona == "auditor")


def test_person_page_offers_names_only_with_a_reason_and_warns_on_flagged_cases(
    login_as, personas, organisations
) -> None:
    flagged = build_case(personas, organisations, flags=("veiligheidsrisico",))
    url = reverse("privacy:person", args=[flagged.person.pk])
    html = login_as("auditor").get(url).content.decode()
    assert 'name="staff_names"' in html
    assert 'name="reason"' in html
    assert f"{flagged.number} (Veiligheidsrisico voor medewerkers)" in html


# --- Point 9: registrations and interventions ---------------------------------------------------


def test_export_holds_registrations_and_interventions(login_as, subject: Person) -> None:
    (case,) = _export(login_as("auditor"), subject)["cases"]
    (registration,) = case["registrations"]
    today = timezone.localdate()
    assert registration["organisation"] == "Stadsdeel Noord"
    assert (registration["status"], registration["status_label"]) == ("actief", "actief")
    assert registration["starts_on"] == (today - timedelta(days=10)).isoformat()
    assert registration["ends_on"] == (today + timedelta(days=100)).isoformat()
    assert sorted(registration["shared_information"]) == sorted(
        InformationCategory.objects.filter(code__in=["phase", "journal"]).values_list(
            "name", flat=True
        )
    )
    assert registration["text"].startswith(
        "Stadsdeel Noord neemt als interventiepartner deel aan deze casus van "
    )
    assert "Met deze organisatie gedeeld: " in registration["text"]
    (intervention,) = case["interventions"]
    assert intervention["intervention"] == "Mentortraject"
    assert intervention["executor"] == "Stadsdeel Noord"
    assert intervention["status"] == "lopend"
    assert intervention["shared_with_partners"] is True
    assert intervention["text"].startswith(
        "Interventie Mentortraject, uitgevoerd door Stadsdeel Noord vanaf "
    )


def test_pdf_holds_registrations_and_interventions(
    login_as, subject: Person, tmp_path: Path
) -> None:
    response = login_as("auditor").get(reverse("privacy:export_pdf", args=[subject.pk]))
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Interventiepartners" in text
    assert "Stadsdeel Noord neemt als interventiepartner deel aan deze casus" in text
    assert "Interventie Mentortraject, uitgevoerd door Stadsdeel Noord" in text
    assert "Nazorg in de wijk met regisseur." in text


def _registered_case(personas, organisations, person: Person | None = None) -> Person:
    """A closed case of ``person`` (or a new one) that had Stadsdeel Noord as partner and an
    intervention."""
    case = build_case(personas, organisations, person=person, close=False)
    partners.register(
        actor=personas["teamleider"],
        case=case,
        data=partners.RegistrationData(
            organisation=organisations["noord"],
            purpose="Extra",
            categories=list(InformationCategory.objects.filter(code="journal")),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            contact_name="Iemand Anders",
        ),
    )
    interventions.add_case_intervention(
        actor=personas["regisseur_a"],
        case=case,
        data=interventions.CaseInterventionData(
            intervention=pallet.choosable_interventions().get(name="Mentortraject"),
            executor=None,
            starts_on=timezone.localdate(),
            status=CaseIntervention.Status.GEPLAND,
            outcome="",
            shared_with_partners=False,
        ),
    )
    cases_services.transition(
        actor=personas["teamleider"],
        case=case,
        target=Phase.AFGESLOTEN,
        closing_reason=ClosingReason.objects.first(),
        reason="Afgesloten na evaluatie.",
    )
    return case.person


def test_sections_keep_the_number_of_queries_constant(personas, organisations) -> None:
    organisations["noord"].covenant_signed_on = date(2021, 6, 15)
    organisations["noord"].save()
    person = _registered_case(personas, organisations)
    with CaptureQueriesContext(connection) as one_case:
        export.subject_access_data(Person.objects.get(pk=person.pk))
    for _ in range(3):
        _registered_case(personas, organisations, person)
    with CaptureQueriesContext(connection) as four_cases:
        data = export.subject_access_data(Person.objects.get(pk=person.pk))
    assert len(data["cases"]) == 4
    assert all(len(case["registrations"]) == 1 for case in data["cases"])
    assert all(len(case["interventions"]) == 1 for case in data["cases"])
    assert len(four_cases) == len(one_case)


# --- Point 9: the access log in sentences -------------------------------------------------------


def test_audit_events_read_as_dutch_sentences(login_as, subject: Person) -> None:
    data = _export(login_as("auditor"), subject)
    number = data["cases"][0]["number"]
    texts = [event["text"] for event in data["audit_events"]]
    assert any(
        re.fullmatch(
            rf"Een teamleider van Gemeente Amsterdam heeft casus {number} over u geopend op "
            r"\d{1,2} \w+ \d{4} om \d\d:\d\d\.",
            text,
        )
        for text in texts
    ), texts
    assert any(
        text.startswith("Een teamleider van Gemeente Amsterdam heeft uw persoonsgegevens")
        for text in texts
    )
    assert any(
        f"heeft Stadsdeel Noord aangemeld als interventiepartner in casus {number}" in text
        for text in texts
    )
    assert any("Een medewerker van partner Stadsdeel Noord heeft" in text for text in texts)
    for text in texts:
        assert not re.search(r"\b(cases|partners|interventions)\.[a-z_]+", text), text


def test_a_refused_attempt_reads_as_refused(login_as, subject: Person) -> None:
    number = Case.objects.get(person=subject).number
    assert login_as("regisseur_b").get(reverse("cases:detail", args=[number])).status_code == 404
    data = _export(login_as("auditor"), subject)
    (refused,) = [e for e in data["audit_events"] if e["result"] == "denied"]
    assert refused["text"].startswith(
        f"Een regisseur van Gemeente Amsterdam probeerde casus {number}"
    )
    assert refused["text"].endswith("maar had daar geen toegang toe.")


def test_an_unknown_action_still_gets_a_sentence_never_its_code() -> None:
    row = {
        "occurred_at": timezone.now(),
        "action": "future.thing.happened",
        "case_id": "PGA-2026-0001",
        "result": "ok",
        "role": "",
        "organisation": "",
        "actor_id": None,
        "actor": "",
        "changes": {},
    }
    with translation.override("nl"):
        text = export_audit.sentence(row)
        denied = export_audit.sentence({**row, "result": "denied", "role": "regisseur"})
    assert text.startswith("Regie (automatisch) heeft casus PGA-2026-0001 verwerkt op ")
    assert denied.startswith("Een regisseur probeerde casus PGA-2026-0001 te raadplegen op ")
    assert "future" not in text + denied


def _recorded_actions() -> set[str]:
    """Every action the code can pass to the audit log or the policy: the vocabulary's names
    (issue 12.2: the only ones the types allow), and any literal that escaped it."""
    found: set[str] = set(vocabulary.members())
    pattern = re.compile(
        r"""(?:\baction|\bACTION)\s*(?::\s*str\s*)?=\s*"([a-z_]+(?:\.[a-z_]+)+)\""""
    )
    for path in SRC.rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


# Actions of these apps that never carry a case number or name a person: the pallet.
NOT_ABOUT_A_PERSON = re.compile(
    r"interventions\.(catalogue|changes|propose|review|publish|change\.|version\.)"
)


def about_a_person(action: str) -> bool:
    return action.split(".")[0] in ("cases", "partners", "interventions") and not (
        NOT_ABOUT_A_PERSON.match(action)
    )


def test_every_action_about_a_case_or_person_has_its_own_sentence() -> None:
    reads = {
        f"{route.policy.action}.read" for route in walk() if route.policy and route.policy.action
    }
    views = {f"{model._meta.label_lower}.view" for model in _SCOPES}
    candidates = _recorded_actions() | set(policy.registered_actions()) | reads | views
    wanted = {action for action in candidates if about_a_person(action)}
    assert {"cases.person.create", "cases.view.read", "partners.registration.expire"} <= wanted
    done, refused = export_audit.sentences()
    missing = sorted(action for action in wanted if action not in done and action not in refused)
    assert missing == []
    # Each sentence names what happened in the reader's language, never a code.
    with translation.override("nl"):
        for message in {**done, **refused}.values():
            text = translation.gettext(message)
            assert text != message, f"no Dutch for {message!r}"
