"""The phase table, exhaustively: every (from, to) pair × every acting role."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.audit.models import AuditEvent
from regie.cases import services, workflow
from regie.cases.models import Case, ClosingReason, Phase, TimelineEvent

ACTORS = [
    "teamleider",
    "regisseur_a",
    "regisseur_b",
    "auditor",
    "partner_stadsdeel",
    "aandachtsfunctionaris",
    "outsider",
]
PAIRS = [(s, t) for s, t in itertools.product(Phase.values, Phase.values) if s != t]

# The rules as the domain states them, written out independently of workflow.TRANSITIONS.
FORWARD = {
    ("aanmelding", "instroom"),
    ("instroom", "regie"),
    ("regie", "nazorg"),
    ("nazorg", "regie"),
}
CLOSE = {(p, "afgesloten") for p in ("aanmelding", "instroom", "regie", "nazorg")}
REOPEN = {("afgesloten", "regie")}


def expected(actor: str, source: str, target: str) -> bool:
    pair = (source, target)
    if pair in REOPEN:
        return actor == "teamleider"
    if pair in FORWARD | CLOSE:
        return actor in ("teamleider", "regisseur_a")  # regisseur_a directs this case
    return False


@pytest.mark.parametrize(("source", "target"), PAIRS)
@pytest.mark.parametrize("actor", ACTORS)
def test_transition_table(personas, make_case, actor: str, source: str, target: str) -> None:
    case = make_case(personas["regisseur_a"], phase=source)
    reason = ClosingReason.objects.all()[0] if target == Phase.AFGESLOTEN else None
    allowed = expected(actor, source, target)
    assert workflow.may(personas[actor], case, target) is allowed
    if allowed:
        services.transition(
            actor=personas[actor],
            case=case,
            target=target,
            reason="Besproken in het casusoverleg.",
            closing_reason=reason,
        )
        case.refresh_from_db()
        assert case.phase == target
        assert TimelineEvent.objects.filter(case=case, kind="phase").count() == 1
        assert AuditEvent.objects.filter(
            action="cases.case.transition", result="ok", case_id=case.number
        ).exists()
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            services.transition(
                actor=personas[actor], case=case, target=target, reason="x", closing_reason=reason
            )
        case.refresh_from_db()
        assert case.phase == source
        assert not TimelineEvent.objects.filter(case=case, kind="phase").exists()


def test_table_has_no_duplicates_and_only_known_phases() -> None:
    pairs = [(t.source, t.target) for t in workflow.TRANSITIONS]
    assert len(pairs) == len(set(pairs))
    assert {p for pair in pairs for p in pair} <= set(Phase.values)


def test_closing_needs_a_closing_reason(personas, own_case: Case) -> None:
    with pytest.raises(ValidationError) as refused:
        services.transition(
            actor=personas["teamleider"], case=own_case, target=Phase.AFGESLOTEN, reason="klaar"
        )
    assert refused.value.code == "closing_reason"


def test_back_to_regie_needs_a_reason(personas, make_case) -> None:
    case = make_case(personas["regisseur_a"], phase=Phase.NAZORG)
    with pytest.raises(ValidationError):
        services.transition(actor=personas["regisseur_a"], case=case, target=Phase.REGIE)


def test_closing_sets_retention_and_reopening_clears_it(personas, own_case: Case) -> None:
    services.transition(
        actor=personas["teamleider"],
        case=own_case,
        target=Phase.AFGESLOTEN,
        closing_reason=ClosingReason.objects.all()[0],
        reason="Afgesloten na evaluatie.",
    )
    assert own_case.closed_on is not None
    assert own_case.delete_after == own_case.closed_on.replace(year=own_case.closed_on.year + 5)
    services.transition(
        actor=personas["teamleider"], case=own_case, target=Phase.REGIE, reason="Nieuwe signalen"
    )
    stored = Case.objects.get(pk=own_case.pk)
    assert stored.delete_after is None
    assert stored.closed_on is None
