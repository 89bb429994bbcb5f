"""Reads for the covenant: which organisations take part in which case, and what they see."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from regie.accounts.models import PARTNER_ROLES, Membership
from regie.cases.models import Case, JournalEntry, Visibility, ZrmAssessment, ZrmScore
from regie.organisations.models import Organisation
from regie.partners.models import InformationCategory, JoinRequest, Registration

if TYPE_CHECKING:
    from regie.accounts.models import User

# The codes the sharing rules understand (the names and descriptions are configuration).
CONTACT = "contact"
IDENTITY = "identity"
PHASE = "phase"
THEME = "theme"
INTERVENTIONS = "interventions"
JOURNAL = "journal"
ZRM = "zrm"


def active_filter(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=Registration.Status.ACTIVE, starts_on__lte=today, ends_on__gte=today)


def partner_organisation_ids(user: User) -> list[int]:
    """Organisations through which a user works as a partner: memberships in a partner role
    (a teamleider or an auditor never becomes a partner through their own municipality)."""
    return [m.organisation_id for m in user.active_memberships if m.role in PARTNER_ROLES]


def active_registrations(user: User) -> QuerySet[Registration]:
    orgs = partner_organisation_ids(user)
    if not orgs:
        return Registration.objects.none()
    return Registration.objects.filter(active_filter(), organisation_id__in=orgs)


def active_partner_organisations(case: Case) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            registrations__in=Registration.objects.filter(active_filter(), case=case)
        ).order_by("name")
    )


def registrations_of_case(case: Case) -> list[Registration]:
    return list(
        Registration.objects.filter(case=case)
        .select_related("organisation", "requested_by", "decided_by", "ended_by")
        .prefetch_related("categories")
        .order_by("-requested_at", "-id")
    )


# --- The regie team's case page -----------------------------------------------------------------
# Its partners panel lists the case's registrations, its journal form offers the active partners
# and its interventions panel names the partners that receive shared interventions: one list,
# read once per request and case. Only for showing: services check against the database.

_PAGE_CACHE = "_regie_case_registrations"


def registrations_for_page(request: HttpRequest, case: Case) -> list[Registration]:
    """``registrations_of_case``, read once per request and case."""
    cache: dict[int, list[Registration]] | None = getattr(request, _PAGE_CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _PAGE_CACHE, cache)
    if case.pk not in cache:
        cache[case.pk] = registrations_of_case(case)
    return cache[case.pk]


def is_active(registration: Registration, today: date) -> bool:
    """The Python form of ``active_filter``."""
    return (
        registration.status == Registration.Status.ACTIVE
        and registration.starts_on <= today <= registration.ends_on
    )


def _organisations(registrations: list[Registration]) -> list[Organisation]:
    # One open registration per partner and case (registration_one_open_per_partner).
    unique = {r.organisation_id: r.organisation for r in registrations}
    return sorted(unique.values(), key=lambda o: (o.name, o.pk))


def active_partner_organisations_for(
    case: Case, request: HttpRequest | None = None
) -> list[Organisation]:
    """``active_partner_organisations``; from the page's registrations with a request."""
    if request is None:
        return active_partner_organisations(case)
    today = timezone.localdate()
    return _organisations([r for r in registrations_for_page(request, case) if is_active(r, today)])


def sharing_organisations_for_page(request: HttpRequest, case: Case) -> list[Organisation]:
    """Partners with an active registration on ``case`` that carries the interventions
    category: they see the interventions shared on the case."""
    today = timezone.localdate()
    return _organisations(
        [
            r
            for r in registrations_for_page(request, case)
            if is_active(r, today) and any(c.code == INTERVENTIONS for c in r.categories.all())
        ]
    )


def signed_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(covenant_signed_on__isnull=False, is_active=True)


@dataclass
class SharedView:
    """Exactly what one partner organisation may see of one case. Fields it may not see are
    not in this object at all, so no template can show them by mistake."""

    number: str
    person_name: str
    area: str
    registration: Registration
    categories: set[str]
    birth_date: date | None = None
    bsn: str = ""
    phase: str = ""
    phase_label: str = ""
    theme: str = ""
    regisseur: str = ""
    journal: list[JournalEntry] = field(default_factory=list)
    zrm: list[Any] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


