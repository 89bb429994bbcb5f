from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from regie.cases.models import Case
from regie.organisations.models import Organisation
from regie.partners.models import InformationCategory, Registration
from tests.cases.conftest import case_configuration, make_case, own_case  # noqa: F401

DEFAULT_CATEGORIES = [
    ("contact", "Contactgegevens regisseur"),
    ("identity", "Identificatie"),
    ("phase", "Fase"),
    ("theme", "Thema"),
    ("interventions", "Afgesproken interventies"),
    ("journal", "Geselecteerde journaalposten"),
    ("zrm", "ZRM-scores"),
]


@pytest.fixture(autouse=True)
def information_categories(db: Any) -> dict[str, InformationCategory]:
    # Seeded by a migration; recreated here because transactional tests flush tables.
    return {
        code: InformationCategory.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in DEFAULT_CATEGORIES
    }


@pytest.fixture
def signed(organisations: dict[str, Organisation]) -> dict[str, Organisation]:
    for key in ("noord", "oost", "school", "buurtwerk"):
        organisation = organisations[key]
        organisation.covenant_signed_on = date(2021, 6, 15)
        organisation.covenant_document = "Convenant iPGA-R 2021"
        organisation.save()
    return organisations


def activate(
    case: Case,
    organisation: Organisation,
    codes: list[str],
    requested_by: Any,
    *,
    status: str = Registration.Status.ACTIVE,
    days: int = 90,
) -> Registration:
    today = timezone.localdate()
    registration = Registration.objects.create(
        case=case,
        organisation=organisation,
        purpose="Nazorg in de wijk",
        starts_on=today,
        ends_on=today + timedelta(days=days),
        contact_name="Contact",
        status=status,
        requested_by=requested_by,
        requested_at=timezone.now(),
    )
    registration.categories.set(InformationCategory.objects.filter(code__in=codes))
    return registration


@pytest.fixture
def shared_case(own_case: Case, signed, personas) -> Case:  # noqa: F811
    """``own_case`` (regisseur_a) with Stadsdeel Noord (partner_stadsdeel) registered."""
    activate(own_case, signed["noord"], ["phase", "journal"], personas["regisseur_a"])
    activate(
        own_case,
        signed["buurtwerk"],
        ["phase", "journal"],
        personas["regisseur_a"],
        status=Registration.Status.ENDED,
    )
    return own_case
