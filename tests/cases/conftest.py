from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from regie.accounts.models import User
from regie.cases import defaults
from regie.cases.models import Case, Person, Phase, Theme
from regie.organisations.models import Organisation

_numbers = count(1)


@pytest.fixture(autouse=True)
def case_configuration(db: Any) -> None:
    """The seeded configuration, also after a transactional test flushed the tables."""
    defaults.load(apps.get_model)


@pytest.fixture
def make_case(organisations: dict[str, Organisation]) -> Callable[..., Case]:
    """Cases straight through the ORM: fast, for list, matrix and query-count tests."""

    def make(
        regisseur: User | None = None,
        *,
        phase: str = Phase.REGIE,
        first_name: str = "Test",
        last_name: str | None = None,
        date_of_birth: date | None = date(2000, 1, 1),
        area: Organisation | None = None,
        **extra: Any,
    ) -> Case:
        n = next(_numbers)
        area = area or organisations["noord"]
        person = Person.objects.create(
            first_name=first_name,
            last_name=last_name or f"Persoon{n}",
            date_of_birth=date_of_birth,
            area=area,
        )
        return Case.objects.create(
            number=f"TST-2026-{n:04d}",
            person=person,
            theme=Theme.objects.all()[0],
            area=area,
            regisseur=regisseur,
            phase=phase,
            phase_since=timezone.now() - timedelta(days=n % 40),
            opened_on=timezone.localdate() - timedelta(days=60),
            **extra,
        )

    return make


@pytest.fixture
def own_case(make_case: Callable[..., Case], personas: dict[str, User]) -> Case:
    return make_case(personas["regisseur_a"], first_name="Zoë", last_name="Öztürk")
