"""Writes for the covenant: registering, requesting, approving, ending and expiring."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.cases import services as cases
from regie.cases.models import OPEN_PHASES, Case, JournalCategory, TimelineEvent, Visibility
from regie.core import audit, policy
from regie.organisations.models import Organisation
from regie.partners import mail, selectors
from regie.partners.models import InformationCategory, JoinRequest, Registration
from regie.partners.vocabulary import Partners

if TYPE_CHECKING:
    from regie.accounts.models import User


@dataclass(frozen=True)
class RegistrationData:
    organisation: Organisation
    purpose: str
    categories: list[InformationCategory]
    starts_on: date
    ends_on: date
    contact_name: str
    contact_details: str = ""


def _validate(case: Case, data: RegistrationData) -> None:
    if not data.organisation.has_signed_covenant:
        raise ValidationError(
            _("%(name)s has not signed the covenant and cannot be registered as a partner.")
            % {"name": data.organisation.name},
            code="covenant",
        )
    if data.ends_on < data.starts_on:
        raise ValidationError(_("The end date is before the start date."), code="period")
    if not case.is_open:
        raise ValidationError(_("Partners can only be registered on an open case."), code="closed")
    if not data.purpose.strip():
        raise ValidationError(_("Describe the purpose of the registration."), code="purpose")


def _event(
    registration: Registration,
    actor: User | None,
    summary: str,
    reason: str = "",
    *,
    action: Partners,
    **changes: Any,
) -> None:
    cases.add_timeline_event(
        case=registration.case,
        kind=TimelineEvent.Kind.PARTNER,
        actor=actor,
        summary=summary,
        reason=reason,
        organisation=registration.organisation.name,
    )
    audit.record(
        action=action,
        actor=actor,
        obj=registration,
        changes={
            "status": registration.status,
            "organisation": registration.organisation.name,
            **changes,
        },
    )


def _create(case: Case, data: RegistrationData, actor: User) -> Registration:
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                case=case,
                organisation=data.organisation,
                purpose=data.purpose.strip(),
                starts_on=data.starts_on,
                ends_on=data.ends_on,
                contact_name=data.contact_name,
                contact_details=data.contact_details,
                requested_by=actor,
                requested_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s already has an open registration on this case.")
            % {"name": data.organisation.name},
            code="duplicate",
        ) from exc
    if data.categories:  # a new registration has none yet: add, no read of the current set
        registration.categories.add(*data.categories)
    return registration


@transaction.atomic
def register(*, actor: User, case: Case, data: RegistrationData) -> Registration:
    """The regisseur fills in the covenant form; the teamleider still has to approve it."""
    policy.check(actor, Partners.REGISTRATION_CREATE, case)
    _validate(case, data)
    registration = _create(case, data, actor)
    _event(
        registration,
        actor,
        gettext_noop("Partner registration requested: %(organisation)s"),
        action=Partners.REGISTRATION_CREATE,
    )
    return registration


# A case number as Regie writes them (``<prefix>-<year>-<nnnn>``). Checked before anything is
# stored, so that a name or a date of birth typed into the field never reaches a record or the
# log; the format itself is no secret.
CASE_NUMBER = re.compile(r"[A-Z][A-Z0-9-]{0,9}-[0-9]{4}-[0-9]{4,6}")
# How long a request stays on the partner's list after it expired (then it is removed).
REQUESTS_LISTED_AFTER_EXPIRY_DAYS = 30


def normalise_case_number(value: str) -> str:
    number = value.strip().upper()
    if not CASE_NUMBER.fullmatch(number):
        raise ValidationError(
            _("Enter a case number as Regie writes it, for example %(example)s.")
            % {"example": f"{settings.REGIE_CASE_PREFIX}-{timezone.localdate().year}-0001"},
            code="case_number",
        )
    return number


def _one_year(today: date) -> date:
    leap_day = (today.month, today.day) == (2, 29)
    return today.replace(year=today.year + 1, day=28 if leap_day else today.day)


@transaction.atomic
def request_to_join(
    *,
    actor: User,
    case_number: str,
    organisation: Organisation,
    purpose: str,
    contact_details: str = "",
) -> JoinRequest:
    """A partner asks to join a case it knows about.

    Every request is stored and answered alike, whatever the number: the partner's list shows it
    as requested until the regie team decides or it expires. Only a request that names an open
    case, from an organisation that signed the covenant and has no open registration on that
    case yet, becomes a registration request for the regie team."""
    policy.check(actor, Partners.REQUEST)
    if organisation.pk not in selectors.partner_organisation_ids(actor):
        raise PermissionDenied(Partners.REQUEST)
    number = normalise_case_number(case_number)
    if not purpose.strip():
        raise ValidationError(
            _("Describe why your organisation wants to take part."), code="purpose"
        )
    registration = None
    case = Case.objects.filter(number=number).first()
    if case is None or not case.is_open or not organisation.has_signed_covenant:
        audit.record(
            action=Partners.REGISTRATION_REQUEST_UNMATCHED,
            actor=actor,
            object_type="cases.case",
            object_id=number,
            result=audit.DENIED,
            independent=True,
        )
    else:
        registration = _registration_request(actor, case, organisation, purpose, contact_details)
    # One insert either way, with its link (the partner's list reads only this record).
    join = JoinRequest.objects.create(
        organisation=organisation,
        requested_by=actor,
        requested_at=timezone.now(),
        case_number=number,
        expires_on=timezone.localdate() + timedelta(days=settings.REGIE_PARTNER_REQUEST_DAYS),
        registration=registration,
    )
    audit.record(
        action=Partners.REQUEST_CREATE,
        actor=actor,
        obj=join,
        changes={"organisation": organisation.name, "case_number": number},
    )
    return join


def _registration_request(
    actor: User, case: Case, organisation: Organisation, purpose: str, contact_details: str
) -> Registration | None:
    """The registration a matched request puts before the regie team; none when the
    organisation already has an open (requested or active) registration on the case."""
    if Registration.objects.filter(
        case=case,
        organisation=organisation,
        status__in=[Registration.Status.REQUESTED, Registration.Status.ACTIVE],
    ).exists():
        return None
    today = timezone.localdate()
    data = RegistrationData(
        organisation=organisation,
        purpose=purpose,
        categories=[],
        starts_on=today,
        ends_on=_one_year(today),
        contact_name=actor.get_full_name() or actor.get_username(),
        contact_details=contact_details,
    )
    try:
        registration = _create(case, data, actor)
    except ValidationError as exc:
        if exc.code == "duplicate":  # a concurrent request of a colleague came first
            return None
        raise
    _event(
        registration,
        actor,
        gettext_noop("Partner asked to join: %(organisation)s"),
        action=Partners.REGISTRATION_REQUEST,
    )
    return registration


def _decide(registration: Registration, actor: User, status: str, note: str) -> None:
    registration.status = status
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration.decision_note = note
    registration.version += 1
    registration.save()


@transaction.atomic
def approve(
    *,
    actor: User,
    registration: Registration,
    note: str = "",
    categories: list[InformationCategory] | None = None,
) -> Registration:
    policy.check(actor, Partners.APPROVE, registration)
    if not registration.case.is_open:
        raise ValidationError(_("Partners can only be registered on an open case."), code="closed")
    if not registration.organisation.has_signed_covenant:
        raise ValidationError(_("This organisation has not signed the covenant."), code="covenant")
    if categories is not None:
        registration.categories.set(categories)
    _decide(registration, actor, Registration.Status.ACTIVE, note)
    _event(
        registration,
        actor,
        gettext_noop("Partner registration approved: %(organisation)s"),
        note,
        action=Partners.REGISTRATION_APPROVE,
    )
    return registration


@transaction.atomic
def reject(*, actor: User, registration: Registration, note: str) -> Registration:
    policy.check(actor, Partners.APPROVE, registration)
    if not note.strip():
        raise ValidationError(_("Give a reason for rejecting the registration."), code="note")
    _decide(registration, actor, Registration.Status.REJECTED, note)
    _event(
        registration,
        actor,
        gettext_noop("Partner registration rejected: %(organisation)s"),
        note,
        action=Partners.REGISTRATION_REJECT,
    )
    return registration


@transaction.atomic
def end(*, actor: User, registration: Registration, reason: str) -> Registration:
    """Ends access at once: the partner's next request no longer finds the case."""
    policy.check(actor, Partners.REGISTRATION_END, registration)
    if not reason.strip():
        raise ValidationError(_("Give a reason for ending the registration."), code="reason")
    registration.status = Registration.Status.ENDED
    registration.ended_by = actor
    registration.ended_at = timezone.now()
    registration.end_reason = reason
    registration.version += 1
    registration.save()
    _event(
        registration,
        actor,
        gettext_noop("Partner registration ended: %(organisation)s"),
        reason,
        action=Partners.REGISTRATION_END,
    )
    return registration


