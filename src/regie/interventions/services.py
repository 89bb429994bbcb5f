"""Writes for the pallet and for case interventions. Every function checks the policy and writes
the audit log (and, for case interventions, the case timeline) in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.cases import services as cases
from regie.cases.models import Case, TimelineEvent
from regie.core import audit, policy
from regie.core.locking import Conflict, differences
from regie.interventions import selectors
from regie.interventions.models import (
    CaseIntervention,
    CatalogueVersion,
    ChangeRequest,
    Domain,
    Intervention,
    new_lineage,
)
from regie.interventions.rules import executor_registered
from regie.interventions.vocabulary import Interventions
from regie.organisations.models import Organisation

if TYPE_CHECKING:
    from regie.accounts.models import User

# --- Change requests ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """What a change request proposes. For ``retire`` only the target and motivation count."""

    kind: str
    motivation: str
    target: Intervention | None = None
    name: str = ""
    domain: str = ""
    typical_partner_kind: str = ""
    description: str = ""


def _name_taken(name: str, *, except_lineage: str = "") -> bool:
    rows = selectors.choosable_interventions().filter(name__iexact=name.strip())
    if except_lineage:
        rows = rows.exclude(lineage=except_lineage)
    return rows.exists()


def _validate_proposal(proposal: Proposal) -> None:
    kinds = ChangeRequest.Kind
    if proposal.kind not in kinds.values:
        raise ValidationError(_("Choose what the request does."), code="kind")
    if not proposal.motivation.strip():
        raise ValidationError(_("Explain why the pallet should change."), code="motivation")
    if proposal.kind == kinds.ADD:
        if proposal.target is not None:
            raise ValueError("an addition has no target")
    else:
        target = proposal.target
        if target is None:
            raise ValidationError(_("Choose the intervention to change."), code="target")
        if not (target.is_active and target.version.status == CatalogueVersion.Status.CURRENT):
            raise ValidationError(
                _("%(name)s is not an active intervention of the current version.")
                % {"name": target.name},
                code="target",
            )
    if proposal.kind == kinds.RETIRE:
        return
    if not proposal.name.strip():
        raise ValidationError(_("Give the intervention a name."), code="name")
    if proposal.domain not in Domain.values:
        raise ValidationError(_("Choose a domain."), code="domain")
    if proposal.typical_partner_kind and proposal.typical_partner_kind not in (
        Organisation.Kind.values
    ):
        raise ValidationError(_("Choose a valid partner type."), code="partner_kind")
    lineage = proposal.target.lineage if proposal.target is not None else ""
    if _name_taken(proposal.name, except_lineage=lineage):
        raise ValidationError(
            _("The current version already has an intervention called %(name)s.")
            % {"name": proposal.name.strip()},
            code="name_taken",
        )
    target = proposal.target
    if target is not None and (
        target.name == proposal.name.strip()
        and target.domain == proposal.domain
        and target.typical_partner_kind == proposal.typical_partner_kind
        and target.description == proposal.description.strip()
    ):
        raise ValidationError(_("The proposal does not change anything."), code="no_change")


@transaction.atomic
def propose_change(*, actor: User, proposal: Proposal) -> ChangeRequest:
    policy.check(actor, Interventions.CHANGE_PROPOSE)
    _validate_proposal(proposal)
    retire = proposal.kind == ChangeRequest.Kind.RETIRE
    change = ChangeRequest.objects.create(
        kind=proposal.kind,
        target=proposal.target,
        name="" if retire else proposal.name.strip(),
        domain="" if retire else proposal.domain,
        typical_partner_kind="" if retire else proposal.typical_partner_kind,
        description="" if retire else proposal.description.strip(),
        motivation=proposal.motivation.strip(),
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    audit.record(
        action=Interventions.CHANGE_PROPOSE,
        actor=actor,
        obj=change,
        changes={
            "kind": [None, change.kind],
            "intervention": [None, change.subject],
        },
    )
    return change


def _locked(change: ChangeRequest) -> ChangeRequest:
    return (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("target")
        .get(pk=change.pk)
    )


def _review(actor: User, change: ChangeRequest, status: str, reason: str) -> ChangeRequest:
    change = _locked(change)
    policy.check(actor, Interventions.REVIEW, change)
    change.status = status
    change.reviewed_by = actor
    change.reviewed_at = timezone.now()
    change.review_reason = reason.strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason"])
    audit.record(
        action=(
            Interventions.CHANGE_ACCEPT if status == "accepted" else Interventions.CHANGE_REJECT
        ),
        actor=actor,
        obj=change,
        changes={"status": [ChangeRequest.Status.PROPOSED, status]},
    )
    return change


@transaction.atomic
def accept_change(*, actor: User, change: ChangeRequest, reason: str = "") -> ChangeRequest:
    """Accepted changes wait for the next version the teamleider publishes."""
    return _review(actor, change, ChangeRequest.Status.ACCEPTED, reason)


@transaction.atomic
def reject_change(*, actor: User, change: ChangeRequest, reason: str) -> ChangeRequest:
    if not reason.strip():
        raise ValidationError(_("Give a reason for rejecting the request."), code="reason")
    return _review(actor, change, ChangeRequest.Status.REJECTED, reason)


# --- Publishing ---------------------------------------------------------------------------------


def _apply(change: ChangeRequest, rows: dict[str, Intervention], version: CatalogueVersion) -> None:
    """Apply one accepted change to the (unsaved) rows of the new version, by lineage."""
    if change.kind == ChangeRequest.Kind.ADD:
        lineage = new_lineage(change.name)
        rows[lineage] = Intervention(version=version, lineage=lineage, is_active=True)
    else:
        assert change.target is not None
        lineage = change.target.lineage
        if lineage not in rows:
            if change.kind == ChangeRequest.Kind.RETIRE:
                return  # already gone from the pallet
            # A change to an intervention retired meanwhile brings it back as changed.
            rows[lineage] = Intervention(version=version, lineage=lineage)
        if change.kind == ChangeRequest.Kind.RETIRE:
            rows[lineage].is_active = False
            return
        rows[lineage].is_active = True
    row = rows[lineage]
    row.name = change.name
    row.domain = change.domain
    row.typical_partner_kind = change.typical_partner_kind
    row.description = change.description


@transaction.atomic
def publish_version(*, actor: User, name: str, today: date | None = None) -> CatalogueVersion:
    """Publish the next version: the active interventions of the current one with every
    accepted, not yet applied change on top. The old version is archived, not deleted."""
    policy.check(actor, Interventions.VERSION_PUBLISH)
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the new version a name."), code="name")
    # Publishers queue here: a second one waits, then builds on the version the first
    # published (each statement below reads what the first committed).
    list(
        CatalogueVersion.objects.select_for_update()
        .exclude(status=CatalogueVersion.Status.DRAFT)
        .values_list("pk", flat=True)
    )
    if CatalogueVersion.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            _("A version called %(name)s already exists.") % {"name": name}, code="name_taken"
        )
    today = today or timezone.localdate()
    previous = CatalogueVersion.objects.filter(status=CatalogueVersion.Status.CURRENT).first()
    version = CatalogueVersion.objects.create(
        name=name,
        status=CatalogueVersion.Status.DRAFT,
        review_on=selectors.add_months(today, 12),
    )
    rows: dict[str, Intervention] = {}
    if previous is not None:
        for old in previous.interventions.filter(is_active=True).order_by("id"):
            rows[old.lineage] = Intervention(
                version=version,
                lineage=old.lineage,
                name=old.name,
                domain=old.domain,
                typical_partner_kind=old.typical_partner_kind,
                description=old.description,
                is_active=True,
            )
    changes = list(
        ChangeRequest.objects.select_for_update(of=("self",))
        .filter(status=ChangeRequest.Status.ACCEPTED, applied_in__isnull=True)
        .select_related("target")
        .order_by("reviewed_at", "id")
    )
    for change in changes:
        _apply(change, rows, version)
    seen: dict[str, str] = {}
    for row in rows.values():
        key = row.name.casefold()
        if key in seen:
            raise ValidationError(
                _("Two interventions in the new version would be called %(name)s.")
                % {"name": row.name},
                code="duplicate_name",
            )
        seen[key] = row.lineage
    Intervention.objects.bulk_create(rows.values())
    ChangeRequest.objects.filter(pk__in=[c.pk for c in changes]).update(applied_in=version)
    if previous is not None:
        previous.status = CatalogueVersion.Status.ARCHIVED
        previous.save(update_fields=["status"])
    version.status = CatalogueVersion.Status.CURRENT
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by"])
    audit.record(
        action=Interventions.VERSION_PUBLISH,
        actor=actor,
        obj=version,
        changes={
            "previous": [None, previous.name if previous else None],
            "applied_changes": [None, [c.pk for c in changes]],
            "interventions": [None, sum(1 for r in rows.values() if r.is_active)],
            "review_on": [None, version.review_on.isoformat()],
        },
    )
    return version


# --- Case interventions -------------------------------------------------------------------------

ADDED_BY_TEAM = gettext_noop("Intervention added: %(intervention)s (carried out by the regie team)")
ADDED_BY_PARTNER = gettext_noop(
    "Intervention added: %(intervention)s (carried out by %(organisation)s)"
)
UPDATED = gettext_noop("Intervention updated: %(intervention)s")
STATUS_MESSAGES: dict[str, str] = {
    CaseIntervention.Status.GEPLAND: gettext_noop("Intervention planned again: %(intervention)s"),
    CaseIntervention.Status.LOPEND: gettext_noop("Intervention started: %(intervention)s"),
    CaseIntervention.Status.AFGEROND: gettext_noop("Intervention completed: %(intervention)s"),
    CaseIntervention.Status.GESTOPT: gettext_noop("Intervention stopped: %(intervention)s"),
}


def validate_executor(case: Case, executor: Organisation | None) -> None:
    """Internal, or an organisation with an active registration on this very case."""
    if executor is None:
        return
    if not executor_registered(case.pk, executor.pk):
        raise ValidationError(
            _(
                "%(organisation)s has no active registration as intervention partner on this "
                "case, so it cannot carry out an intervention here. Register it first, or "
                "choose the regie team."
            )
            % {"organisation": executor.name},
            code="executor",
        )


def _validate_period(starts_on: date, ends_on: date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(_("The end date is before the start date."), code="period")


def _validate_status(status: str) -> None:
    if status not in CaseIntervention.Status.values:
        raise ValidationError(_("Choose a valid status."), code="status")


@dataclass(frozen=True)
class CaseInterventionData:
    intervention: Intervention
    executor: Organisation | None
    starts_on: date
    ends_on: date | None = None
    status: str = CaseIntervention.Status.GEPLAND
    outcome: str = ""
    shared_with_partners: bool = False


@transaction.atomic
def add_case_intervention(
    *, actor: User, case: Case, data: CaseInterventionData
) -> CaseIntervention:
    policy.check(actor, Interventions.CASE_ADD, case)
    chosen = data.intervention
    if not (chosen.is_active and chosen.version.status == CatalogueVersion.Status.CURRENT):
        raise ValidationError(
            _("%(name)s is not in the current pallet; choose an intervention from it.")
            % {"name": chosen.name},
            code="intervention",
        )
    validate_executor(case, data.executor)
    _validate_period(data.starts_on, data.ends_on)
    _validate_status(data.status)
    item = CaseIntervention.objects.create(
        case=case,
        intervention=chosen,
        executor=data.executor,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        status=data.status,
        outcome=data.outcome.strip(),
        shared_with_partners=data.shared_with_partners,
        created_by=actor,
    )
    params: dict[str, Any] = {"intervention": chosen.name}
    if data.executor is not None:
        params["organisation"] = data.executor.name
    cases.add_timeline_event(
        case=case,
        kind=TimelineEvent.Kind.INTERVENTION,
        actor=actor,
        summary=ADDED_BY_PARTNER if data.executor is not None else ADDED_BY_TEAM,
        **params,
    )
    audit.record(
        action=Interventions.CASE_ADD,
        actor=actor,
        obj=item,
        case_id=case.number,
        changes={
            "intervention": [None, chosen.name],
            "version": [None, chosen.version.name],
            "executor": [None, data.executor.name if data.executor else None],
            "status": [None, item.status],
            "starts_on": [None, item.starts_on.isoformat()],
            "ends_on": [None, item.ends_on.isoformat() if item.ends_on else None],
            "shared_with_partners": [None, item.shared_with_partners],
        },
    )
    return item


def _show(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Organisation):
        return value.name
    return value


FREE_TEXT = {"outcome"}


def _save_changes(
    *,
    actor: User,
    item: CaseIntervention,
    values: dict[str, Any],
    expected_version: int | None,
    action: Interventions,
) -> CaseIntervention:
    locked = (
        CaseIntervention.objects.select_for_update(of=("self",))
        .select_related("case", "intervention", "executor")
        .get(pk=item.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(
            differences(locked, values) or {"version": (expected_version, locked.version)}
        )
    changes: dict[str, Any] = {}
    for field, new in values.items():
        old = getattr(locked, field)
        if old != new:
            # Free text about the person stays out of the audit log, which outlives retention.
            changes[field] = "(changed)" if field in FREE_TEXT else [_show(old), _show(new)]
            setattr(locked, field, new)
    if not changes:
        return locked
    locked.version += 1
    locked.save()
    status_change = "status" in changes
    cases.add_timeline_event(
        case=locked.case,
        kind=TimelineEvent.Kind.INTERVENTION,
        actor=actor,
        summary=STATUS_MESSAGES[locked.status] if status_change else UPDATED,
        intervention=locked.intervention.name,
    )
    audit.record(action=action, actor=actor, obj=locked, changes=changes)
    return locked


@transaction.atomic
def update_case_intervention(
    *,
    actor: User,
    item: CaseIntervention,
    executor: Organisation | None,
    starts_on: date,
    ends_on: date | None,
    status: str,
    outcome: str,
    shared_with_partners: bool,
    expected_version: int | None = None,
) -> CaseIntervention:
    """The regie team updates an intervention on a case it directs."""
    policy.check(actor, Interventions.CASE_UPDATE, item)
    if executor != item.executor:
        validate_executor(item.case, executor)
    _validate_period(starts_on, ends_on)
    _validate_status(status)
    return _save_changes(
        actor=actor,
        item=item,
        values={
            "executor": executor,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "status": status,
            "outcome": outcome.strip(),
            "shared_with_partners": shared_with_partners,
        },
        expected_version=expected_version,
        action=Interventions.CASE_UPDATE,
    )


@transaction.atomic
def partner_update_case_intervention(
    *,
    actor: User,
    item: CaseIntervention,
    status: str,
    ends_on: date | None,
    outcome: str,
    expected_version: int | None = None,
) -> CaseIntervention:
    """The executing partner reports progress: status, end date and outcome, nothing else."""
    policy.check(actor, Interventions.CASE_PARTNER_UPDATE, item)
    _validate_period(item.starts_on, ends_on)
    _validate_status(status)
    return _save_changes(
        actor=actor,
        item=item,
        values={"status": status, "ends_on": ends_on, "outcome": outcome.strip()},
        expected_version=expected_version,
        action=Interventions.CASE_PARTNER_UPDATE,
    )
