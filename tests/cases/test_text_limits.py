"""A text over its field's maximum gets a Dutch form error, and nothing is saved (issue 10,
point 14)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from regie.cases.models import Case, JournalCategory, JournalEntry
from regie.core.limits import LONG_TEXT, SHORT_TEXT


def test_a_journal_entry_over_the_limit_is_refused_in_dutch(login_as: Any, own_case: Case) -> None:
    client = login_as("regisseur_a")
    client.cookies["django_language"] = "nl"
    response = client.post(
        reverse("cases:journal_add", args=[own_case.number]),
        {
            "occurred_on": "2026-11-01",
            "category": JournalCategory.objects.all()[0].pk,
            "text": "x" * (LONG_TEXT + 1),
            "visibility": "regie",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"niet meer dan {LONG_TEXT} tekens" in page
    assert f'maxlength="{LONG_TEXT}"' in page
    assert not JournalEntry.objects.filter(case=own_case).exists()


def test_a_phase_reason_over_the_limit_is_refused(login_as: Any, own_case: Case) -> None:
    client = login_as("regisseur_a")
    phase = own_case.phase
    response = client.post(
        reverse("cases:transition", args=[own_case.number]),
        {"target": "nazorg", "reason": "r" * (SHORT_TEXT + 1), "version": own_case.version},
    )
    assert response.status_code == 400
    own_case.refresh_from_db()
    assert own_case.phase == phase
