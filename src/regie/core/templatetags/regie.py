from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def days_since(moment: datetime | date | None, today: date | None = None) -> int | str:
    if moment is None:
        return ""
    day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    return ((today or timezone.localdate()) - day).days


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def bar_width(total: int, rows: list[object]) -> int:
    """Width class (0–10) of a balance bar relative to the largest caseload in ``rows``."""
    largest = max((getattr(row, "total", 0) for row in rows), default=0)
    return round(10 * total / largest) if largest else 0


_ROLE_LABELS: dict[str, object] = {}


def register_role_labels(choices: list[tuple[str, object]]) -> None:
    """Apps that define roles register their labels, so kernel pages can show them."""
    _ROLE_LABELS.update(dict(choices))


@register.filter
def role_label(code: str) -> object:
    return _ROLE_LABELS.get(code, code)
