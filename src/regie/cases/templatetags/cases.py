from __future__ import annotations

from typing import Any

from django import template

from regie.cases import display
from regie.cases.models import Case

register = template.Library()


@register.simple_tag(takes_context=True)
def staff(context: dict[str, Any], person: Any, case: Case) -> str:
    """``{% staff entry.author case %}``: the name, or the role on a protected case."""
    return display.staff_name(person, case, context.get("user"))


@register.simple_tag(takes_context=True)
def timeline_text(context: dict[str, Any], event: Any, case: Case) -> str:
    reader = context.get("user")
    hidden = case.is_protected() and not (reader is not None and reader.in_regie_team())
    return str(event.text_for(hide_staff=hidden))


@register.simple_tag(takes_context=True)
def regisseur(context: dict[str, Any], case: Case) -> str:
    return display.regisseur_name(case, context.get("user"))
