"""The covenant workflow: register, four eyes, request to join, end, expire, the form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from regie.cases.models import TimelineEvent
from regie.partners import services
from regie.partners.models import InformationCategory, Registration


def data(organisation: Any, codes: tuple[str, ...] = ("phase",), **overrides: Any) -> Any:
    today = timezone.localdate()
    values = {
        "organisation": organisation,
        "purpose": "Nazorg en borging in de wijk",
        "categories": list(InformationCategory.objects.filter(code__in=codes)),
        "starts_on": today,
        "ends_on": today + timedelta(days=180),
        "contact_name": "T. Bakker",
    }
    values.update(overrides)
    return services.RegistrationData(**values)


def test_register_then_approve_by_teamleider(personas, own_case, signed) -> None:
    registration = services.register(
        actor=personas["regisseur_a"], case=own_case, data=data(signed["noord"])
    )
    assert registration.status == Registration.Status.REQUESTED
    with pytest.raises(PermissionDenied):
        services.approve(actor=personas["regisseur_a"], registration=registration)
    services.approve(actor=personas["teamleider"], registration=registration)
    assert registration.status == Registration.Status.ACTIVE
    kinds = list(
        TimelineEvent.objects.filter(case=own_case, kind="partner").values_list(
            "summary", flat=True
        )
    )
    assert len(kinds) == 2


def test_four_eyes_teamleider_cannot_approve_own_registration(personas, own_case, signed) -> None:
    registration = services.register(
        actor=personas["teamleider"], case=own_case, data=data(signed["noord"])
    )
    with pytest.raises(PermissionDenied):
        services.approve(actor=personas["teamleider"], registration=registration)


def test_only_signed_organisations(personas, own_case, organisations) -> None:
    with pytest.raises(ValidationError) as refused:
        services.register(
            actor=personas["regisseur_a"], case=own_case, data=data(organisations["elsewhere"])
        )
    assert refused.value.code == "covenant"


def test_other_regisseur_cannot_register(personas, own_case, signed) -> None:
    with pytest.raises(PermissionDenied):
        services.register(actor=personas["regisseur_b"], case=own_case, data=data(signed["noord"]))


def test_one_open_registration_per_partner(personas, own_case, signed) -> None:
    services.register(actor=personas["regisseur_a"], case=own_case, data=data(signed["noord"]))
    with pytest.raises(ValidationError):
        services.register(actor=personas["regisseur_a"], case=own_case, data=data(signed["noord"]))


def test_period_must_make_sense(personas, own_case, signed) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.register(
            actor=personas["regisseur_a"],
            case=own_case,
            data=data(signed["noord"], ends_on=today - timedelta(days=1)),
        )


def test_request_to_join_reveals_nothing(login_as, personas, own_case, signed) -> None:
    client = login_as("partner_stadsdeel")
    known = client.post(
        reverse("partners:join"),
        {"case_number": own_case.number, "purpose": "Wij kennen betrokkene"},
        follow=True,
    )
    unknown = client.post(
        reverse("partners:join"),
        {"case_number": "PGA-1999-9999", "purpose": "Wij kennen betrokkene"},
        follow=True,
    )
    assert [str(m) for m in known.context["messages"]] == [
        str(m) for m in unknown.context["messages"]
    ]
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.REQUESTED
    assert registration.organisation == signed["noord"]
    pending = login_as("regisseur_a").get(reverse("partners:registrations"))
    assert list(pending.context["pending"]) == [registration]
    assert AuditEvent_exists("partners.registration.request_unmatched")


def AuditEvent_exists(action: str) -> bool:
    from regie.audit.models import AuditEvent

    return AuditEvent.objects.filter(action=action).exists()


def test_registration_pages_and_decision_flow(login_as, personas, own_case, signed) -> None:
    regisseur = login_as("regisseur_a")
    phase = InformationCategory.objects.get(code="phase")
    response = regisseur.post(
        reverse("partners:register", args=[own_case.number]),
        {
            "organisation": signed["noord"].pk,
            "purpose": "Borging",
            "categories": [phase.pk],
            "starts_on": str(timezone.localdate()),
            "ends_on": str(timezone.localdate() + timedelta(days=30)),
            "contact_name": "T. Bakker",
        },
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    page = regisseur.get(reverse("cases:detail", args=[own_case.number])).content.decode()
    assert "Stadsdeel Noord" in page
    lead = login_as("teamleider")
    assert (
        lead.get(reverse("partners:registration", args=[registration.public_id])).status_code == 200
    )
    lead.post(
        reverse("partners:decide", args=[registration.public_id]),
        {"decision": "approve", "categories": [phase.pk], "note": "Akkoord"},
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ACTIVE
    assert (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[own_case.number]))
        .status_code
        == 200
    )
    refused = regisseur.post(reverse("partners:end", args=[registration.public_id]), {"reason": ""})
    assert refused.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ACTIVE
    regisseur.post(reverse("partners:end", args=[registration.public_id]), {"reason": "Klaar"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ENDED


def test_invalid_registration_form_gets_400(login_as, own_case, signed) -> None:
    response = login_as("regisseur_a").post(
        reverse("partners:register", args=[own_case.number]),
        {
            "organisation": signed["noord"].pk,
            "purpose": "",
            "starts_on": "2026-12-01",
            "ends_on": "2026-01-01",
            "contact_name": "",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors


def test_registration_form_pdf(login_as, personas, shared_case) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    for persona in ("regisseur_a", "partner_stadsdeel"):
        response = login_as(persona).get(
            reverse("partners:form_pdf", args=[registration.public_id])
        )
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-")
    assert (
        login_as("partner_other")
        .get(reverse("partners:form_pdf", args=[registration.public_id]))
        .status_code
        == 404
    )


def test_expire_command(personas, shared_case, capsys) -> None:
    from django.core.management import call_command

    Registration.objects.update(
        ends_on=timezone.localdate() - timedelta(days=1),
        starts_on=timezone.localdate() - timedelta(days=10),
    )
    call_command("partners", "expire")
    assert "1 registrations expired" in capsys.readouterr().out
    assert Registration.objects.get(status=Registration.Status.EXPIRED).organisation.name == (
        "Stadsdeel Noord"
    )


def test_partner_copy_of_the_form_has_no_staff_names(login_as, personas, shared_case) -> None:
    import subprocess

    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    response = login_as("partner_stadsdeel").get(
        reverse("partners:form_pdf", args=[registration.public_id])
    )
    pdf = b"".join(response.streaming_content)
    try:
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    except FileNotFoundError:
        pytest.skip("pdftotext not installed")
    assert "Stadsdeel Noord" in text
    assert personas["regisseur_a"].get_full_name() not in text
    assert personas["teamleider"].get_full_name() not in text


def test_partner_cannot_download_the_form_after_the_end(login_as, personas, shared_case) -> None:
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    services.end(actor=personas["regisseur_a"], registration=registration, reason="Klaar")
    url = reverse("partners:form_pdf", args=[registration.public_id])
    # Not found, as for an id that never existed (issue 10, point 1; it was 403).
    assert login_as("partner_stadsdeel").get(url).status_code == 404
    assert login_as("regisseur_a").get(url).status_code == 200
