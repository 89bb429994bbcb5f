"""A refused decision on a registration answers with the refusal as a message and changes
nothing (core.forms.submit with error_text, issue 12.2)."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.partners import services
from regie.partners.models import Registration
from tests.partners.test_registration import data


def _errors(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_a_rejection_without_a_note_is_refused_with_the_services_message(
    login_as, personas, own_case, signed
) -> None:
    registration = services.register(
        actor=personas["regisseur_a"], case=own_case, data=data(signed["noord"])
    )
    url = reverse("partners:decide", args=[registration.public_id])
    response = login_as("teamleider").post(url, {"decision": "reject", "note": "  "})
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:registration", args=[registration.public_id])
    assert _errors(response) == ["Geef een reden voor het afwijzen van de aanmelding."]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REQUESTED
    assert not AuditEvent.objects.filter(action="partners.registration.reject").exists()


def test_an_end_without_a_reason_is_refused(login_as, personas, own_case, signed) -> None:
    registration = services.register(
        actor=personas["regisseur_a"], case=own_case, data=data(signed["noord"])
    )
    services.approve(actor=personas["teamleider"], registration=registration)
    url = reverse("partners:end", args=[registration.public_id])
    response = login_as("regisseur_a").post(url, {"reason": ""})
    assert response.status_code == 302
    assert _errors(response) == ["Geef een reden voor het beëindigen van de aanmelding."]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ACTIVE