# --- Access ends with the case and with the covenant ------------------------------------------

OPEN = (Registration.Status.REQUESTED, Registration.Status.ACTIVE)
CASE_CLOSED = "case_closed"
COVENANT_WITHDRAWN = "covenant_withdrawn"
# Stored in the registration and the timeline in the site's language, like a reason a person
# types (the words: "casus afgesloten").
REASONS = {
    CASE_CLOSED: gettext_noop("case closed"),
    COVENANT_WITHDRAWN: gettext_noop("covenant withdrawn"),
}


def _end_all(
    registrations: QuerySet[Registration], actor: User | None, cause: str
) -> list[Registration]:
    """End every open registration in ``registrations`` for ``cause``; each one that gave (or
    was about to give) access is announced to the partner's contacts once the transaction
    commits. Called inside the transaction of the close or the withdrawal, which the policy
    has already allowed: the end is its consequence, not a separate decision."""
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        reason = _(REASONS[cause])
    ended = []
    for registration in (
        registrations.filter(status__in=OPEN)
        .select_related("case", "organisation")
        .select_for_update(of=("self",))
        .order_by("id")
    ):
        gave_access = (
            registration.status == Registration.Status.ACTIVE and registration.ends_on >= today
        )
        registration.status = Registration.Status.ENDED
        registration.ended_by = actor
        registration.ended_at = timezone.now()
        registration.end_reason = reason
        registration.version += 1
        registration.save()
        recipients = selectors.contact_emails(registration) if gave_access else []
        _event(
            registration,
            actor,
            gettext_noop("Partner registration ended: %(organisation)s"),
            reason,
            action=Partners.REGISTRATION_END,
            cause=cause,
            notified=len(recipients),
        )
        if recipients:
            mail.announce_end(registration, reason, recipients)
        ended.append(registration)
    return ended


