"""Issue 10, point 8: a case flagged *veiligheidsrisico voor medewerkers* names no staff in
anything a partner reads, as a case under media attention does: each partner-facing view is
checked on its own, as the partner opens it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.cases import services as cases
from regie.cases.models import Case, FlagType, JournalCategory
from regie.interventions import selectors as pallet
from regie.interventions import services as interventions
from regie.interventions.models import CaseIntervention
from regie.organisations.models import Organisation
from regie.partners.models import Registration
from tests.cases.test_export import pdf_text
from tests.partners.conftest import activate

# Full names and a username ("teamleider" is also the role word, which may show).
STAFF = ("Regisseur_A Test", "Teamleider Test", "regisseur_a")


@pytest.fixture(params=["veiligheidsrisico", "media"])
def flagged(request, own_case: Case, signed, personas: dict[str, User]) -> Case:
    """``own_case`` with Stadsdeel Noord registered (every category), a shared journal entry and
    a shared intervention it carries out, flagged by its regisseur."""
    director = personas["regisseur_a"]
    registration = activate(
        own_case,
        signed["noord"],
        ["contact", "identity", "phase", "theme", "journal", "interventions", "zrm"],
        director,
    )
    Registration.objects.filter(pk=registration.pk).update(
        decided_by=personas["teamleider"], decided_at=timezone.now()
    )
    cases.add_journal_entry(
        actor=director,
        case=own_case,
        occurred_on=date(2026, 10, 1),
        category=JournalCategory.objects.all()[0],
        text="Afspraak met de wijk.",
        visibility="partners",
        shared_with=[signed["noord"]],
    )
    interventions.add_case_intervention(
        actor=director,
        case=own_case,
        data=interventions.CaseInterventionData(
            intervention=pallet.choosable_interventions().first(),  # type: ignore[arg-type]
            executor=signed["noord"],
            starts_on=timezone.localdate(),
            status=CaseIntervention.Status.LOPEND,
            outcome="",
            shared_with_partners=True,
        ),
    )
    cases.set_flags(
        actor=director, case=own_case, flags=list(FlagType.objects.filter(code=request.param))
    )
    return own_case


def _partner(login_as) -> Client:
    client: Client = login_as("partner_stadsdeel")
    return client


def _assert_no_staff(html: str) -> None:
    for name in STAFF:
        assert name not in html


def test_the_safety_flag_protects_like_media_attention() -> None:
    flags = {flag.code: flag.raises_protection for flag in FlagType.objects.all()}
    assert flags["veiligheidsrisico"] is True
    assert flags["media"] is True


def test_shared_case_page_names_the_case_director_by_role(login_as, flagged: Case) -> None:
    response = _partner(login_as).get(reverse("partners:case", args=[flagged.number]))
    assert response.status_code == 200
    view = response.context["view"]
    assert view.regisseur == "regisseur"  # the contact category is shared, the name is not
    html = response.content.decode()
    assert "Afspraak met de wijk." in html  # the shared journal is on the page
    assert 'id="interventions"' in html  # and the shared interventions panel
    _assert_no_staff(html)


def test_shared_cases_list_names_no_staff(login_as, flagged: Case) -> None:
    response = _partner(login_as).get(reverse("partners:cases"))
    html = response.content.decode()
    assert flagged.number in html
    _assert_no_staff(html)


def test_progress_page_names_no_staff(login_as, flagged: Case) -> None:
    item = CaseIntervention.objects.get(case=flagged)
    response = _partner(login_as).get(
        reverse("interventions:partner_update", args=[item.public_id])
    )
    assert response.status_code == 200
    _assert_no_staff(response.content.decode())


def test_registration_form_pdf_names_no_staff(
    login_as, flagged: Case, signed: dict[str, Organisation], tmp_path: Path
) -> None:
    registration = Registration.objects.get(case=flagged, organisation=signed["noord"])
    response = _partner(login_as).get(reverse("partners:form_pdf", args=[registration.public_id]))
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content), tmp_path)  # type: ignore[attr-defined]
    assert flagged.number in text
    _assert_no_staff(text)


def test_the_regie_team_still_reads_the_names(login_as, flagged: Case) -> None:
    html = login_as("teamleider").get(reverse("cases:detail", args=[flagged.number])).content
    assert "Regisseur_A Test" in html.decode()
