"""Fixtures and helpers for the interventions tests (loaded by conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from regie.accounts.models import Role, User
from regie.cases.models import Case
from regie.interventions import defaults, selectors, services
from regie.interventions.models import CaseIntervention, CatalogueVersion, Intervention
from regie.organisations.models import Organisation
from regie.partners.models import InformationCategory, Registration
from tests.cases.conftest import case_configuration, make_case, own_case  # noqa: F401
from tests.conftest import make_user

CATEGORIES = ("contact", "identity", "phase", "theme", "interventions", "journal", "zrm")


@pytest.fixture(autouse=True)
def pallet_configuration(db: Any) -> None:
    """The seeded pallet and categories, also after a transactional test flushed the tables."""
    defaults.load(apps.get_model)
    for order, code in enumerate(CATEGORIES):
        InformationCategory.objects.get_or_create(
            code=code, defaults={"name": code.title(), "order": order}
        )


@pytest.fixture
def ggd(organisations: dict[str, Organisation]) -> Organisation:
    return Organisation.objects.create(
        name="GGD Amsterdam", kind=Organisation.Kind.GGD, covenant_signed_on=date(2025, 1, 1)
    )


@pytest.fixture
def reviewers(
    personas: dict[str, User], organisations: dict[str, Organisation], ggd: Organisation
) -> dict[str, User]:
    """The reviewer role: a programme team member and someone working at the GGD."""
    return {
        "programma": make_user("programma", (organisations["amsterdam"], Role.PROGRAMMA, None)),
        "ggd_reviewer": make_user("ggd_reviewer", (ggd, Role.PARTNER, None)),
    }


@pytest.fixture
def register(
    personas: dict[str, User],
) -> Callable[..., Registration]:
    """A covenant registration straight through the ORM (active unless told otherwise)."""

    def make(
        case: Case,
        organisation: Organisation,
        *,
        categories: Iterable[str] = ("interventions",),
        status: str = Registration.Status.ACTIVE,
        starts_on: date | None = None,
        ends_on: date | None = None,
    ) -> Registration:
        today = timezone.localdate()
        if organisation.covenant_signed_on is None:
            organisation.covenant_signed_on = date(2025, 1, 1)
            organisation.save(update_fields=["covenant_signed_on"])
        registration = Registration.objects.create(
            case=case,
            organisation=organisation,
            purpose="Samenwerking",
            starts_on=starts_on or today - timedelta(days=30),
            ends_on=ends_on or today + timedelta(days=300),
            contact_name="Contact",
            status=status,
            requested_by=personas["regisseur_a"],
            requested_at=timezone.now(),
        )
        registration.categories.set(InformationCategory.objects.filter(code__in=list(categories)))
        return registration

    return make


def current() -> CatalogueVersion:
    version = selectors.current_version()
    assert version is not None
    return version


def pick(name: str) -> Intervention:
    """An intervention of the current version by name."""
    return selectors.choosable_interventions().get(name=name)


@pytest.fixture
def add_intervention(personas: dict[str, User]) -> Callable[..., CaseIntervention]:
    """A case intervention through the service, as the case's regisseur (or ``actor``)."""

    def make(
        case: Case,
        name: str = "Mentortraject",
        *,
        executor: Organisation | None = None,
        shared: bool = False,
        outcome: str = "",
        actor: User | None = None,
        status: str = CaseIntervention.Status.GEPLAND,
    ) -> CaseIntervention:
        return services.add_case_intervention(
            actor=actor or personas["regisseur_a"],
            case=case,
            data=services.CaseInterventionData(
                intervention=pick(name),
                executor=executor,
                starts_on=timezone.localdate(),
                status=status,
                outcome=outcome,
                shared_with_partners=shared,
            ),
        )

    return make
