"""Registering a case after the duplicate check showed candidates: for one of them ("this is
the same person") or for a new person ("different person"). The answer is kept as a
``DuplicateDecision`` per candidate and audited in the same transaction as the case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.cases import duplicates
from regie.cases.models import Case, DuplicateDecision, Person, Phase, Theme
from regie.cases.vocabulary import Cases
from regie.core import audit, policy

if TYPE_CHECKING:
    from regie.accounts.models import User
    from regie.cases.services import PersonData


def _record(
    actor: User,
    candidate: duplicates.Candidate,
    decision: DuplicateDecision.Decision,
    case: Case,
    new_person: Person | None,
) -> None:
    row = DuplicateDecision.objects.create(
        candidate_id=candidate.person_id,
        new_person=new_person,
        case=case,
        decision=decision,
        reason=candidate.reason,
        score=candidate.score,
        decided_by=actor,
    )
    audit.record(
        action=Cases.PERSON_DUPLICATE,
        actor=actor,
        obj=row,
        changes={"decision": decision.value, "candidate": candidate.person_id},
    )


@transaction.atomic
def register_same_person(
    *,
    actor: User,
    candidate_id: int,
    person_data: PersonData,
    theme: Theme,
    area: Any,
    regisseur: User | None = None,
    summary: str = "",
    intake: bool = False,
    link_open_case: bool = False,
) -> Case:
    """A case for the existing person ``candidate_id``, which must be one of the candidates the
    check shows this user for ``person_data`` (no other person can be picked by its id).

    ``link_open_case``: when that person already has an open case, answer it instead of
    refusing (the Weegploeg's instroom links the signal to it)."""
    from regie.cases.services import create_case

    policy.check(actor, Cases.CASE_INTAKE if intake else Cases.CASE_CREATE)
    shown = {c.person_id: c for c in duplicates.duplicate_candidates(actor, person_data)}
    candidate = shown.get(candidate_id)
    if candidate is None:
        raise ValidationError(
            _("This person is not among the possible matches any more; check the details again.")
        )
    existing = Case.objects.filter(person_id=candidate_id).exclude(phase=Phase.AFGESLOTEN).first()
    if existing is not None and link_open_case:
        _record(actor, candidate, DuplicateDecision.Decision.SAME, existing, None)
        return existing
    if candidate.open_case:
        raise ValidationError(
            _(
                "This person already has an open case: %(number)s. No new case was registered; "
                "open that case instead."
            )
            % {"number": candidate.open_case},
            code="open_case",
        )
    person = policy.visible(actor, Person).get(pk=candidate_id)
    case = create_case(
        actor=actor,
        person=person,
        theme=theme,
        area=area,
        regisseur=regisseur,
        summary=summary,
        intake=intake,
    )
    _record(actor, candidate, DuplicateDecision.Decision.SAME, case, None)
    return case


@transaction.atomic
def register_different_person(
    *,
    actor: User,
    person_data: PersonData,
    theme: Theme,
    area: Any,
    regisseur: User | None = None,
    summary: str = "",
    intake: bool = False,
) -> Case:
    """A case for a new person, recording for every candidate shown that it is someone else."""
    from regie.cases.services import create_case

    policy.check(actor, Cases.CASE_INTAKE if intake else Cases.CASE_CREATE)
    shown = duplicates.duplicate_candidates(actor, person_data)
    case = create_case(
        actor=actor,
        person_data=person_data,
        theme=theme,
        area=area,
        regisseur=regisseur,
        summary=summary,
        intake=intake,
    )
    for candidate in shown:
        _record(actor, candidate, DuplicateDecision.Decision.DIFFERENT, case, case.person)
    return case
