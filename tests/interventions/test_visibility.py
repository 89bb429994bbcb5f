"""What a partner sees of the interventions on a case: its own (while registered), the shared
ones if its registration carries the interventions category, and nothing else, in selectors and
on its page alike."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from regie.core.policy import visible
from regie.interventions import selectors
from regie.interventions.models import CaseIntervention
from regie.partners.models import Registration


@pytest.fixture
def setting(personas, organisations, own_case, register, add_intervention):
    """On one case: Noord executes one intervention (not shared), Oost executes one (shared),
    the regie team one shared and one not shared."""
    noord, oost = organisations["noord"], organisations["oost"]
    register(own_case, oost, categories=())
    registration = register(own_case, noord)
    items = {
        "noord_own": add_intervention(
            own_case, "Woonbegeleiding", executor=noord, outcome="NOTE-NOORD-OWN"
        ),
        "oost_shared": add_intervention(
            own_case, "Exitbegeleiding", executor=oost, shared=True, outcome="NOTE-OOST-SHARED"
        ),
        "team_shared": add_intervention(
            own_case, "Familiebijeenkomst", shared=True, outcome="NOTE-TEAM-SHARED"
        ),
        "team_private": add_intervention(
            own_case, "Theologisch gesprek", outcome="NOTE-TEAM-PRIVATE"
        ),
    }
    return {"case": own_case, "items": items, "registration": registration}


def _seen(user, case) -> set[int]:
    return {item.pk for item in selectors.case_interventions(user, case)}


def test_partner_with_the_category_sees_own_and_shared(personas, setting) -> None:
    items = setting["items"]
    seen = _seen(personas["partner_stadsdeel"], setting["case"])
    assert seen == {items["noord_own"].pk, items["oost_shared"].pk, items["team_shared"].pk}


def test_partner_without_the_category_sees_only_its_own(personas, setting) -> None:
    registration = setting["registration"]
    registration.categories.clear()
    items = setting["items"]
    assert _seen(personas["partner_stadsdeel"], setting["case"]) == {items["noord_own"].pk}
    # Oost is registered without the category and sees only what it carries out.
    assert _seen(personas["partner_other"], setting["case"]) == {items["oost_shared"].pk}


@pytest.mark.parametrize("status", [Registration.Status.ENDED, Registration.Status.EXPIRED])
def test_after_the_registration_ends_everything_is_gone(personas, setting, status) -> None:
    registration = setting["registration"]
    registration.status = status
    registration.save()
    assert _seen(personas["partner_stadsdeel"], setting["case"]) == set()
    assert not visible(personas["partner_stadsdeel"], CaseIntervention).exists()


def test_unregistered_and_unrelated_users_see_nothing(personas, setting) -> None:
    for name in ("aandachtsfunctionaris", "auditor", "outsider", "beheerder", "regisseur_b"):
        assert not visible(personas[name], CaseIntervention).exists(), name


def test_regie_team_sees_all_on_cases_it_directs(personas, setting) -> None:
    assert _seen(personas["regisseur_a"], setting["case"]) == {
        i.pk for i in setting["items"].values()
    }
    assert _seen(personas["teamleider"], setting["case"]) == {
        i.pk for i in setting["items"].values()
    }


def test_the_partner_page_shows_exactly_that(login_as, personas, setting) -> None:
    url = reverse("partners:case", args=[setting["case"].number])
    page = login_as("partner_stadsdeel").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for note in ("NOTE-NOORD-OWN", "NOTE-OOST-SHARED", "NOTE-TEAM-SHARED"):
        assert note in html
    assert "NOTE-TEAM-PRIVATE" not in html
    assert "Theologisch gesprek" not in html
    own = setting["items"]["noord_own"]
    assert reverse("interventions:partner_update", args=[own.public_id]) in html
    shared = setting["items"]["oost_shared"]
    assert reverse("interventions:partner_update", args=[shared.public_id]) not in html


def test_without_the_category_the_page_shows_only_its_own(login_as, setting) -> None:
    setting["registration"].categories.clear()
    html = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[setting["case"].number]))
        .content.decode()
    )
    assert "NOTE-NOORD-OWN" in html
    for note in ("NOTE-OOST-SHARED", "NOTE-TEAM-SHARED", "NOTE-TEAM-PRIVATE", "Exitbegeleiding"):
        assert note not in html


def test_after_the_registration_ends_the_pages_are_gone(login_as, setting) -> None:
    client = login_as("partner_stadsdeel")
    own = setting["items"]["noord_own"]
    progress = reverse("interventions:partner_update", args=[own.public_id])
    assert client.get(progress).status_code == 200
    setting["registration"].status = Registration.Status.ENDED
    setting["registration"].save()
    assert client.get(progress).status_code == 404
    assert client.get(reverse("partners:case", args=[setting["case"].number])).status_code == 404


def test_the_regie_case_page_lists_every_intervention(login_as, setting) -> None:
    html = (
        login_as("regisseur_a")
        .get(reverse("cases:detail", args=[setting["case"].number]))
        .content.decode()
    )
    for note in ("NOTE-NOORD-OWN", "NOTE-OOST-SHARED", "NOTE-TEAM-SHARED", "NOTE-TEAM-PRIVATE"):
        assert note in html
    assert reverse("interventions:add", args=[setting["case"].number]) in html


# --- Random ids in the links (issue 10, point 1): the partner's *Voortgang melden* link must not
# let a partner count the interventions agreed on other cases.


def test_links_carry_a_random_id(login_as, setting) -> None:
    own: CaseIntervention = setting["items"]["noord_own"]
    assert uuid.UUID(str(own.public_id)).version == 4
    partner = (
        login_as("partner_stadsdeel")
        .get(reverse("partners:case", args=[setting["case"].number]))
        .content.decode()
    )
    regie = (
        login_as("regisseur_a")
        .get(reverse("cases:detail", args=[setting["case"].number]))
        .content.decode()
    )
    assert f"/interventies/{own.public_id}/voortgang/" in partner
    assert f"/interventies/{own.public_id}/wijzigen/" in regie
    for html in (partner, regie):
        for item in CaseIntervention.objects.all():
            assert f"/interventies/{item.pk}/" not in html


def test_the_numeric_id_opens_nothing(login_as, setting) -> None:
    own = setting["items"]["noord_own"]
    assert (
        login_as("partner_stadsdeel").get(f"/interventies/{own.pk}/voortgang/").status_code == 404
    )
    assert login_as("regisseur_a").get(f"/interventies/{own.pk}/wijzigen/").status_code == 404
    progress = reverse("interventions:partner_update", args=[own.public_id])
    assert login_as("partner_stadsdeel").get(progress).status_code == 200
