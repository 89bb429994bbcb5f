# ruff: noqa: F811  (pytest fixtures imported by name and taken as arguments)
"""The list of Woo publications: what each row says, the status filter, and a constant number
of queries however many publications there are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.accounts.models import User
from regie.woo import services
from regie.woo.models import Publication, Redaction
from tests.woo.views_support import (  # noqa: F401
    LoginAs,
    accept_all,
    adopted,
    concept,
    meeting,
    secretary,
    series,
    teams,
)


def test_the_list_shows_each_publication_with_its_source_and_open_suggestions(
    login_as: LoginAs,
    concept: Publication,
) -> None:
    page = login_as("woo").get(reverse("woo:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Woo-publicaties" in html
    assert "Nieuwe publicatie" in html
    assert concept.title in html
    assert reverse("woo:review", args=[concept.pk]) in html
    assert "Verslag iPGA-R Teamoverleg" in html  # the source meeting's series
    assert "Woo Test" in html  # who created it
    assert page.context["publications"][0].undecided == concept.redactions.count() > 0


def test_the_status_filter(
    login_as: LoginAs,
    concept: Publication,
    personas: dict[str, User],
) -> None:
    client = login_as("woo")
    assert concept in client.get(reverse("woo:index") + "?status=concept").context["publications"]
    assert not client.get(reverse("woo:index") + "?status=gepubliceerd").context["publications"]
    # Anything that is not a status is no filter.
    assert concept in client.get(reverse("woo:index") + "?status=zomaar").context["publications"]
    accept_all(concept, personas["woo"])
    services.submit_for_review(concept, actor=personas["woo"])
    under_review = client.get(reverse("woo:index") + "?status=ter_beoordeling")
    assert list(under_review.context["publications"]) == [concept]
    assert "Ter beoordeling" in under_review.content.decode()


def _publications(n: int, user: User) -> None:
    for i in range(n):
        publication = Publication.objects.create(
            title=f"Verslag {i}",
            document={
                "title": f"Verslag {i}",
                "blocks": [{"kind": "paragraph", "text": "Tekst", "level": 0}],
            },
            information_category="x",
            document_type="y",
            adopted_on=dt.date(2021, 6, 15),
            created_by=user,
            original_name=f"verslag-{i}.txt",
        )
        Redaction.objects.create(
            publication=publication,
            block=0,
            start=0,
            end=4,
            ground_id=Publication.objects.none()
            .model._meta.apps.get_model("woo", "Ground")
            .objects.get(code="5.1.2.e")
            .pk,
            source="known",
        )


@pytest.mark.django_db
def test_the_list_takes_the_same_number_of_queries_for_1_and_10(
    login_as: LoginAs, personas: dict[str, User]
) -> None:
    client = login_as("woo")
    client.get(reverse("woo:index"))  # sessions, sites: warm
    counts = []
    for n in (1, 9):
        _publications(n, personas["woo" if n == 1 else "woo_b"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("woo:index"))
        assert response.status_code == 200
        assert len(response.context["publications"]) == (1 if n == 1 else 10)
        counts.append(len(queries))
    assert counts[0] == counts[1]
