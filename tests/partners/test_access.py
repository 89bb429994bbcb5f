"""What partners see: only their active registrations, only the shared categories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.cases import services as cases
from regie.cases.models import Case, JournalCategory, JournalEntry, Phase
from regie.core import policy
from regie.partners import services
from regie.partners.models import Registration
from tests.conftest import PERSONAS
from tests.partners.conftest import activate


def _journal(case: Case, actor, text: str, visibility: str = "regie", shared=()):
    return cases.add_journal_entry(
        actor=actor,
        case=case,
        occurred_on=date(2026, 10, 1),
        category=JournalCategory.objects.all()[0],
        text=text,
        visibility=visibility,
        shared_with=list(shared),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_partner_case_page_matrix(login_as, shared_case: Case, persona: str) -> None:
    expected = {
        "partner_stadsdeel": 200,
        "partner_other": 404,
        "partner_ended": 404,
        "aandachtsfunctionaris": 404,
    }.get(persona, 403)
    response = login_as(persona).get(reverse("partners:case", args=[shared_case.number]))
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_shared_cases_list_matrix(login_as, shared_case: Case, persona: str) -> None:
    response = login_as(persona).get(reverse("partners:cases"))
    partners = ("partner_stadsdeel", "partner_other", "partner_ended", "aandachtsfunctionaris")
    assert response.status_code == (200 if persona in partners else 403)
    if persona == "partner_stadsdeel":
        assert [r.case for r in response.context["registrations"]] == [shared_case]
    elif persona in partners:
        assert response.context["registrations"] == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_registrations_page_matrix(login_as, persona: str) -> None:
    expected = 200 if persona in ("teamleider", "regisseur_a", "regisseur_b") else 403
    assert login_as(persona).get(reverse("partners:registrations")).status_code == expected


def test_regie_case_page_stays_closed_to_partners(login_as, shared_case: Case) -> None:
    response = login_as("partner_stadsdeel").get(reverse("cases:detail", args=[shared_case.number]))
    assert response.status_code == 403


def test_fields_outside_the_categories_are_absent(login_as, personas, shared_case) -> None:
    person = shared_case.person
    person.bsn = "111222333"
    person.save()
    html = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[shared_case.number]))
        .content.decode()
    )
    assert person.full_name in html
    assert shared_case.get_phase_display() in html  # "phase" is shared
    assert "111222333" not in html  # identity is not
    assert person.date_of_birth.strftime("%Y") not in html
    assert shared_case.theme.name not in html
    assert personas["regisseur_a"].get_full_name() not in html  # contact not shared


def test_identity_and_theme_when_shared(login_as, personas, own_case, signed) -> None:
    activate(own_case, signed["noord"], ["identity", "theme", "contact"], personas["teamleider"])
    view = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[own_case.number]))
        .context["view"]
    )
    assert view.birth_date == own_case.person.date_of_birth
    assert view.theme == own_case.theme.name
    assert view.regisseur == personas["regisseur_a"].get_full_name()
    assert view.phase == ""


def test_journal_is_need_to_know(login_as, personas, shared_case, signed) -> None:
    regisseur = personas["regisseur_a"]
    activate(shared_case, signed["oost"], ["journal"], regisseur)
    _journal(shared_case, regisseur, "Alleen regieteam")
    _journal(shared_case, regisseur, "Voor Noord", "partners", [signed["noord"]])
    _journal(shared_case, regisseur, "Voor Oost", "partners", [signed["oost"]])
    view = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[shared_case.number]))
        .context["view"]
    )
    assert [e.text for e in view.journal] == ["Voor Noord"]
    visible = policy.visible(personas["partner_stadsdeel"], JournalEntry)
    assert set(visible.values_list("text", flat=True)) == {"Voor Noord"}


def test_without_journal_category_only_own_entries(login_as, personas, own_case, signed) -> None:
    activate(own_case, signed["noord"], ["phase"], personas["regisseur_a"])
    _journal(
        own_case,
        personas["regisseur_a"],
        "Gedeeld maar geen categorie",
        "partners",
        [signed["noord"]],
    )
    client = login_as("partner_stadsdeel")
    url = reverse("partners:case", args=[own_case.number])
    client.post(
        url,
        {
            "occurred_on": "2026-11-01",
            "category": JournalCategory.objects.all()[0].pk,
            "text": "Eigen notitie van Noord",
        },
    )
    view = client.get(url).context["view"]
    assert [e.text for e in view.journal] == ["Eigen notitie van Noord"]


def test_partner_entry_is_visible_to_regie_team(login_as, personas, shared_case) -> None:
    url = reverse("partners:case", args=[shared_case.number])
    response = login_as("partner_stadsdeel").post(
        url,
        {
            "occurred_on": "2026-11-01",
            "category": JournalCategory.objects.all()[0].pk,
            "text": "Gesprek met jongerenwerker gevoerd.",
        },
    )
    assert response.status_code == 302
    regie = login_as("regisseur_a").get(reverse("cases:detail", args=[shared_case.number]))
    assert "Gesprek met jongerenwerker gevoerd." in regie.content.decode()
    entry = JournalEntry.objects.get(text="Gesprek met jongerenwerker gevoerd.")
    assert entry.author_organisation is not None
    assert entry.author_organisation.name == "Stadsdeel Noord"


def test_access_ends_on_the_next_request(login_as, personas, shared_case) -> None:
    client = login_as("partner_stadsdeel")
    url = reverse("partners:case", args=[shared_case.number])
    assert client.get(url).status_code == 200
    registration = Registration.objects.get(case=shared_case, organisation__name="Stadsdeel Noord")
    services.end(
        actor=personas["regisseur_a"], registration=registration, reason="Traject afgerond"
    )
    assert client.get(url).status_code == 404
    assert shared_case not in policy.visible(personas["partner_stadsdeel"], Case)
    assert AuditEvent.objects.filter(action="partners.registration.end").exists()


def test_expired_registration_gives_no_access(login_as, personas, own_case, signed) -> None:
    registration = activate(own_case, signed["noord"], ["phase"], personas["regisseur_a"])
    Registration.objects.filter(pk=registration.pk).update(
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    url = reverse("partners:case", args=[own_case.number])
    assert login_as("partner_stadsdeel").get(url).status_code == 404
    assert services.expire_due(today=timezone.localdate()) == 1
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.EXPIRED


def test_closed_case_partner_cannot_write(login_as, personas, shared_case) -> None:
    from regie.cases.models import ClosingReason

    cases.transition(
        actor=personas["teamleider"],
        case=shared_case,
        target=Phase.AFGESLOTEN,
        closing_reason=ClosingReason.objects.all()[0],
        reason="Afgesloten na evaluatie.",
    )
    url = reverse("partners:case", args=[shared_case.number])
    response = login_as("partner_stadsdeel").post(
        url,
        {
            "occurred_on": "2026-11-01",
            "category": JournalCategory.objects.all()[0].pk,
            "text": "Te laat",
        },
    )
    # Closing ended the registration (issue 10, point 13): the case is gone for the partner, as
    # if it did not exist (it was 403: a closed case kept the partner's read access).
    assert response.status_code == 404
    assert not JournalEntry.objects.filter(text="Te laat").exists()


def test_regie_team_shares_a_journal_entry_through_the_form(login_as, shared_case, signed) -> None:
    client = login_as("regisseur_a")
    url = reverse("cases:journal_add", args=[shared_case.number])
    base = {
        "occurred_on": "2026-11-01",
        "category": JournalCategory.objects.all()[0].pk,
        "text": "Voor het stadsdeel",
        "visibility": "partners",
    }
    missing = client.post(url, base)
    assert missing.status_code == 400
    assert missing.context["journal_form"].errors["shared_with"]
    assert client.post(url, {**base, "shared_with": [signed["noord"].pk]}).status_code == 302
    other = client.post(url, {**base, "text": "Naar Oost", "shared_with": [signed["oost"].pk]})
    assert other.status_code == 400  # Oost is not a partner on this case
    view = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[shared_case.number]))
        .context["view"]
    )
    assert [e.text for e in view.journal] == ["Voor het stadsdeel"]


def test_without_partners_sharing_is_not_offered(login_as, own_case) -> None:
    page = login_as("regisseur_a").get(reverse("cases:detail", args=[own_case.number]))
    form = page.context["journal_form"]
    assert "shared_with" not in form.fields
    assert [value for value, _ in form.fields["visibility"].choices] == ["regie"]
