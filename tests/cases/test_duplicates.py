"""The duplicate check before a person is registered (issue 14): the candidate selector, what a
user who may not see a candidate is told, and the case form's same/different choice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.cases.duplicates import Reason, bsn_taken, duplicate_candidates
from regie.cases.models import Case, DuplicateDecision, Person, Phase, Theme
from regie.cases.services import PersonData
from regie.organisations.models import Organisation

BSN = "111222333"


def data(
    first: str = "Jan",
    last: str = "de Vries",
    born: date | None = date(2001, 5, 4),
    bsn: str = "",
    area: int = 0,
) -> PersonData:
    return PersonData(first_name=first, last_name=last, date_of_birth=born, bsn=bsn, area_id=area)


@pytest.fixture
def jan(make_case: Callable[..., Case], personas: dict[str, User]) -> Case:
    return make_case(
        personas["regisseur_a"],
        first_name="Jan",
        last_name="de Vries",
        date_of_birth=date(2001, 5, 4),
        bsn=BSN,
    )


@pytest.fixture
def make_case(organisations: dict[str, Organisation], make_case: Callable[..., Case]) -> Any:
    """``make_case`` that also takes the person's BSN."""

    def make(*args: Any, bsn: str = "", **kwargs: Any) -> Case:
        case = make_case(*args, **kwargs)
        if bsn:
            Person.objects.filter(pk=case.person_id).update(bsn=bsn)
        return case

    return make


@pytest.mark.parametrize(
    ("first", "last", "born", "reason"),
    [
        ("Jan", "de Vries", date(2001, 5, 4), Reason.BIRTH_AND_NAME),
        ("jan", "vries", date(2001, 5, 4), Reason.BIRTH_AND_NAME),
        ("Vries", "Jan", date(2001, 5, 4), Reason.BIRTH_AND_NAME),
        ("Jan", "De Vriës", None, Reason.NAME),
        ("J.", "de Vries", None, Reason.NAME),
        ("Johannes", "Vries", date(2001, 5, 4), Reason.BIRTH_AND_NAME),
    ],
)
def test_name_variants_are_candidates(
    personas: dict[str, User], jan: Case, first: str, last: str, born: date | None, reason: Reason
) -> None:
    found = duplicate_candidates(personas["teamleider"], data(first, last, born))
    assert [(c.person_id, c.reason) for c in found] == [(jan.person_id, reason)]
    assert found[0].open_case == jan.number


def test_same_bsn_is_a_candidate_whatever_the_name(personas: dict[str, User], jan: Case) -> None:
    found = duplicate_candidates(personas["teamleider"], data("Piet", "Klaassen", None, BSN))
    assert (found[0].person_id, found[0].reason) == (jan.person_id, Reason.BSN)


def test_a_namesake_born_on_another_day_is_not_a_candidate(
    personas: dict[str, User], jan: Case
) -> None:
    assert duplicate_candidates(personas["teamleider"], data(born=date(1990, 1, 1))) == []


def test_same_birth_date_with_another_name_is_not_a_candidate(
    personas: dict[str, User], jan: Case
) -> None:
    assert duplicate_candidates(personas["teamleider"], data("Fatima", "El Amrani")) == []


def test_a_candidate_the_user_may_not_see_is_not_shown(
    personas: dict[str, User], jan: Case
) -> None:
    # regisseur_b directs none of jan's cases: the person is outside their scope.
    assert duplicate_candidates(personas["regisseur_b"], data()) == []
    assert [c.person_id for c in duplicate_candidates(personas["regisseur_a"], data())] == [
        jan.person_id
    ]


def test_bsn_message_names_the_visible_open_case(personas: dict[str, User], jan: Case) -> None:
    message = bsn_taken(personas["teamleider"], BSN)
    assert jan.number in message
    assert bsn_taken(personas["teamleider"], "") == ""
    assert bsn_taken(personas["teamleider"], "123456782") == ""


def test_bsn_message_reveals_nothing_to_who_may_not_see(
    personas: dict[str, User], jan: Case
) -> None:
    message = bsn_taken(personas["regisseur_b"], BSN)
    assert message
    assert jan.number not in message
    assert "Jan" not in message
    assert "Vries" not in message
    assert "teamleider" in message


