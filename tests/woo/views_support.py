"""Fixtures of the Woo view tests: a concept publication of adopted minutes, made by the persona
``woo``, with the suggestions of the known names only (no deduce: the views are under test, not
the pipeline; deduce's own tests load it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.meetings.models import Meeting
from regie.woo import selectors, services
from regie.woo.models import Publication, Redaction
from regie.woo.suggest import Lexicon
from tests.meetings.conftest import later, meeting, secretary, series, teams
from tests.woo.test_export_sources import adopted

__all__ = [
    "KNOWN",
    "LEXICON",
    "LoginAs",
    "accept_all",
    "adopted",
    "approved",
    "concept",
    "later",
    "meeting",
    "no_deduce",
    "post",
    "secretary",
    "series",
    "teams",
    "text_of",
]

LEXICON = Lexicon(known_names=("Marloes Quaadvliet", "Theodoor Wijnbeek", "Gijs Ravensteijn"))
KNOWN = ("Marloes Quaadvliet", "Theodoor Wijnbeek", "Gijs Ravensteijn")


@pytest.fixture
def no_deduce(settings: Any) -> None:
    """The views read the installation's lexicon; without a cache directory deduce stays out."""
    settings.REGIE_WOO_CACHE_DIR = None


@pytest.fixture
def concept(adopted: Meeting, personas: dict[str, User]) -> Publication:
    return services.create_from_meeting(adopted, actor=personas["woo"], lexicon=LEXICON)


def text_of(publication: Publication, redaction: Redaction) -> str:
    return (
        publication.source_document().blocks[redaction.block].text[redaction.start : redaction.end]
    )


def accept_all(publication: Publication, user: User) -> None:
    for redaction in selectors.redactions(publication).filter(state="suggested"):
        services.decide(redaction, actor=user, accept=True)


def post(client: Client, name: str, pk: int, data: dict[str, Any]) -> Any:
    return client.post(reverse(name, args=[pk]), data)


def approved(publication: Publication, personas: dict[str, User]) -> Publication:
    accept_all(publication, personas["woo"])
    services.submit_for_review(publication, actor=personas["woo"])
    return services.approve(publication, actor=personas["woo_b"])


LoginAs = Callable[[str], Client]
