"""Navigation entries registered by apps; the shell shows only those the policy permits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from regie.core.http import Actor
from regie.core.policy import permits
from regie.core.vocabulary import Action


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    action: Action
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.key] = item


def for_user(user: Actor | None, current_path: str = "") -> list[dict[str, Any]]:
    entries = []
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.key)):
        if not permits(user, item.action):
            continue
        url = reverse(item.url_name)
        current = url == current_path if url == "/" else current_path.startswith(url)
        entries.append({"label": item.label, "url": url, "current": current, "key": item.key})
    return entries
