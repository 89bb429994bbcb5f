"""Concurrent writers, in one place (issue 12.2).

Two mechanisms, with different names because they do different things:

* ``bump``: optimistic locking. A record carries a ``version``; a save names the version its
  form was built from, and the second of two saves from the same version gets ``Conflict``
  (never a lost update). ``Conflict.changes`` says which fields differ between what this user
  submitted and what is stored now, so the page can show both.
* ``hold``: a row lock (``SELECT … FOR UPDATE``) for the rest of the transaction, for writers
  that read a row and then rewrite it (agenda positions, adoption) and must queue.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


class Conflict(Exception):
    """Someone else saved first. ``changes`` maps field → (your value, the stored value)."""

    def __init__(self, changes: Mapping[str, tuple[Any, Any]] | None = None) -> None:
        super().__init__("conflict")
        self.changes: dict[str, tuple[Any, Any]] = dict(changes or {})

    def rows(
        self, model: type[models.Model], *, hide: frozenset[str] = frozenset()
    ) -> list[tuple[str, Any, Any]]:
        """The conflict in the reader's words: (field label, yours, stored) per field, choice
        values by their label and people by their name."""
        fields = {f.name: f for f in model._meta.fields}

        def show(name: str, value: Any) -> Any:
            field = fields.get(name)
            if field is not None and field.choices:
                return dict(field.flatchoices).get(value, value)
            if hasattr(value, "get_full_name"):
                return value.get_full_name() or str(value)
            return value

        return [
            (
                str(fields[name].verbose_name) if name in fields else name,
                show(name, a),
                show(name, b),
            )
            for name, (a, b) in self.changes.items()
            if name not in hide
        ]


def differences(current: Any, submitted: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields where what the user submitted differs from what is stored now."""
    return {
        name: (value, getattr(current, name))
        for name, value in submitted.items()
        if getattr(current, name) != value
    }


def bump(
    obj: M,
    expected_version: int | None,
    fields: Mapping[str, Any] | None = None,
    *,
    touch: str | None = None,
) -> None:
    """Write ``fields`` and raise the version by one, if the stored version is still
    ``expected_version``; otherwise raise ``Conflict`` with the differences.

    ``expected_version=None`` means the caller has no version from a form (a command, a
    follow-up write in the same transaction): the stored version is taken as it is now.
    ``touch`` names a timestamp field to set to now with the write (``updated_at``).
    """
    manager = type(obj)._default_manager
    values = dict(fields or {})
    stored = manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    if stored is None:
        raise Conflict()
    if expected_version is not None and stored != expected_version:
        current = manager.get(pk=obj.pk)
        raise Conflict(differences(current, values) or {"version": (expected_version, stored)})
    if touch is not None:
        values[touch] = timezone.now()
    if manager.filter(pk=obj.pk, version=stored).update(**values, version=stored + 1) != 1:
        # Another writer slipped in between the read and the write.
        raise Conflict({"version": (stored, stored + 1)})
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version = stored + 1  # type: ignore[attr-defined]


def hold(*objs: M) -> None:
    """Lock the rows of ``objs`` (one model) until the transaction ends, in primary-key order
    so two writers never wait on each other crosswise; refresh nothing (callers read what they
    need after holding)."""
    if not objs:
        return
    model = type(objs[0])
    list(
        model._default_manager.select_for_update()
        .filter(pk__in=sorted(o.pk for o in objs))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
