"""The demo's Woo publications (issue 13): two published minutes and one memo under review,
made through the real services with the two demo coordinators; nobody the installation knows
is named in what was published, and an anonymous visitor sees the two on ``/openbaar/``."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from regie.accounts.models import User
from regie.woo import selectors
from regie.woo.models import Publication, PublishedFile
from regie.woo.suggest import deduced
from tests.woo import pdfscan

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("deduce")]

Status = Publication.Status


@pytest.fixture
def demo() -> None:
    deduced.engine(settings.REGIE_WOO_CACHE_DIR)  # once per process, as in tests/woo
    with override_settings(DEBUG=True):
        call_command("demo", verbosity=0)


def test_two_published_minutes_one_under_review_and_no_known_name_published(
    demo: None,
) -> None:
    # One test: loading the demo takes seconds.
    statuses = list(Publication.objects.order_by("pk").values_list("status", flat=True))
    assert statuses.count(Status.GEPUBLICEERD) == 2
    assert statuses.count(Status.TER_BEOORDELING) == 1
    assert len(statuses) == 3
    published = Publication.objects.filter(status=Status.GEPUBLICEERD)
    assert all(p.meeting_id is not None for p in published)
    woo, woo2 = User.objects.get(username="woo"), User.objects.get(username="woo2")
    for publication in published:
        assert (publication.created_by, publication.approved_by) == (woo, woo2)
        assert set(publication.files.values_list("kind", flat=True)) == {"pdf", "txt", "diwoo"}
    review = Publication.objects.get(status=Status.TER_BEOORDELING)
    assert review.submitted_by == woo2  # waiting for `woo`, the second pair of eyes

    names = selectors.known_names()
    assert "Marieke van Dalen" in names
    for file in PublishedFile.objects.filter(publication__status=Status.GEPUBLICEERD):
        data = bytes(file.content)
        if file.kind == PublishedFile.Kind.PDF:
            assert pdfscan.leaks(data, names) == {}, file
        else:
            text = data.decode()
            assert [n for n in names if n in text] == [], file

    response = Client().get(reverse("openbaar:list"))
    assert response.status_code == 200
    page = response.content.decode()
    for publication in Publication.objects.all():
        shown = publication.status == Status.GEPUBLICEERD
        assert (publication.title in page) == shown, publication.title

    with override_settings(DEBUG=True):
        call_command("demo", verbosity=0)
    assert Publication.objects.count() == 3  # running the demo again adds nothing
