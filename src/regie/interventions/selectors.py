"""Reads for the pallet and for the interventions on a case."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Q, QuerySet

from regie.cases.models import Case
from regie.core.policy import visible
from regie.interventions.models import (
    CaseIntervention,
    CatalogueVersion,
    ChangeRequest,
    Domain,
    Intervention,
)
from regie.organisations.models import Organisation
from regie.partners import selectors as partners

if TYPE_CHECKING:
    from regie.accounts.models import User

REMINDER_MONTHS = 1


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def current_version() -> CatalogueVersion | None:
    return (
        CatalogueVersion.objects.filter(status=CatalogueVersion.Status.CURRENT)
        .select_related("published_by")
        .first()
    )


def versions() -> list[CatalogueVersion]:
    """Every published version, newest first (for the version picker)."""
    return list(
        CatalogueVersion.objects.exclude(status=CatalogueVersion.Status.DRAFT).order_by(
            "-published_at", "-id"
        )
    )


def version_by_id(pk: int | None) -> CatalogueVersion | None:
    if pk is None:
        return current_version()
    return (
        CatalogueVersion.objects.exclude(status=CatalogueVersion.Status.DRAFT)
        .select_related("published_by")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class DomainGroup:
    domain: str
    label: str
    interventions: list[Intervention]


def catalogue(version: CatalogueVersion) -> list[DomainGroup]:
    """The interventions of one version grouped by domain; retired ones last in each group."""
    rows = list(version.interventions.order_by("-is_active", "name", "id"))
    return [
        DomainGroup(value, str(label), [i for i in rows if i.domain == value])
        for value, label in Domain.choices
    ]


def choosable_interventions() -> QuerySet[Intervention]:
    """What a case intervention may be chosen from: the active rows of the current version."""
    return Intervention.objects.filter(
        version__status=CatalogueVersion.Status.CURRENT, is_active=True
    ).order_by("name", "id")


def review_due(today: date) -> CatalogueVersion | None:
    """The current version when its yearly review is within a month (or overdue), else None."""
    version = current_version()
    if version is None:
        return None
    if today >= add_months(version.review_on, -REMINDER_MONTHS):
        return version
    return None


# --- Change requests ----------------------------------------------------------------------------


def change_requests(status: str = "") -> QuerySet[ChangeRequest]:
    rows = ChangeRequest.objects.select_related(
        "target", "target__version", "proposed_by", "reviewed_by", "applied_in"
    )
    if status == "open":
        rows = rows.filter(
            Q(status=ChangeRequest.Status.PROPOSED)
            | Q(status=ChangeRequest.Status.ACCEPTED, applied_in__isnull=True)
        )
    elif status in ChangeRequest.Status.values:
        rows = rows.filter(status=status)
    return rows.order_by("-proposed_at", "-id")


def accepted_unapplied() -> QuerySet[ChangeRequest]:
    return (
        ChangeRequest.objects.filter(status=ChangeRequest.Status.ACCEPTED, applied_in__isnull=True)
        .select_related("target", "proposed_by", "reviewed_by")
        .order_by("reviewed_at", "id")
    )


def change_request_counts() -> dict[str, int]:
    counts = ChangeRequest.objects.aggregate(
        proposed=Count("pk", filter=Q(status=ChangeRequest.Status.PROPOSED)),
        waiting=Count(
            "pk", filter=Q(status=ChangeRequest.Status.ACCEPTED, applied_in__isnull=True)
        ),
    )
    return {key: int(value or 0) for key, value in counts.items()}


# --- Case interventions -------------------------------------------------------------------------


def _with_related(rows: QuerySet[CaseIntervention]) -> QuerySet[CaseIntervention]:
    return rows.select_related("intervention", "intervention__version", "executor").order_by(
        "starts_on", "id"
    )


def case_interventions(user: User, case: Case) -> list[CaseIntervention]:
    """The interventions on ``case`` that ``user`` may see (the policy scope decides)."""
    return list(_with_related(visible(user, CaseIntervention).filter(case=case)))


def case_intervention_for_page(public_id: UUID) -> QuerySet[CaseIntervention]:
    return CaseIntervention.objects.filter(public_id=public_id).select_related(
        "case", "case__person", "intervention", "intervention__version", "executor"
    )


def executor_choices(case: Case) -> list[Organisation]:
    """Organisations that may carry out an intervention on ``case``: active registrations."""
    return partners.active_partner_organisations(case)


def registered_organisation_ids(user: User, case: Case) -> set[int]:
    """The user's partner organisations with an active registration on ``case``."""
    return set(
        partners.active_registrations(user)
        .filter(case=case)
        .values_list("organisation_id", flat=True)
    )
