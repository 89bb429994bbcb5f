"""Objects in the access log by their name or number, for the viewer.

The log stores an object as ``app_label.model`` and a primary key (no foreign keys, see
``models.py``). The apps that own the objects register a *namer* per object type: given the
reader and the ids on a page, it returns a phrase per id ("gebruiker Youssef Amrani",
"overleg iPGA-R Teamoverleg van 15 juni 2021") for the objects the policy lets that reader see,
in one query. An object without a namer, or one the reader may not see, is named by its kind and
number ("agendapunt nr. 12"), never by a name the reader may not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from regie.core.http import User

Namer = Callable[[Any, list[str]], Mapping[str, str]]

_namers: dict[str, Namer] = {}


def register_namer(object_type: str, namer: Namer) -> None:
    """Register once, from ``AppConfig.ready()``."""
    _namers[object_type] = namer


def kind_of(object_type: str) -> str:
    """The model's name in the reader's language ("agendapunt"), or the type as stored."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


def fallback(object_type: str, object_id: str) -> str:
    if not object_type:
        return ""
    if not object_id:
        return kind_of(object_type)
    return _("%(kind)s no. %(id)s") % {"kind": kind_of(object_type), "id": object_id}


def names_for(reader: User, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Phrases for the (object type, id) pairs: one query per object type that has a namer."""
    wanted: dict[str, set[str]] = {}
    for object_type, object_id in pairs:
        if object_type and object_id:
            wanted.setdefault(object_type, set()).add(object_id)
    found: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        namer = _namers.get(object_type)
        if namer is None:
            continue
        numeric = sorted(i for i in ids if i.isdigit())
        if not numeric:
            continue
        for object_id, phrase in namer(reader, numeric).items():
            found[(object_type, str(object_id))] = phrase
    return found
