"""The data-subject export (AVG art. 15) holds the signals about the person and the checks
whether they were registered twice, in the JSON and in the PDF, with staff by role."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.accounts.models import Role, User
from regie.cases import export
from regie.cases.export_staff import staff_label
from regie.cases.models import Case, Person
from regie.cases.services_privacy import export_subject_data
from regie.intake import services
from regie.intake.models import Signal, Status, TriageDecision
from regie.organisations.models import Organisation
from tests.cases.test_export import pdf_text


@pytest.fixture
def people(
    make_signal: Any, intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> tuple[Person, Person, Signal]:
    """An existing "Sem Dijk", and the signal's "Sem van Dijk" taken in as another person
    after the duplicate check: a new person, a case, and the decision about the match."""
    weegploeg = intake_personas["weegploeg"]
    weegploeg.first_name, weegploeg.last_name = "Ingeborg", "Zwaanswijk"
    weegploeg.save()
    existing = Person.objects.create(
        first_name="Sem",
        last_name="Dijk",
        date_of_birth=date(2008, 2, 3),
        area=organisations["noord"],
    )
    signal = make_signal(observation="Vertelde Ingeborg Zwaanswijk over zijn nieuwe vrienden.")
    steunpunt = intake_personas["steunpunt"]
    services.pick_up(actor=steunpunt, signal=signal)
    services.forward_to_weegploeg(actor=steunpunt, signal=signal)
    signal.refresh_from_db()
    services.decide(
        actor=weegploeg,
        signal=signal,
        outcome="instroom",
        motivation="Signalen van Ingeborg Zwaanswijk en de school.",
        duplicate="different",
    )
    signal.refresh_from_db()
    assert signal.person is not None
    return existing, signal.person, signal


def _json(actor: User, person: Person) -> dict[str, Any]:
    done = export_subject_data(actor=actor, person=person, fmt="json")
    data: dict[str, Any] = json.loads(done.content)
    return data


def test_the_signals_about_the_person_and_the_duplicate_check(
    people: tuple[Person, Person, Signal], personas: dict[str, User]
) -> None:
    existing, taken_in, signal = people
    data = _json(personas["auditor"], taken_in)
    assert list(data)[4:7] == ["person", "signals", "duplicate_decisions"]
    case = Case.objects.get(person=taken_in)
    [entry] = data["signals"]
    assert entry["reference"] == signal.reference
    assert entry["themes"] == [signal.themes.get().name]
    assert (entry["status"], entry["status_label"]) == ("afgerond", str(Status.AFGEROND.label))
    assert entry["observation"].startswith("Vertelde ")
    assert entry["outcome"] == str(TriageDecision.Outcome.INSTROOM.label)
    assert entry["case"] == case.number
    assert entry["outcome_on"]
    school = Organisation.objects.get(memberships__user__username="aandachtsfunctionaris")
    assert entry["submitted_by"] == staff_label(Role.AANDACHTSFUNCTIONARIS, school.name)
    assert entry["handler"] == str(Role.STEUNPUNT.label)
    assert entry["decided_by"] == str(Role.WEEGPLOEG.label)
    [check] = data["duplicate_decisions"]
    assert check["decision"] == "different"
    assert check["registration"].startswith("uw nieuwe inschrijving")
    assert check["case"] == case.number
    assert check["decided_by"] == str(Role.WEEGPLOEG.label)
    # Staff by role, in the texts too; the other registration is not named.
    text = json.dumps(data, ensure_ascii=False)
    assert "Zwaanswijk" not in text
    assert "Ingeborg" not in text
    assert entry["motivation"] == f"Signalen van {Role.WEEGPLOEG.label} en de school."
    assert str(existing.pk) not in [str(v) for v in check.values()]

    other = _json(personas["auditor"], existing)
    assert other["signals"] == []
    [seen] = other["duplicate_decisions"]
    assert seen["registration"].startswith("uw bestaande inschrijving")


def test_staff_names_only_when_the_privacy_officer_includes_them(
    people: tuple[Person, Person, Signal], personas: dict[str, User]
) -> None:
    _existing, taken_in, _signal = people
    done = export_subject_data(
        actor=personas["auditor"],
        person=taken_in,
        fmt="json",
        staff_names=True,
        reason="Betrokkene vroeg om de namen.",
    )
    data = json.loads(done.content)
    assert data["signals"][0]["decided_by"] == "Ingeborg Zwaanswijk"
    assert data["duplicate_decisions"][0]["decided_by"] == "Ingeborg Zwaanswijk"


def test_a_person_without_signals_or_checks(personas: dict[str, User], organisations: Any) -> None:
    person = Person.objects.create(first_name="Lina", last_name="Kok", area=organisations["noord"])
    data = _json(personas["auditor"], person)
    assert (data["signals"], data["duplicate_decisions"]) == ([], [])


def test_the_pdf_lists_them(
    people: tuple[Person, Person, Signal], login_as: Any, tmp_path: Path
) -> None:
    _existing, taken_in, signal = people
    response = login_as("auditor").get(reverse("privacy:export_pdf", args=[taken_in.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Signalen over u" in text
    assert signal.reference in text
    assert "Controles op een dubbele inschrijving" in text
    assert "uw nieuwe inschrijving" in text
    assert "Zwaanswijk" not in text


def test_the_export_reads_signals_in_a_fixed_number_of_queries(
    people: tuple[Person, Person, Signal], make_signal: Any, intake_personas: dict[str, User]
) -> None:
    _existing, taken_in, _signal = people
    export.subject_access_data(taken_in)  # what is read once per process (content types)
    with CaptureQueriesContext(connection) as one:
        export.subject_access_data(taken_in)
    for _ in range(3):
        extra = make_signal()
        Signal.objects.filter(pk=extra.pk).update(person=taken_in)
        services.pick_up(actor=intake_personas["steunpunt"], signal=extra)
    with CaptureQueriesContext(connection) as four:
        data = export.subject_access_data(taken_in)
    assert len(data["signals"]) == 4
    assert len(four) == len(one)
