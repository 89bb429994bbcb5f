# ruff: noqa: F811  (pytest fixtures imported by name and taken as arguments)
"""The Woo pages with an identifier, against every persona: only the Woo coordinators get in;
everyone else is refused at the door (403), whatever the publication."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regie.accounts.models import User
from regie.woo import services
from regie.woo.models import Publication
from tests.conftest import PERSONAS
from tests.woo.views_support import (  # noqa: F401
    LoginAs,
    adopted,
    approved,
    concept,
    meeting,
    no_deduce,
    secretary,
    series,
    teams,
)

WOO = {"woo", "woo_b"}


@pytest.fixture
def published(concept: Publication, personas: dict[str, User]) -> Publication:
    approved(concept, personas)
    return services.publish(concept, actor=personas["woo_b"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_open_a_publication(
    login_as: LoginAs, published: Publication, persona: str
) -> None:
    client = login_as(persona)
    expected = 200 if persona in WOO else 403
    for url in (
        reverse("woo:review", args=[published.pk]),
        reverse("woo:download", args=[published.pk, "pdf"]),
        reverse("woo:preview", args=[published.pk]),
    ):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - WOO))
def test_nobody_else_posts_anything(
    login_as: LoginAs,
    concept: Publication,
    persona: str,
) -> None:
    client = login_as(persona)
    redaction = concept.redactions.first()
    assert redaction is not None
    for name, pk in (
        ("woo:create_from_meeting", None),
        ("woo:create_from_upload", None),
        ("woo:add_manual", concept.pk),
        ("woo:accept_all", concept.pk),
        ("woo:submit", concept.pk),
        ("woo:send_back", concept.pk),
        ("woo:approve", concept.pk),
        ("woo:publish", concept.pk),
        ("woo:withdraw", concept.pk),
        ("woo:decide", redaction.pk),
        ("woo:change_ground", redaction.pk),
    ):
        url = reverse(name, args=[pk]) if pk is not None else reverse(name)
        assert client.post(url, {"version": concept.version}).status_code == 403, name
    concept.refresh_from_db()
    assert concept.status == Publication.Status.CONCEPT
    assert not concept.redactions.exclude(state="suggested").exists()


def test_a_publication_that_does_not_exist_is_a_404(login_as: LoginAs, db: None) -> None:
    client = login_as("woo")
    assert client.get(reverse("woo:review", args=[987654])).status_code == 404
    assert client.post(reverse("woo:decide", args=[987654]), {}).status_code == 404
