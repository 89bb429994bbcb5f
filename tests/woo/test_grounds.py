"""Grounds as data: one canonical code for the spellings people write, the defaults of the
Woo, and the functional administrator keeping them in the admin."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.woo.grounds import canonical
from regie.woo.models import Ground, Term


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("5.1.2,e", "5.1.2.e"),
        ("5.1.2e", "5.1.2.e"),
        ("5.1.2 e", "5.1.2.e"),
        ("5.1.2.e", "5.1.2.e"),
        ("5.1.2, e", "5.1.2.e"),
        ("art. 5.1 lid 2 sub e", "5.1.2.e"),
        ("artikel 5.1, tweede lid, onder e", "5.1.2.e"),
        ("Artikel 5.1, tweede lid, aanhef en onder h", "5.1.2.h"),
        ("5.1 lid 1 sub e", "5.1.1.e"),
        ("5.1.5", "5.1.5"),
        ("artikel 5.1, vijfde lid", "5.1.5"),
        ("5.2", "5.2"),
        ("art. 5.2", "5.2"),
        ("  5.1.2,H ", "5.1.2.h"),
    ],
)
def test_every_spelling_gives_the_canonical_code(written: str, code: str) -> None:
    assert canonical(written) == code


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("", "Empty ground"),
        ("persoonlijke levenssfeer", "Not a Woo ground"),
        ("5.1.2,ee", "Not a Woo ground"),
        ("5.1e", "no paragraph"),
        ("artikel 5.1, elfde lid", "unknown paragraph"),
        ("5", "Not a Woo ground"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        canonical(written)


@pytest.mark.django_db
def test_the_woo_grounds_are_installed_with_dutch_labels() -> None:
    codes = list(Ground.objects.values_list("code", flat=True))
    assert codes[:5] == ["5.1.1.a", "5.1.1.b", "5.1.1.c", "5.1.1.d", "5.1.1.e"]
    assert [c for c in codes if c.startswith("5.1.2.")] == [f"5.1.2.{x}" for x in "abcdefghi"]
    assert codes[-2:] == ["5.1.5", "5.2"]
    privacy = Ground.objects.get(code="5.1.2.e")
    assert privacy.label == "Eerbiediging van de persoonlijke levenssfeer"
    assert privacy.article == "Wet open overheid, artikel 5.1, tweede lid, onder e"
    assert all(Ground.objects.values_list("is_active", flat=True))


@pytest.mark.django_db
def test_a_ground_is_stored_in_its_canonical_form() -> None:
    ground = Ground(code="art. 5.1 lid 2 sub j", label="Nieuw", article="Woo")
    ground.full_clean()
    assert ground.code == "5.1.2.j"
    with pytest.raises(ValidationError) as refused:
        Ground(code="onzin", label="x", article="y").full_clean()
    assert "Not a Woo ground" in str(refused.value.message_dict["code"])


@pytest.mark.django_db
def test_the_functional_administrator_keeps_grounds_and_terms(login_as) -> None:
    client = login_as("beheerder")
    assert client.get(reverse("admin:woo_ground_changelist")).status_code == 200
    ground = Ground.objects.get(code="5.1.2.h")
    response = client.post(
        reverse("admin:woo_term_add"), {"ground": ground.pk, "text": "Team X", "is_active": "on"}
    )
    assert response.status_code == 302, response.content
    assert Term.objects.get(text="Team X").ground == ground
    assert AuditEvent.objects.filter(action="admin.woo.term.add").exists()
    response = client.post(
        reverse("admin:woo_ground_add"),
        {
            "code": "5.1.2,j",
            "label": "Nieuw",
            "article": "Woo",
            "order": 200,
            "is_active": "on",
            "terms-TOTAL_FORMS": 0,
            "terms-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content
    assert Ground.objects.filter(code="5.1.2.j").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["regisseur_a", "auditor", "teamleider"])
def test_nobody_else_edits_them(login_as, persona: str) -> None:
    client = login_as(persona)
    response = client.get(reverse("admin:woo_ground_changelist"))
    assert response.status_code in (302, 403)
    assert not Term.objects.exists()