def registration_for(user: User, case: Case) -> Registration | None:
    return (
        active_registrations(user)
        .filter(case=case)
        .select_related("organisation")
        .prefetch_related("categories")
        .first()
    )


def shared_journal(case: Case, organisation_id: int) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.filter(case=case)
        .filter(
            Q(visibility=Visibility.PARTNERS, shared_with__id=organisation_id)
            | Q(author_organisation_id=organisation_id)
        )
        .select_related("category", "author")
        .distinct()
        .order_by("-occurred_on", "-id")
    )


def shared_view(user: User, case: Case, registration: Registration) -> SharedView:
    from regie.cases import display

    codes = {c.code for c in registration.categories.all()}
    view = SharedView(
        number=case.number,
        person_name=case.person.full_name,
        area=case.area.name,
        registration=registration,
        categories=codes,
    )
    if IDENTITY in codes:
        view.birth_date = case.person.date_of_birth
        view.bsn = case.person.bsn
    if PHASE in codes:
        view.phase = case.phase
        view.phase_label = str(case.get_phase_display())
    if THEME in codes:
        view.theme = case.theme.name
    if CONTACT in codes and case.regisseur is not None:
        view.regisseur = display.regisseur_name(case, user)
    org = registration.organisation_id
    journal = shared_journal(case, org)
    if JOURNAL not in codes:
        # Without the journal category a partner still reads what it wrote itself.
        journal = journal.filter(author_organisation_id=org)
    view.journal = list(journal[:200])
    if ZRM in codes:
        view.zrm = list(
            ZrmAssessment.objects.filter(case=case)
            .prefetch_related(
                Prefetch("scores", queryset=ZrmScore.objects.select_related("domain"))
            )
            .order_by("assessed_on", "id")
        )
    return view


def categories() -> QuerySet[InformationCategory]:
    return InformationCategory.objects.all()


def pending_for(user: User) -> QuerySet[Registration]:
    """Requests waiting for a decision, on cases the user may see."""
    from regie.core.policy import visible

    return (
        Registration.objects.filter(
            status=Registration.Status.REQUESTED, case__in=visible(user, Case)
        )
        .select_related("case", "organisation", "requested_by")
        .order_by("requested_at", "id")
    )


@dataclass(frozen=True)
class JoinRequestRow:
    """One of the partner's requests as the partner sees it: the same fields whether or not
    the number matched a case."""

    case_number: str
    requested_at: Any
    requested_by: str
    status: str
    status_label: str
    expires_on: date


def join_requests_for(user: User, limit: int = 100) -> list[JoinRequestRow]:
    """The requests of the user's partner organisations, newest first."""
    from regie.core.policy import visible

    today = timezone.localdate()
    rows = []
    for request in (
        visible(user, JoinRequest)
        .select_related("registration", "requested_by")
        .order_by("-requested_at", "-id")[:limit]
    ):
        status = request.partner_status(today)
        rows.append(
            JoinRequestRow(
                case_number=request.case_number,
                requested_at=request.requested_at,
                requested_by=request.requested_by.get_full_name()
                or request.requested_by.get_username(),
                status=status,
                status_label=str(JoinRequest.PartnerStatus(status).label),
                expires_on=request.expires_on,
            )
        )
    return rows


def contact_emails(registration: Registration) -> list[str]:
    """Where to tell a partner that its registration ended: an e-mail address among the
    registration's contact details (free text, often with a phone number), and every user who
    works for the organisation in a partner role today, as each of them had access."""
    found = set()
    for token in re.split(r"[\s,;]+", registration.contact_details):
        candidate = token.strip("<>()[]")
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        found.add(candidate)
    today = timezone.localdate()
    users = (
        Membership.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            organisation_id=registration.organisation_id,
            role__in=PARTNER_ROLES,
            starts_on__lte=today,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    found.update(users)
    return sorted(found)
