"""Issue 11 point 8: the access-log viewer tells each event as a Dutch sentence and names each
object by its name or number; the codes are in a detail view; a reversed date range says why
nothing matches; names come in a fixed number of queries and only where the policy allows."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from regie.audit.services import append
from regie.cases.models import Person

URL = reverse("audit:log")
CODE = re.compile(r"\b(auth|accounts|cases|meetings|partners|security|page)\.[a-z_]+")


def _visible_text(html: str) -> str:
    """The page without its detail views (``<details>``) and hover texts (``title``)."""
    html = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    html = re.sub(r'title="[^"]*"', "", html)
    html = re.sub(r"<form.*?</form>", "", html, flags=re.S)  # the filter form's own inputs
    return html


def test_actions_read_as_sentences_and_objects_by_name(login_as, personas) -> None:
    regisseur = personas["regisseur_a"]
    append(action="auth.mfa_verified", actor="regisseur_a", actor_id=regisseur.pk)
    append(
        action="accounts.user.create",
        actor="beheerder",
        actor_id=personas["beheerder"].pk,
        object_type="accounts.user",
        object_id=str(regisseur.pk),
    )
    append(
        action="cases.view.read",
        actor="regisseur_a",
        actor_id=regisseur.pk,
        case_id="PGA-2026-0001",
    )
    page = login_as("auditor").get(URL).content.decode()
    assert "Regisseur_A Test heeft het inloggen bevestigd met een verificatiecode op " in page
    assert "Beheerder Test heeft het account van Regisseur_A Test aangemaakt op " in page
    assert "Regisseur_A Test heeft casus PGA-2026-0001 ingezien op " in page
    assert not CODE.search(_visible_text(page)), CODE.search(_visible_text(page))
    # the codes stay available, in each event's detail view and on hover
    assert 'data-testid="audit-action">auth.mfa_verified</code>' in page
    assert f'<code class="utrecht-code">accounts.user {regisseur.pk}</code>' in page
    assert 'title="accounts.user.create"' in page


def test_a_name_the_reader_may_not_see_is_not_shown(login_as, organisations) -> None:
    person = Person.objects.create(
        first_name="Geheime", last_name="Persoon", area=organisations["noord"]
    )
    append(
        action="cases.person.create",
        actor="regisseur_a",
        object_type="cases.person",
        object_id=str(person.pk),
    )
    page = login_as("auditor").get(URL).content.decode()
    # the auditor reads the log, not the persons: the person is named by number only
    assert "Geheime" not in _visible_text(page)
    assert f"betrokkene nr. {person.pk}" in page


def test_an_unknown_object_is_named_by_kind_and_number(login_as) -> None:
    append(
        action="meetings.item.update",
        actor="secretaris",
        object_type="meetings.agendaitem",
        object_id="77",
    )
    page = login_as("auditor").get(URL).content.decode()
    assert "Secretaris heeft agendapunt nr. 77 gewijzigd op " in page


def test_reversed_date_range_says_why_it_shows_nothing(login_as) -> None:
    today = timezone.localdate()
    response = login_as("auditor").get(
        URL, {"date_from": str(today), "date_to": str(today - timedelta(days=3))}
    )
    page = response.content.decode()
    assert response.context["form"].errors["date_to"]
    assert "Deze datum ligt vóór de begindatum" in page
    assert "Draai de twee datums om." in page
    assert "Geen gebeurtenissen voldoen" not in page


def test_names_cost_a_fixed_number_of_queries(
    login_as, personas, django_assert_max_num_queries
) -> None:
    client = login_as("auditor")

    def add(n: int) -> None:
        for i in range(n):
            user = personas[("regisseur_a", "regisseur_b", "teamleider")[i % 3]]
            append(
                action="accounts.user.deactivate",
                actor=user.username,
                actor_id=user.pk,
                object_type="accounts.user",
                object_id=str(personas["outsider"].pk),
            )
            append(
                action="meetings.item.update",
                actor=user.username,
                actor_id=user.pk,
                object_type="meetings.meeting",
                object_id=str(1000 + i),
            )

    add(2)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert "Outsider Test" in page
