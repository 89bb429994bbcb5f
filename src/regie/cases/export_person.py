"""What the data-subject export holds on the person beside their cases: the duplicate checks
that concerned them (this app), and what higher apps register as person-level sections
(``extensions.register_person_section``: the signals about the person, from ``intake``).

A duplicate check compares two registrations; the other person's identity is theirs, not the
data subject's (AVG art. 15(4)), so an entry says which side the subject was on, never who the
other registration was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.cases import extensions
from regie.cases.export_staff import Roles, StaffNames
from regie.cases.models import DuplicateDecision, Person


def _duplicate_rows(person: Any) -> list[DuplicateDecision]:
    rows = (
        DuplicateDecision.objects.filter(Q(candidate=person) | Q(new_person=person))
        .select_related("case", "decided_by")
        .order_by("decided_at", "id")
    )
    for row in rows:
        # Which side of the check the subject was on, for ``_duplicate_entry``.
        row.subject_id = person.pk  # type: ignore[attr-defined]
    return list(rows)


def _duplicate_entry(row: DuplicateDecision, staff: extensions.StaffNamer) -> dict[str, Any]:
    existing = row.candidate_id == getattr(row, "subject_id", None)
    same = row.decision == DuplicateDecision.Decision.SAME
    if existing:
        registration = _("your existing registration, compared with a new one")
    else:
        registration = _("your new registration, compared with an existing one")
    return {
        "decided_at": timezone.localtime(row.decided_at),
        "decision": row.decision,
        "decision_label": str(DuplicateDecision.Decision(row.decision).label),
        "registration": registration,
        "case": row.case.number if row.case is not None else None,
        "decided_by": staff.name(row.decided_by),
        "text": _("Judged to be the same person.") if same else _("Judged to be another person."),
    }


DUPLICATES = extensions.PersonSection(
    key="duplicate_decisions",
    title=gettext_lazy("Checks for a double registration"),
    empty=gettext_lazy("Your registration was never compared with another one."),
    rows=_duplicate_rows,
    entry=_duplicate_entry,
    columns=(
        ("decided_at", gettext_lazy("Date")),
        ("registration", gettext_lazy("Registration")),
        ("text", gettext_lazy("Decision")),
        ("case", gettext_lazy("Case")),
        ("decided_by", gettext_lazy("By")),
    ),
    users=lambda row: (row.decided_by,),
    order=900,
)


def sections() -> list[extensions.PersonSection]:
    return sorted([*extensions.person_sections(), DUPLICATES], key=lambda s: (s.order, s.key))


def collect(person: Person) -> dict[str, Sequence[Any]]:
    """Each section's rows for ``person``: a fixed number of queries per section."""
    return {section.key: section.rows(person) for section in sections()}


def users(collected: Mapping[str, Sequence[Any]]) -> Iterable[Any]:
    for section in sections():
        for row in collected.get(section.key, ()):
            yield from section.users(row)


def person_data(
    collected: Mapping[str, Sequence[Any]], roles: Roles, *, named: bool
) -> dict[str, list[dict[str, Any]]]:
    """The sections as JSON-ready lists, keyed by section; staff by role unless ``named``."""
    staff = StaffNames(None, list(users(collected)), roles=roles, named=named)
    return {
        section.key: [section.entry(row, staff) for row in collected.get(section.key, ())]
        for section in sections()
    }
