from __future__ import annotations

from typing import Any

from django import template

from regie.cases import display
from regie.cases.models import Case

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
def regisseur(context: Any, case: Case) -> str:
    return display.regisseur_name(case, context.get("user"))
