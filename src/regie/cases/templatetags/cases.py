from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from regie.cases import display
from regie.cases.models import Case, JournalEntry, Phase, Visibility
from regie.core import policy

register = template.Library()


def _hides_staff(context: Any, case: Case) -> bool:
    """Whether this reader sees roles instead of staff names on ``case``: decided once per
    case and render, not for every name on the page."""
    cache = context.render_context.setdefault("regie_hides_staff", {})
    if case.pk not in cache:
        cache[case.pk] = display.hides_staff(case, context.get("user"))
    return bool(cache[case.pk])


@register.simple_tag(takes_context=True)
def staff(context: Any, person: Any, case: Case) -> str:
    """``{% staff entry.author case %}``: the name, or the role on a protected case."""
    return display.staff_name(person, case, context.get("user"), hidden=_hides_staff(context, case))


@register.simple_tag(takes_context=True)
def timeline_text(context: Any, event: Any, case: Case) -> str:
    return str(event.text_for(hide_staff=_hides_staff(context, case)))


@register.simple_tag(takes_context=True)
def journal_editable(context: Any, entries: Iterable[JournalEntry]) -> set[int]:
    """``{% journal_editable items as editable %}``: the ids of the entries this reader may edit
    (``cases.journal.edit``), asked of the policy once for the whole batch, not per entry."""
    return policy.permitted(context.get("user"), "cases.journal.edit", list(entries))


@register.filter
def phase_label(value: str) -> str:
    """The phase's label without ``get_phase_display`` (the case tables hold ``CaseRow``s, and
    that method translates every phase label on each call); unknown values as they are."""
    try:
        return str(Phase(value).label)
    except ValueError:
        return value


@register.filter
def visibility_label(value: str) -> str:
    """A journal entry's visibility label, as ``phase_label`` (cheaper than
    ``get_visibility_display``, which rebuilds the choices on every call)."""
    try:
        return str(Visibility(value).label)
    except ValueError:
        return value


@register.simple_tag(takes_context=True)
def regisseur(context: Any, case: Case) -> str:
    return display.regisseur_name(case, context.get("user"))
