from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.interventions.fixtures import *  # noqa: F403


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """These tests assert the English source messages; the Dutch ones are in the catalogue."""
    with translation.override("en"):
        yield
