"""The intake roles on top of the shared personas (tests/conftest.py): a Steunpunt member, a
Weegploeg member, and a second aandachtsfunctionaris who did not submit the signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.apps import apps

from regie.accounts.models import Role, User
from regie.cases import defaults
from regie.cases.models import Theme
from regie.intake import services
from regie.intake.models import Signal
from regie.organisations.models import Organisation
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def case_configuration(db: Any) -> None:
    defaults.load(apps.get_model)


@pytest.fixture
def intake_personas(
    personas: dict[str, User], organisations: dict[str, Organisation]
) -> dict[str, User]:
    org = organisations
    return {
        **personas,
        "steunpunt": make_user("steunpunt", (org["amsterdam"], Role.STEUNPUNT, None)),
        "weegploeg": make_user("weegploeg", (org["amsterdam"], Role.WEEGPLOEG, None)),
        "aandachtsfunctionaris_2": make_user(
            "aandachtsfunctionaris_2", (org["buurtwerk"], Role.AANDACHTSFUNCTIONARIS, None)
        ),
    }


@pytest.fixture
def make_signal(
    intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> Callable[..., Signal]:
    """A signal submitted by the aandachtsfunctionaris through the service."""

    def make(by: str = "aandachtsfunctionaris", **fields: Any) -> Signal:
        values: dict[str, Any] = {
            "observation": "Deelt extremistische filmpjes in de klas.",
            "theme_ids": (Theme.objects.order_by("pk").values_list("pk", flat=True)[0],),
            "observed_since": date(2026, 1, 5),
            "person_first_name": "Sem",
            "person_last_name": "van Dijk",
            "person_date_of_birth": date(2008, 2, 3),
            "person_area_id": organisations["noord"].pk,
            **fields,
        }
        return services.submit(actor=intake_personas[by], data=services.SignalData(**values))

    return make


@pytest.fixture
def client_for(intake_personas: dict[str, User]) -> Callable[[str], Any]:
    """A verified session (as after a real login) for any intake persona."""
    from django.test import Client

    from tests.conftest import verify_session

    def log_in(name: str) -> Client:
        client = Client()
        verify_session(client, intake_personas[name])
        return client

    return log_in


@pytest.fixture
def forwarded_signal(
    make_signal: Callable[..., Signal], intake_personas: dict[str, User]
) -> Signal:
    signal = make_signal()
    services.forward_to_weegploeg(actor=intake_personas["steunpunt"], signal=signal)
    signal.refresh_from_db()
    return signal
