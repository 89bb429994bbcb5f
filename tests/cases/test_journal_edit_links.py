"""*Bewerken* on journal entries follows the policy's rule ``cases.journal.update`` (issue 12.2):
the author and the leads on an open case; nobody on a closed one (the tag used to copy the rule
without its case-is-open condition)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from regie.cases import services
from regie.cases.models import Case, JournalCategory, Phase


@pytest.fixture
def entry_url(personas, own_case: Case) -> str:
    entry = services.add_journal_entry(
        actor=personas["regisseur_a"],
        case=own_case,
        occurred_on=date(2026, 5, 1),
        category=JournalCategory.objects.all()[0],
        text="Huisbezoek",
        visibility="regie",
    )
    return reverse("cases:journal_edit", args=[own_case.number, entry.pk])


@pytest.mark.parametrize("persona", ["regisseur_a", "teamleider"])
@pytest.mark.parametrize("page", ["cases:detail", "cases:journal_page"])
def test_open_case_offers_edit(login_as, own_case: Case, entry_url: str, persona, page) -> None:
    html = login_as(persona).get(reverse(page, args=[own_case.number])).content.decode()
    assert entry_url in html


@pytest.mark.parametrize("persona", ["regisseur_a", "teamleider"])
@pytest.mark.parametrize("page", ["cases:detail", "cases:journal_page"])
def test_closed_case_offers_no_edit(
    login_as, own_case: Case, entry_url: str, persona, page
) -> None:
    Case.objects.filter(pk=own_case.pk).update(phase=Phase.AFGESLOTEN, closed_on=date(2026, 6, 1))
    client = login_as(persona)
    html = client.get(reverse(page, args=[own_case.number])).content.decode()
    assert entry_url not in html
    assert client.get(entry_url).status_code == 403
