"""How the data-subject export names staff: by role, never by name (AVG art. 15(4), the rights
of others), unless the privacy officer includes names for one export with a written reason.

A role word says what someone is to the data subject: "regisseur", "teamleider", "partner
Stadsdeel Noord". It comes from the user's membership (the primary current one), or for the
audit log from the role and organisation stored on the event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.models import PARTNER_ROLES, Membership, Role
from regie.cases.models import Case

if TYPE_CHECKING:
    from regie.accounts.models import User

# user id -> (role value, organisation name)
Roles = Mapping[int, tuple[str, str]]


def role_word(*, is_regisseur: bool) -> str:
    return _("case director") if is_regisseur else _("staff member")


def partner_word(organisation: str) -> str:
    if not organisation:
        return _("partner organisation")
    return _("partner %(organisation)s") % {"organisation": organisation}


def staff_label(role: str, organisation: str) -> str:
    """The role word for a role value and organisation name ("partner Stadsdeel Noord")."""
    if role in PARTNER_ROLES:
        return partner_word(organisation)
    if role in Role.values:
        return str(Role(role).label)
    return role_word(is_regisseur=False)


def roles_of(users: Iterable[Any]) -> dict[int, tuple[str, str]]:
    """The role and organisation of each user, in one query: their primary current membership,
    else their most recent one (a member of staff who has left is still named by role)."""
    ids = {user.pk for user in users if user is not None}
    if not ids:
        return {}
    today = timezone.localdate()
    found: dict[int, tuple[bool, tuple[str, str]]] = {}
    memberships = (
        Membership.objects.filter(user_id__in=ids)
        .select_related("organisation")
        .order_by("user_id", "-is_primary", "-starts_on", "id")
    )
    for membership in memberships:
        current = membership.starts_on <= today and (
            membership.ends_on is None or membership.ends_on >= today
        )
        known = found.get(membership.user_id)
        if known is None or (current and not known[0]):
            found[membership.user_id] = (
                current,
                (membership.role, membership.organisation.name),
            )
    return {user_id: value for user_id, (_current, value) in found.items()}


class StaffNames:
    """How staff appear in the export of one case (``cases.extensions.StaffNamer``).

    By default every member of staff is a role word: "regisseur" for the case's own case
    director, otherwise the role of their membership ("teamleider", "partner Stadsdeel
    Noord"), and their names (and user names) are also taken out of the free texts written on
    the case. With ``named`` (the privacy officer's choice for one export) names stay."""

    def __init__(
        self,
        case: Case | None,
        users: Iterable[Any],
        *,
        roles: Roles,
        named: bool = False,
        directors: Iterable[str] = (),
        others: Iterable[tuple[str, str]] = (),
    ) -> None:
        """``users``: every member of staff on the case; ``directors``: names of (earlier) case
        directors as written into the timeline; ``others``: other people named as text (a
        partner's contact person) with the role word that replaces them. Without ``case`` (what
        is held on the person beside their cases) nobody is "the" case director."""
        self.named = named
        self.regisseur_id = case.regisseur_id if case is not None else None
        self._roles = roles
        self._pattern: re.Pattern[str] | None = None
        self._words: dict[str, str] = {}
        if named:
            return
        for user in users:
            if user is None:
                continue
            word = self._role(user)
            for name in (user.get_full_name(), user.get_username()):
                self._words.setdefault(str(name).strip().casefold(), word)
        for name in directors:
            self._words.setdefault(str(name).strip().casefold(), role_word(is_regisseur=True))
        for name, word in others:
            self._words.setdefault(str(name).strip().casefold(), word)
        # Longest first, so "Anna de Vries" goes before a bare "Anna"; skip tiny tokens. Whole
        # words only: a contact called "Contact" must leave "Contactgegevens" alone.
        wanted = sorted((n for n in self._words if len(n) >= 3), key=len, reverse=True)
        if wanted:
            names = "|".join(re.escape(n) for n in wanted)
            self._pattern = re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE)

    def _role(self, user: User, organisation: str = "") -> str:
        if user.pk == self.regisseur_id:
            return role_word(is_regisseur=True)
        if organisation:
            return partner_word(organisation)
        role, member_of = self._roles.get(user.pk, ("", ""))
        return staff_label(role, member_of)

    def name(self, user: User | None, *, organisation: str = "") -> str | None:
        if user is None:
            return None
        if self.named:
            return str(user.get_full_name() or user.get_username())
        return self._role(user, organisation)

    def text(self, value: str) -> str:
        if self._pattern is None or not value:
            return value
        fallback = role_word(is_regisseur=False)
        return self._pattern.sub(lambda m: self._words.get(m[0].casefold(), fallback), value)

    def contact(self, name: str, organisation: str) -> str:
        if self.named:
            return name
        return contact_word(organisation)


def contact_word(organisation: str) -> str:
    return _("contact person at %(organisation)s") % {"organisation": organisation}
