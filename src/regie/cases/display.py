"""How staff appear to a given reader.

On a case with a protecting flag (media attention), staff names are shown only to the regie
team; everyone else reads the role instead. Exports of such a case never carry staff names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from regie.cases.models import Case

if TYPE_CHECKING:
    from regie.accounts.models import User


def hides_staff(case: Case, reader: User | None) -> bool:
    return case.is_protected() and not (reader is not None and reader.in_regie_team())


def staff_name(
    person: User | None, case: Case, reader: User, *, role: str = "", hidden: bool | None = None
) -> str:
    """``hidden``: ``hides_staff(case, reader)`` when the caller already knows it."""
    if person is None:
        return ""
    if hides_staff(case, reader) if hidden is None else hidden:
        return role or _("staff member")
    return str(person.get_full_name() or person.get_username())


def regisseur_name(case: Case, reader: User) -> str:
    return staff_name(case.regisseur, case, reader, role=_("case director"))