def end_for_closed_case(case: Case, actor: User | None) -> list[Registration]:
    """``cases.extensions`` hook: closing a case ends every open registration on it at once."""
    return _end_all(Registration.objects.filter(case=case), actor, CASE_CLOSED)


def end_for_withdrawn_covenant(
    organisation: Organisation, actor: User | None
) -> list[Registration]:
    """``organisations.extensions`` hook: an organisation that withdrew from the covenant keeps
    no registration."""
    return _end_all(
        Registration.objects.filter(organisation=organisation), actor, COVENANT_WITHDRAWN
    )


def end_left_open() -> int:
    """Registrations still open on a closed case or of an organisation without a covenant (from
    before these were ended at once, or written around the services): ended by the daily run."""
    ended = 0
    closed = Registration.objects.filter(status__in=OPEN).exclude(case__phase__in=OPEN_PHASES)
    for case in Case.objects.filter(pk__in=closed.values("case_id")).order_by("id"):
        with transaction.atomic():
            ended += len(end_for_closed_case(case, None))
    unsigned = Organisation.objects.filter(
        covenant_signed_on__isnull=True,
        registrations__status__in=OPEN,
    ).distinct()
    for organisation in unsigned.order_by("id"):
        with transaction.atomic():
            ended += len(end_for_withdrawn_covenant(organisation, None))
    return ended


def expire_due(*, today: date) -> int:
    """Mark registrations past their end date as expired, and the registration requests of
    partners' requests that expired undecided (scheduled daily)."""
    expired = 0
    due = Registration.objects.filter(status=Registration.Status.ACTIVE, ends_on__lt=today)
    undecided = Registration.objects.filter(
        status=Registration.Status.REQUESTED, join_request__expires_on__lt=today
    )
    for queryset, summary in (
        (due, gettext_noop("Partner registration expired: %(organisation)s")),
        (undecided, gettext_noop("Partner request expired undecided: %(organisation)s")),
    ):
        for registration in queryset.select_related("case", "organisation"):
            with transaction.atomic():
                registration.status = Registration.Status.EXPIRED
                registration.version += 1
                registration.save(update_fields=["status", "version"])
                _event(registration, None, summary, action=Partners.REGISTRATION_EXPIRE)
                expired += 1
    return expired


@transaction.atomic
def remove_old_join_requests(*, today: date) -> int:
    """Delete partners' requests that left the partner's list: they have no use after that,
    and an unmatched one holds nothing but a number somebody typed."""
    cutoff = today - timedelta(days=REQUESTS_LISTED_AFTER_EXPIRY_DAYS)
    _total, deleted = JoinRequest.objects.filter(expires_on__lt=cutoff).delete()
    count = deleted.get(JoinRequest._meta.label, 0)
    if count:
        audit.record(
            action=Partners.REQUEST_PURGE,
            actor_name="system:partners",
            object_type="partners.joinrequest",
            changes={"count": count, "expired_before": cutoff.isoformat()},
        )
    return count


def add_partner_journal_entry(
    *, actor: User, case: Case, occurred_on: date, category: JournalCategory, text: str
) -> Any:
    """A partner's own entry: visible to the regie team and to the partner itself."""
    registration = selectors.registration_for(actor, case)
    if registration is None:
        raise PermissionDenied(Partners.JOURNAL_ADD)
    return cases.add_journal_entry(
        actor=actor,
        case=case,
        occurred_on=occurred_on,
        category=category,
        text=text,
        visibility=Visibility.PARTNERS,
        shared_with=[registration.organisation],
        author_organisation=registration.organisation,
        action=Partners.JOURNAL_ADD,
    )