def test_the_candidate_query_is_bounded(
    personas: dict[str, User], jan: Case, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        duplicate_candidates(personas["teamleider"], data())


def test_the_best_matches_are_read_first_behind_a_common_surname(
    personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    """More persons share the surname than the query reads (its limit): the one with the same
    name and date of birth, registered last, is still found (measured at 1,000,000 persons,
    where four in five exact matches were missed: docs/performance.md)."""
    from regie.cases.duplicates import CANDIDATE_LIMIT

    Person.objects.bulk_create(
        Person(
            first_name=f"Aa{n:03d}",
            last_name="de Vries",
            given_key=f"aa{n:03d}",
            surname_key="vries",
            search_name=f"aa{n:03d} de vries",
            date_of_birth=date(1990, 1, 1),
            area=organisations["noord"],
        )
        for n in range(CANDIDATE_LIMIT + 20)
    )
    Person.objects.create(
        first_name="Jan",
        last_name="de Vries",
        date_of_birth=date(2001, 5, 4),
        area=organisations["noord"],
    )
    found = duplicate_candidates(personas["teamleider"], data())
    assert [(c.name, c.reason) for c in found] == [("Jan de Vries", Reason.BIRTH_AND_NAME)]
    swapped = duplicate_candidates(personas["teamleider"], data("Vries", "Jan", None))
    assert "Jan de Vries" in [c.name for c in swapped]


# The case form.


def post(client: Any, organisations: dict[str, Organisation], **fields: str) -> Any:
    values = {
        "first_name": "jan",
        "last_name": "Vries",
        "date_of_birth": "2001-05-04",
        "bsn": "",
        "theme": str(Theme.objects.all()[0].pk),
        "area": str(organisations["noord"].pk),
        "summary": "Via de Weegploeg.",
        **fields,
    }
    return client.post(reverse("cases:create"), values)


def test_form_with_candidates_comes_back_and_saves_nothing(
    login_as: Any, organisations: dict[str, Organisation], jan: Case
) -> None:
    before = (Person.objects.count(), Case.objects.count())
    response = post(login_as("teamleider"), organisations)
    assert response.status_code == 200
    assert [c.person_id for c in response.context["candidates"]] == [jan.person_id]
    assert "Deze persoon is misschien al geregistreerd" in response.content.decode()
    assert (Person.objects.count(), Case.objects.count()) == before


def test_same_person_with_an_open_case_links_to_it(
    login_as: Any, organisations: dict[str, Organisation], jan: Case
) -> None:
    response = post(login_as("teamleider"), organisations, duplicate=str(jan.person_id))
    assert response.status_code == 400
    assert jan.number in " ".join(response.context["form"].non_field_errors())
    assert reverse("cases:detail", args=[jan.number]) in response.content.decode()
    assert Case.objects.filter(person=jan.person).count() == 1
    assert not DuplicateDecision.objects.exists()


def test_same_person_registers_the_case_for_them(
    login_as: Any, personas: dict[str, User], organisations: dict[str, Organisation], jan: Case
) -> None:
    Case.objects.filter(pk=jan.pk).update(phase=Phase.AFGESLOTEN)
    response = post(login_as("teamleider"), organisations, duplicate=str(jan.person_id))
    assert response.status_code == 302
    new = Case.objects.exclude(pk=jan.pk).get()
    assert new.person_id == jan.person_id
    decision = DuplicateDecision.objects.get()
    assert (decision.decision, decision.candidate_id, decision.case_id) == (
        "same",
        jan.person_id,
        new.pk,
    )
    assert decision.decided_by == personas["teamleider"]
    event = AuditEvent.objects.get(action="cases.person.duplicate")
    assert event.case_id == new.number


def test_different_person_is_recorded_and_registered(
    login_as: Any, personas: dict[str, User], organisations: dict[str, Organisation], jan: Case
) -> None:
    response = post(login_as("teamleider"), organisations, duplicate="different")
    assert response.status_code == 302
    new = Case.objects.exclude(pk=jan.pk).get()
    assert new.person_id != jan.person_id
    decision = DuplicateDecision.objects.get()
    assert (decision.decision, decision.candidate_id, decision.new_person_id) == (
        "different",
        jan.person_id,
        new.person_id,
    )
    assert AuditEvent.objects.filter(action="cases.person.duplicate").count() == 1


def test_a_person_id_that_is_no_candidate_cannot_be_picked(
    login_as: Any, organisations: dict[str, Organisation], jan: Case, make_case: Any
) -> None:
    other = make_case(None, first_name="Piet", last_name="Klaassen", phase=Phase.AFGESLOTEN)
    response = post(login_as("teamleider"), organisations, duplicate=str(other.person_id))
    assert response.status_code == 400
    assert Case.objects.count() == 2


def test_an_existing_bsn_is_a_clear_form_error(
    login_as: Any, organisations: dict[str, Organisation], jan: Case
) -> None:
    response = post(
        login_as("teamleider"), organisations, first_name="Piet", last_name="Klaassen", bsn=BSN
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["bsn"])
    assert jan.number in errors
    assert "person_unique_bsn" not in response.content.decode()
    # Also when the user insists it is another person: one BSN is one person.
    response = post(
        login_as("teamleider"),
        organisations,
        first_name="Piet",
        last_name="Klaassen",
        bsn=BSN,
        duplicate="different",
    )
    assert response.status_code == 400
    assert response.context["form"].errors["bsn"]
    assert not DuplicateDecision.objects.exists()
    assert Person.objects.count() == 1


def test_without_candidates_the_case_is_registered_at_once(
    login_as: Any, organisations: dict[str, Organisation], jan: Case
) -> None:
    response = post(login_as("teamleider"), organisations, first_name="Anna", last_name="Bakker")
    assert response.status_code == 302
    assert not DuplicateDecision.objects.exists()


def test_the_keys_of_a_renamed_person_follow(jan: Case) -> None:
    person = jan.person
    person.last_name = "van den Berg"
    person.save(update_fields=["last_name"])
    person.refresh_from_db()
    assert (person.given_key, person.surname_key) == ("jan", "berg")
