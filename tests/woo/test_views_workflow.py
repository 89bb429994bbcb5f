# ruff: noqa: F811  (pytest fixtures imported by name and taken as arguments)
"""The publication's steps from the review screen: submit, four-eyes approval (the creator gets
no button but a sentence, and a post of theirs changes nothing), send back and withdraw with a
required reason, publish, and the published files' downloads."""

from __future__ import annotations

import hashlib
from typing import Any

from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.woo import selectors, services
from regie.woo.models import Publication
from tests.woo.views_support import (  # noqa: F401
    LoginAs,
    accept_all,
    adopted,
    approved,
    concept,
    meeting,
    secretary,
    series,
    teams,
)

Status = Publication.Status


def _post(
    client: Client, name: str, publication: Publication, data: dict[str, object] | None = None
) -> Any:
    publication.refresh_from_db()
    return client.post(
        reverse(name, args=[publication.pk]), {"version": publication.version, **(data or {})}
    )


def test_submit_is_refused_while_suggestions_are_open(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    client = login_as("woo")
    refused = _post(client, "woo:submit", concept)
    assert refused.status_code == 400
    assert "Beslis over elke voorgestelde lakking" in refused.content.decode()
    concept.refresh_from_db()
    assert concept.status == Status.CONCEPT
    accept_all(concept, personas["woo"])
    assert _post(client, "woo:submit", concept).status_code == 302
    concept.refresh_from_db()
    assert (concept.status, concept.submitted_by) == (Status.TER_BEOORDELING, personas["woo"])


def test_the_creator_cannot_approve(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    accept_all(concept, personas["woo"])
    services.submit_for_review(concept, actor=personas["woo"])
    client = login_as("woo")
    page = client.get(reverse("woo:review", args=[concept.pk])).content.decode()
    assert reverse("woo:approve", args=[concept.pk]) not in page
    assert reverse("woo:send_back", args=[concept.pk]) not in page
    assert "U kunt deze publicatie niet goedkeuren" in page
    assert _post(client, "woo:approve", concept).status_code == 403
    concept.refresh_from_db()
    assert (concept.status, concept.approved_by) == (Status.TER_BEOORDELING, None)

    reviewer = login_as("woo_b")
    page = reviewer.get(reverse("woo:review", args=[concept.pk])).content.decode()
    assert reverse("woo:approve", args=[concept.pk]) in page
    assert "U kunt deze publicatie niet goedkeuren" not in page
    assert _post(reviewer, "woo:approve", concept).status_code == 302
    concept.refresh_from_db()
    assert (concept.status, concept.approved_by) == (Status.GOEDGEKEURD, personas["woo_b"])


def test_send_back_needs_a_reason(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    accept_all(concept, personas["woo"])
    services.submit_for_review(concept, actor=personas["woo"])
    client = login_as("woo_b")
    refused = _post(client, "woo:send_back", concept, {"send_back-reason": "  "})
    assert refused.status_code == 400
    assert "Geef een reden op." in refused.content.decode()
    concept.refresh_from_db()
    assert concept.status == Status.TER_BEOORDELING
    done = _post(
        client,
        "woo:send_back",
        concept,
        {"send_back-reason": "Naam in de actielijst gemist.", "send_back-version": concept.version},
    )
    assert done.status_code == 302
    concept.refresh_from_db()
    assert concept.status == Status.CONCEPT


def test_publish_shows_the_files_and_serves_them_as_attachments(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    approved(concept, personas)
    client = login_as("woo_b")
    assert _post(client, "woo:publish", concept).status_code == 302
    concept.refresh_from_db()
    assert concept.status == Status.GEPUBLICEERD
    page = client.get(reverse("woo:review", args=[concept.pk])).content.decode()
    files = selectors.published_files(concept)
    for kind, stored in files.items():
        assert stored.sha256 in page
        assert reverse("woo:download", args=[concept.pk, kind]) in page
    for kind, content_type in (
        ("pdf", "application/pdf"),
        ("txt", "text/plain; charset=utf-8"),
        ("diwoo", "application/xml"),
    ):
        response = client.get(reverse("woo:download", args=[concept.pk, kind]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert hashlib.sha256(response.content).hexdigest() == files[kind].sha256
    assert client.get(reverse("woo:download", args=[concept.pk, "original"])).status_code == 404
    text = client.get(reverse("woo:download", args=[concept.pk, "txt"])).content.decode()
    assert "Marloes Quaadvliet" not in text
    assert "[5.1.2.e]" in text


def test_no_files_before_publication(login_as: LoginAs, concept: Publication) -> None:
    response = login_as("woo").get(reverse("woo:download", args=[concept.pk, "pdf"]))
    assert response.status_code == 404


def test_withdraw_needs_a_reason(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    approved(concept, personas)
    services.publish(concept, actor=personas["woo_b"])
    client = login_as("woo")
    refused = _post(client, "woo:withdraw", concept)
    assert refused.status_code == 400
    concept.refresh_from_db()
    assert concept.status == Status.GEPUBLICEERD
    done = _post(
        client,
        "woo:withdraw",
        concept,
        {"withdraw-reason": "Verkeerde versie.", "withdraw-version": concept.version},
    )
    assert done.status_code == 302
    concept.refresh_from_db()
    assert (concept.status, concept.withdraw_reason) == (Status.INGETROKKEN, "Verkeerde versie.")
    page = client.get(reverse("woo:review", args=[concept.pk])).content.decode()
    assert "Verkeerde versie." in page
    assert reverse("woo:download", args=[concept.pk, "pdf"]) in page  # the record stays


def test_the_preview_shows_the_text_with_the_accepted_redactions(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    accept_all(concept, personas["woo"])
    response = login_as("woo").get(reverse("woo:preview", args=[concept.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Marloes Quaadvliet" not in text
    assert "[5.1.2.e]" in text


def test_the_home_card_shows_what_waits(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    own = login_as("woo").get(reverse("accounts:home")).content.decode()
    assert 'id="panel-woo"' in own
    assert "U hebt 1 concept in bewerking." in own
    accept_all(concept, personas["woo"])
    services.submit_for_review(concept, actor=personas["woo"])
    other = login_as("woo_b").get(reverse("accounts:home")).content.decode()
    assert "1 publicatie wacht op uw beoordeling." in other
    assert reverse("woo:review", args=[concept.pk]) in other
    own = login_as("woo").get(reverse("accounts:home")).content.decode()
    assert "wacht op uw beoordeling" not in own


def test_the_history_tells_each_step_with_who_and_why(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    accept_all(concept, personas["woo"])
    services.submit_for_review(concept, actor=personas["woo"])
    services.send_back(concept, actor=personas["woo_b"], reason="Naam in de actielijst gemist.")
    services.submit_for_review(concept, actor=personas["woo"])
    response = login_as("woo").get(reverse("woo:review", args=[concept.pk]))
    steps = [(e.what, e.who, e.detail) for e in response.context["history"]]
    assert steps == [
        ("Gemaakt", personas["woo"], ""),
        ("Ter beoordeling aangeboden", personas["woo"], ""),
        ("Teruggestuurd voor aanpassing", personas["woo_b"], "Naam in de actielijst gemist."),
        ("Ter beoordeling aangeboden", personas["woo"], ""),
    ]
    assert "Naam in de actielijst gemist." in response.content.decode()
