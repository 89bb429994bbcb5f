"""A refused post of the case page's forms comes back on the case page, never as a 500
(issue 12.2): ``edit`` and ``flags`` used to let a service's refusal through."""

from __future__ import annotations

from unittest import mock

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.cases import services
from regie.cases.models import Case, FlagType

CONFLICT_BANNER = "Iemand anders heeft deze casus opgeslagen terwijl u ermee bezig was."
# The form's own conflict message (core.forms): the case page says it once, in its banner.
FORM_CONFLICT = "Iemand anders heeft dit opgeslagen terwijl u eraan werkte."


def _edit(case: Case, **changes: object) -> dict[str, object]:
    return {
        "theme": case.theme.pk,
        "area": case.area.pk,
        "summary": case.summary,
        "version": case.version,
        **changes,
    }


def test_a_stale_edit_shows_the_conflict_table_and_keeps_what_was_typed(
    login_as, own_case: Case
) -> None:
    url = reverse("cases:edit", args=[own_case.number])
    assert (
        login_as("teamleider").post(url, _edit(own_case, summary="Opgeslagen")).status_code == 302
    )
    late = login_as("regisseur_a").post(url, _edit(own_case, summary="Getypt"))
    assert late.status_code == 409
    html = late.content.decode()
    assert CONFLICT_BANNER in html
    assert FORM_CONFLICT not in html
    assert "Wat is er gewijzigd" in html
    assert ("samenvatting", "Getypt", "Opgeslagen") in late.context["conflict"]
    # The edit form comes back with the text the user typed.
    assert late.context["edit_form"]["summary"].value() == "Getypt"
    assert Case.objects.get(pk=own_case.pk).summary == "Opgeslagen"
    assert AuditEvent.objects.filter(action="cases.case.update").count() == 1


def test_a_refused_edit_is_shown_on_the_form(login_as, own_case: Case) -> None:
    url = reverse("cases:edit", args=[own_case.number])
    refusal = ValidationError("Deze casus kan nu niet worden gewijzigd.")
    with mock.patch.object(services, "update_case", side_effect=refusal):
        response = login_as("regisseur_a").post(url, _edit(own_case, summary="Nieuw"))
    assert response.status_code == 400
    form = response.context["edit_form"]
    assert form.non_field_errors() == ["Deze casus kan nu niet worden gewijzigd."]
    assert "Deze casus kan nu niet worden gewijzigd." in response.content.decode()
    assert response.context["conflict"] is None


def test_a_refusal_naming_a_field_is_shown_at_that_field(login_as, own_case: Case) -> None:
    url = reverse("cases:edit", args=[own_case.number])
    refusal = ValidationError("Te vaag.", code="summary")
    with mock.patch.object(services, "update_case", side_effect=refusal):
        response = login_as("regisseur_a").post(url, _edit(own_case, summary="Iets"))
    assert response.status_code == 400
    assert response.context["edit_form"].errors["summary"] == ["Te vaag."]


def test_an_invalid_flag_is_refused_on_the_form(login_as, own_case: Case) -> None:
    retired = FlagType.objects.create(code="vervallen", name="Vervallen", is_active=False)
    response = login_as("regisseur_a").post(
        reverse("cases:flags", args=[own_case.number]),
        {"flags": [retired.pk], "version": own_case.version},
    )
    assert response.status_code == 400
    assert response.context["flags_form"].errors["flags"]
    assert 'action="{}"'.format(reverse("cases:flags", args=[own_case.number])) in (
        response.content.decode()
    )
    assert not Case.objects.get(pk=own_case.pk).flags.exists()


def test_a_refused_flag_change_is_shown_on_the_form(login_as, own_case: Case) -> None:
    media = FlagType.objects.get(code="media")
    refusal = ValidationError("Deze vlag kan hier niet.")
    with mock.patch.object(services, "set_flags", side_effect=refusal):
        response = login_as("regisseur_a").post(
            reverse("cases:flags", args=[own_case.number]),
            {"flags": [media.pk], "version": own_case.version},
        )
    assert response.status_code == 400
    assert response.context["flags_form"].non_field_errors() == ["Deze vlag kan hier niet."]
    assert "Deze vlag kan hier niet." in response.content.decode()


def test_a_stale_flag_change_shows_what_differs(login_as, own_case: Case) -> None:
    url = reverse("cases:flags", args=[own_case.number])
    media = FlagType.objects.get(code="media")
    family = FlagType.objects.get(code="familiebijeenkomst")
    version = own_case.version
    assert (
        login_as("teamleider").post(url, {"flags": [media.pk], "version": version}).status_code
        == 302
    )
    late = login_as("regisseur_a").post(url, {"flags": [family.pk], "version": version})
    assert late.status_code == 409
    html = late.content.decode()
    assert CONFLICT_BANNER in html
    assert "Wat is er gewijzigd" in html
    # The page shows the flags as stored; the user ticks again (the form opens on demand).
    assert late.context["flags_form"] is None
    assert late.context["conflict"] == [("flags", [str(family)], [str(media)])]


def test_a_refused_bulk_reassignment_says_why(login_as, personas, make_case) -> None:
    cases = [make_case(None) for _ in range(2)]
    refusal = ValidationError("Deze casussen kunnen niet worden toegewezen.")
    with mock.patch.object(services, "bulk_assign", side_effect=refusal):
        response = login_as("teamleider").post(
            reverse("cases:bulk_assign"),
            {
                "case": [c.number for c in cases],
                "regisseur": personas["regisseur_b"].pk,
                "reason": "Herverdeling",
            },
        )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Deze casussen kunnen niet worden toegewezen."
    ]
