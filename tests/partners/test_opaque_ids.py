"""Registration ids tell a partner nothing (issue 10, point 1): partners reach a registration
only through a random public id, and every registration that is not active is "not found",
exactly like one that does not exist."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from regie.cases.models import Case
from regie.partners.models import Registration
from tests.partners.conftest import activate

NOT_ACTIVE = (
    Registration.Status.REQUESTED,
    Registration.Status.ENDED,
    Registration.Status.EXPIRED,
    Registration.Status.REJECTED,
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|csrf[^"]*"[^"]*"')


def _body(response) -> str:
    # The error page names the requested path (the language switch returns to it).
    return CSRF.sub("", response.content.decode()).replace(response.request["PATH_INFO"], "")


def test_registration_urls_carry_a_random_id(personas, shared_case: Case) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    assert uuid.UUID(str(registration.public_id)).version == 4
    for name in ("registration", "decide", "end", "form_pdf"):
        url = reverse(f"partners:{name}", args=[registration.public_id])
        assert str(registration.public_id) in url
        assert f"/{registration.pk}/" not in url
    others = Registration.objects.exclude(pk=registration.pk)
    assert registration.public_id not in {r.public_id for r in others}


def test_the_numeric_id_no_longer_opens_anything(login_as, shared_case: Case) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    for persona in ("regisseur_a", "partner_stadsdeel"):
        client = login_as(persona)
        response = client.get(f"/partners/registraties/{registration.pk}/formulier.pdf")
        assert response.status_code == 404


def test_the_partner_page_links_the_form_by_its_random_id(login_as, shared_case: Case) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    html = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[shared_case.number]))
        .content.decode()
    )
    assert reverse("partners:form_pdf", args=[registration.public_id]) in html
    assert f"/registraties/{registration.pk}/" not in html


@pytest.mark.parametrize("status", NOT_ACTIVE)
def test_a_registration_that_is_not_active_is_not_found(
    login_as, personas, own_case: Case, signed, status: str
) -> None:
    """Before: 403 for an existing registration of the partner's own organisation, 404 for a
    missing one, so the answer told the partner which ids existed."""
    registration = activate(own_case, signed["noord"], ["phase"], personas["regisseur_a"])
    Registration.objects.filter(pk=registration.pk).update(status=status)
    client: Client = login_as("partner_stadsdeel")
    own = client.get(reverse("partners:form_pdf", args=[registration.public_id]))
    missing = client.get(reverse("partners:form_pdf", args=[uuid.uuid4()]))
    assert own.status_code == missing.status_code == 404
    assert _body(own) == _body(missing)
    # The regie team still prints the form of any registration on a case it directs.
    director = login_as("regisseur_a").get(
        reverse("partners:form_pdf", args=[registration.public_id])
    )
    assert director.status_code == 200


def test_a_registration_of_another_organisation_is_not_found(
    login_as, personas, shared_case: Case
) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    for persona in ("partner_other", "partner_ended", "aandachtsfunctionaris"):
        response = login_as(persona).get(
            reverse("partners:form_pdf", args=[registration.public_id])
        )
        assert response.status_code == 404, persona


def test_the_regie_pages_use_the_random_id(login_as, personas, shared_case: Case) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    page = login_as("regisseur_a").get(reverse("cases:detail", args=[shared_case.number]))
    html = page.content.decode()
    assert reverse("partners:registration", args=[registration.public_id]) in html
    assert f"/registraties/{registration.pk}/" not in html
    response = login_as("teamleider").get(
        reverse("partners:registration", args=[registration.public_id])
    )
    assert response.status_code == 200
    assert f"/registraties/{registration.pk}/" not in response.content.decode()


def test_no_link_on_the_partner_pages_carries_a_sequential_id(
    login_as, personas, shared_case: Case, signed
) -> None:
    """Every href, form action and src a partner is given: no path segment is a number."""
    from regie.interventions import services as interventions
    from tests.interventions.fixtures import pick

    item = interventions.add_case_intervention(
        actor=personas["regisseur_a"],
        case=shared_case,
        data=interventions.CaseInterventionData(
            intervention=pick("Woonbegeleiding"),
            executor=signed["noord"],
            starts_on=shared_case.opened_on,
            status="lopend",
            shared_with_partners=False,
        ),
    )
    client = login_as("partner_stadsdeel")
    client.post(reverse("partners:join"), {"case_number": "PGA-1999-0001", "purpose": "Bekend"})
    pages = [
        reverse("partners:cases"),
        reverse("partners:case", args=[shared_case.number]),
        reverse("interventions:partner_update", args=[item.public_id]),
    ]
    links = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        links += re.findall(r'(?:href|action|src)="([^"]*)"', response.content.decode())
    assert any("/voortgang/" in link for link in links)
    assert any("/formulier.pdf" in link for link in links)
    numeric = [
        link
        for link in links
        if any(part.isdigit() for part in link.split("?")[0].split("#")[0].split("/"))
    ]
    assert numeric == []
