"""The duplicate check before a person is registered (issue 14): every path that creates a
person (the case form, instroom from a signal) asks it first.

Candidates come from two indexed queries with a ``LIMIT``, restricted to the persons the user
may see: first the rows most likely to be the person (same BSN, same date of birth, both name
keys equal, or swapped), then the namesakes (same folded surname key, or the given name as
surname). Only those few rows are scored with rapidfuzz in Python, so the check does not grow
with the number of persons. One unordered query for all of them missed four in five exact
matches at a million persons: behind a common surname there are more namesakes than the limit
(docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.cases.models import Case, Person, Phase
from regie.cases.names import Name, similarity
from regie.core import audit, policy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from regie.cases.services import PersonData
    from regie.core.http import Actor

# Rows read from the database at most; the shown list is shorter.
CANDIDATE_LIMIT = 200
SHOWN = 10
# A name this alike is a candidate on its own; with the same date of birth a weaker likeness is.
SIMILAR_NAME = 85
SIMILAR_WITH_BIRTH = 70


class Reason(StrEnum):
    BSN = "bsn"
    BIRTH_AND_NAME = "birth_and_name"
    NAME = "name"

    @property
    def label(self) -> _StrPromise:
        return REASON_LABELS[self]


REASON_LABELS = {
    Reason.BSN: gettext_lazy("same BSN"),
    Reason.BIRTH_AND_NAME: gettext_lazy("same date of birth and a similar name"),
    Reason.NAME: gettext_lazy("similar name"),
}
_ORDER = {Reason.BSN: 0, Reason.BIRTH_AND_NAME: 1, Reason.NAME: 2}


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    date_of_birth: date | None
    area: str
    reason: Reason
    score: int
    # The number of the person's open case when the user may see it, else empty.
    open_case: str


def _reason(data: PersonData, row_bsn: str, row_birth: date | None, score: float) -> Reason | None:
    if data.bsn and row_bsn == data.bsn:
        return Reason.BSN
    if data.date_of_birth and row_birth == data.date_of_birth and score >= SIMILAR_WITH_BIRTH:
        return Reason.BIRTH_AND_NAME
    # Two known dates of birth that differ make a namesake, not a duplicate: "Jan de Vries" is
    # a common name, and listing every one of them would bury the real matches.
    if score >= SIMILAR_NAME and not (data.date_of_birth and row_birth):
        return Reason.NAME
    return None


def duplicate_candidates(user: Actor, data: PersonData) -> list[Candidate]:
    """The persons ``user`` may see that may be the person of ``data``, best match first, each
    with why it matched. A person the user may not see is never listed."""
    name = Name(data.first_name, data.last_name)
    given, surname = name.keys
    # First the rows most likely to be the person: few, each found through its own index.
    likely = Q(pk__in=[])
    if data.bsn:
        likely |= Q(bsn=data.bsn)
    if data.date_of_birth:
        likely |= Q(date_of_birth=data.date_of_birth)
    if given and surname:
        likely |= Q(surname_key=surname, given_key=given) | Q(surname_key=given, given_key=surname)
    # Then anyone with the surname (or the given name as surname): behind a common surname
    # there are more of them than the limit, so they come second, not instead.
    namesakes = Q(surname_key=surname) if surname else Q(pk__in=[])
    if given:
        namesakes |= Q(surname_key=given)
    # The open case each row may have, when the user may see it: read with the rows, not after.
    open_case = Subquery(
        policy.visible(user, Case)
        .filter(person_id=OuterRef("pk"))
        .exclude(phase=Phase.AFGESLOTEN)
        .order_by()
        .values("number")[:1]
    )
    columns = ("pk", "first_name", "last_name", "date_of_birth", "bsn", "area__name", "case")
    visible = policy.visible(user, Person).order_by().annotate(case=open_case)
    rows = list(visible.filter(likely).values_list(*columns)[:CANDIDATE_LIMIT])
    if len(rows) < CANDIDATE_LIMIT:
        read = [row[0] for row in rows]
        rows += (
            visible.filter(namesakes)
            .exclude(pk__in=read)
            .values_list(*columns)[: CANDIDATE_LIMIT - len(rows)]
        )
    found: list[Candidate] = []
    for pk, first, last, birth, bsn, area, number in rows:
        score = similarity(name, Name(first, last))
        reason = _reason(data, bsn, birth, score)
        if reason is None:
            continue
        found.append(
            Candidate(
                pk, f"{first} {last}".strip(), birth, area, reason, round(score), number or ""
            )
        )
    found.sort(key=lambda c: (_ORDER[c.reason], -c.score, c.name))
    shown = found[:SHOWN]
    for candidate in shown:
        audit.note_read(Person(pk=candidate.person_id))
    return shown


def bsn_taken(user: Actor, bsn: str) -> str:
    """What to tell ``user`` when ``bsn`` is already registered (empty when it is not): the
    open case when they may see it, otherwise whom to ask, without revealing the person."""
    if not bsn:
        return ""
    person_id = Person.objects.filter(bsn=bsn).values_list("pk", flat=True).first()
    if person_id is None:
        return ""
    if not policy.visible(user, Person).filter(pk=person_id).exists():
        return _(
            "This BSN is already registered for a person you cannot see. Nothing was saved; "
            "contact the teamleider before registering this person."
        )
    number = (
        policy.visible(user, Case)
        .filter(person_id=person_id)
        .exclude(phase=Phase.AFGESLOTEN)
        .values_list("number", flat=True)
        .first()
    )
    if number:
        return _("There is already a person with this BSN: open case %(number)s.") % {
            "number": number
        }
    if Case.objects.filter(person_id=person_id).exclude(phase=Phase.AFGESLOTEN).exists():
        return _(
            "There is already a person with this BSN, with an open case you cannot see. "
            "Contact the teamleider."
        )
    return _(
        "There is already a person with this BSN, without an open case. Choose “This is the "
        "same person” for them below to register a case for that person."
    )
