"""A partner's request to join a case (issue 10, point 1).

Every number typed becomes a request record of the partner's organisation, whether it names an
open case, a closed one or none; the partner sees each with the same status text until the regie
team decides or it expires. Only a request that matches an open case reaches the regie team.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.cases.models import Case, Phase
from regie.partners import services
from regie.partners.models import JoinRequest, Registration
from tests.partners.conftest import activate

PURPOSE = "Wij kennen betrokkene uit het jongerenwerk."
UNKNOWN = "PGA-1999-9999"
ROW = re.compile(r"<tr class=\"utrecht-table__row\" data-join-request>.*?</tr>", re.S)


def _ask(client: Client, number: str, **extra: Any) -> Any:
    return client.post(
        reverse("partners:join"), {"case_number": number, "purpose": PURPOSE, **extra}, follow=True
    )


def _rows(client: Client) -> list[str]:
    return ROW.findall(client.get(reverse("partners:cases")).content.decode())


def _statuses(client: Client) -> list[str]:
    return [row.status for row in client.get(reverse("partners:cases")).context["join_requests"]]


def _numbers(open_case: Case, make_case: Callable[..., Case]) -> list[str]:
    closed = make_case(phase=Phase.AFGESLOTEN, closed_on=timezone.localdate())
    return [open_case.number, closed.number, UNKNOWN]


def test_every_number_is_stored_and_answered_alike(
    login_as, personas, own_case, make_case, signed
) -> None:
    client = login_as("partner_stadsdeel")
    numbers = _numbers(own_case, make_case)
    answers = [_ask(client, number) for number in numbers]
    assert {a.status_code for a in answers} == {200}
    assert len({tuple(str(m) for m in a.context["messages"]) for a in answers}) == 1
    assert len({a.redirect_chain[-1][0] for a in answers}) == 1

    stored = JoinRequest.objects.filter(organisation=signed["noord"]).order_by("requested_at")
    assert [r.case_number for r in stored] == numbers
    assert all(r.requested_by == personas["partner_stadsdeel"] for r in stored)

    # The partner's list: one row per request, the same status text, nothing else differs.
    assert _statuses(client) == ["aangevraagd"] * 3
    rows = _rows(client)
    assert len(rows) == 3
    assert len({row.replace(n, "") for row, n in zip(rows, reversed(numbers), strict=True)}) == 1
    assert "aangevraagd" in rows[0]

    # Only the open case reaches the regie team.
    pending = login_as("teamleider").get(reverse("partners:registrations")).context["pending"]
    assert [(r.case, r.organisation) for r in pending] == [(own_case, signed["noord"])]
    assert stored[0].registration == pending[0]
    assert stored[1].registration is None
    assert stored[2].registration is None


def test_requests_are_audited_whatever_the_number(login_as, own_case, make_case, signed) -> None:
    client = login_as("partner_stadsdeel")
    for number in _numbers(own_case, make_case):
        _ask(client, number)
    created = AuditEvent.objects.filter(action="partners.request.create")
    assert created.count() == 3
    assert set(created.values_list("object_type", flat=True)) == {"partners.joinrequest"}
    unmatched = AuditEvent.objects.filter(action="partners.registration.request_unmatched")
    assert unmatched.count() == 2
    assert set(unmatched.values_list("result", flat=True)) == {"denied"}


def test_a_number_is_normalised_before_it_is_stored(login_as, own_case, signed) -> None:
    client = login_as("partner_stadsdeel")
    _ask(client, f"  {own_case.number.lower()} ")
    request = JoinRequest.objects.get()
    assert request.case_number == own_case.number
    assert request.registration is not None


def test_something_that_is_not_a_case_number_is_refused(login_as, signed) -> None:
    """A name or a date typed into the number field never reaches a record or the log."""
    client = login_as("partner_stadsdeel")
    for typed in ("Jan de Vries", "01-02-2003", "PGA 2026 0001"):
        response = client.post(reverse("partners:join"), {"case_number": typed, "purpose": PURPOSE})
        assert response.status_code == 400
        assert response.context["join_form"].errors["case_number"]
    assert not JoinRequest.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="partners.").exists()


def test_without_a_purpose_nothing_is_stored(login_as, own_case, signed) -> None:
    client = login_as("partner_stadsdeel")
    response = client.post(reverse("partners:join"), {"case_number": own_case.number})
    assert response.status_code == 400
    assert response.context["join_form"].errors["purpose"]
    assert not JoinRequest.objects.exists()
    assert not Registration.objects.exists()


def test_matched_and_unmatched_requests_expire_on_the_same_day(
    login_as, personas, own_case, make_case, signed
) -> None:
    client = login_as("partner_stadsdeel")
    for number in _numbers(own_case, make_case):
        _ask(client, number)
    days = settings.REGIE_PARTNER_REQUEST_DAYS
    start = timezone.now()
    # A new session each time: the sessions' absolute lifetime is 12 hours.
    with time_machine.travel(start + timedelta(days=days), tick=False):
        assert _statuses(login_as("partner_stadsdeel")) == ["aangevraagd"] * 3
        assert services.expire_due(today=timezone.localdate()) == 0
    with time_machine.travel(start + timedelta(days=days + 1), tick=False):
        assert _statuses(login_as("partner_stadsdeel")) == ["verlopen"] * 3
        assert services.expire_due(today=timezone.localdate()) == 1
        pending = login_as("teamleider").get(reverse("partners:registrations"))
        assert list(pending.context["pending"]) == []
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.EXPIRED
    assert AuditEvent.objects.filter(
        action="partners.registration.expire", case_id=own_case.number
    ).exists()


def test_the_partner_sees_the_decision(login_as, personas, own_case, make_case, signed) -> None:
    other = make_case(personas["regisseur_a"])
    client = login_as("partner_stadsdeel")
    _ask(client, own_case.number)
    _ask(client, other.number)
    first, second = JoinRequest.objects.order_by("requested_at")
    assert first.registration is not None
    assert second.registration is not None
    services.approve(actor=personas["teamleider"], registration=first.registration)
    services.reject(actor=personas["teamleider"], registration=second.registration, note="Nee")
    assert _statuses(client) == ["afgewezen", "toegekend"]


def test_a_request_while_already_registered_adds_nothing_for_the_team(
    login_as, personas, shared_case, signed
) -> None:
    client = login_as("partner_stadsdeel")
    _ask(client, shared_case.number)
    assert JoinRequest.objects.get().registration is None
    assert Registration.objects.filter(organisation=signed["noord"]).count() == 1
    assert _statuses(client) == ["aangevraagd"]


def test_other_organisations_do_not_see_the_request(login_as, own_case, signed) -> None:
    _ask(login_as("partner_stadsdeel"), own_case.number)
    assert _statuses(login_as("partner_other")) == []
    assert _rows(login_as("partner_other")) == []


def test_old_requests_are_removed(login_as, own_case, make_case, signed, capsys) -> None:
    client = login_as("partner_stadsdeel")
    for number in _numbers(own_case, make_case):
        _ask(client, number)
    days = settings.REGIE_PARTNER_REQUEST_DAYS + services.REQUESTS_LISTED_AFTER_EXPIRY_DAYS
    with time_machine.travel(timezone.now() + timedelta(days=days), tick=False):
        call_command("partners", "expire")
        assert JoinRequest.objects.count() == 3
    with time_machine.travel(timezone.now() + timedelta(days=days + 1), tick=False):
        call_command("partners", "expire")
        assert "3 join requests removed" in capsys.readouterr().out
    assert not JoinRequest.objects.exists()
    purge = AuditEvent.objects.get(action="partners.request.purge")
    assert purge.changes["count"] == 3
    # The registration the open case's request created stays with the case.
    assert Registration.objects.filter(case=own_case).exists()


def test_an_unsigned_organisation_is_answered_alike(login_as, personas, own_case, organisations):
    client = login_as("partner_stadsdeel")  # Stadsdeel Noord has not signed in this test
    _ask(client, own_case.number)
    assert JoinRequest.objects.get().registration is None
    assert not Registration.objects.exists()
    assert _statuses(client) == ["aangevraagd"]


def test_a_matched_request_becomes_a_registration_request(
    login_as, personas, own_case, signed
) -> None:
    activate(own_case, signed["oost"], ["phase"], personas["regisseur_a"])
    _ask(login_as("partner_stadsdeel"), own_case.number)
    registration = Registration.objects.get(organisation=signed["noord"])
    assert registration.status == Registration.Status.REQUESTED
    assert registration.purpose == PURPOSE
    assert registration.requested_by == personas["partner_stadsdeel"]
