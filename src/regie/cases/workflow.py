"""The case phases as a table: every allowed change and who may make it. Every change needs a
reason and only closing takes a closing reason (``services.transition``). ``OWN_REGISSEUR``
means the regisseur assigned to that very case; the teamleider and programme team act on every
case. Tested exhaustively (every pair × every role)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from regie.accounts.models import Role
from regie.cases.models import Phase

if TYPE_CHECKING:
    from regie.accounts.models import User

OWN_REGISSEUR = "own_regisseur"
LEADS = frozenset({Role.TEAMLEIDER.value, Role.PROGRAMMA.value})
DIRECTORS = LEADS | {OWN_REGISSEUR}


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    who: frozenset[str]


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Phase.AANMELDING, Phase.INSTROOM, DIRECTORS),
    Transition(Phase.INSTROOM, Phase.REGIE, DIRECTORS),
    Transition(Phase.REGIE, Phase.NAZORG, DIRECTORS),
    # Back from aftercare into direction.
    Transition(Phase.NAZORG, Phase.REGIE, DIRECTORS),
    # Closing needs a closing reason from the configured list as well.
    Transition(Phase.AANMELDING, Phase.AFGESLOTEN, DIRECTORS),
    Transition(Phase.INSTROOM, Phase.AFGESLOTEN, DIRECTORS),
    Transition(Phase.REGIE, Phase.AFGESLOTEN, DIRECTORS),
    Transition(Phase.NAZORG, Phase.AFGESLOTEN, DIRECTORS),
    # Only the teamleider reopens a closed case.
    Transition(Phase.AFGESLOTEN, Phase.REGIE, frozenset({Role.TEAMLEIDER.value})),
)

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def find(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))


def actor_qualities(user: User, case: Any) -> set[str]:
    qualities = set(user.roles)
    if (
        case.regisseur_id is not None
        and case.regisseur_id == user.pk
        and user.has_role(Role.REGISSEUR)
    ):
        qualities.add(OWN_REGISSEUR)
    return qualities


def may(user: User, case: Any, target: str) -> bool:
    transition = find(case.phase, target)
    return transition is not None and bool(transition.who & actor_qualities(user, case))


def available(user: User, case: Any) -> list[Transition]:
    qualities = actor_qualities(user, case)
    return [t for t in TRANSITIONS if t.source == case.phase and t.who & qualities]
