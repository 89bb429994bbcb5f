"""Keyset ("seek") pagination: constant cost per page however deep one goes.

The ordering must end in a unique column (the primary key). The cursor carries the sort values
of the last row shown; it is not secret (it only narrows a queryset that is already scoped to
what the user may see) but it is validated, and a malformed one gives the first page.
"""

from __future__ import annotations

import base64
import contextlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

# A model instance or a row of ``values_list(named=True)``: anything with the order's fields.
M = TypeVar("M")


@dataclass(frozen=True)
class Order:
    field: str
    descending: bool = False


@dataclass
class Page(Generic[M]):
    items: list[M]
    next_cursor: str | None


def _encode(values: list[Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"dt": value.isoformat()}
        if isinstance(value, date):
            return {"d": value.isoformat()}
        return value

    raw = json.dumps([plain(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        # No floats at all (no order column is one): that also refuses Infinity, NaN and 1e999,
        # which would overflow when the filter is built.
        values = json.loads(raw, parse_float=_refuse, parse_constant=_refuse)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(values, list) or len(values) != size:
        return None
    decoded: list[Any] = []
    for value in values:
        try:
            if isinstance(value, dict) and "dt" in value:
                decoded.append(datetime.fromisoformat(value["dt"]))
            elif isinstance(value, dict) and "d" in value:
                decoded.append(date.fromisoformat(value["d"]))
            elif isinstance(value, str) and "\x00" not in value:
                # PostgreSQL refuses NUL in text, when the query runs rather than when it is built.
                decoded.append(value)
            elif isinstance(value, int) or value is None:
                decoded.append(value)
            else:
                return None
        except (TypeError, ValueError):
            return None
    return decoded


def _refuse(text: str) -> Any:
    raise ValueError(f"not a cursor value: {text[:20]}")


def _after(order: list[Order], values: list[Any]) -> Q:
    condition = Q()
    for i, key in enumerate(order):
        step = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": values[i]})
        for prev, prev_value in zip(order[:i], values[:i], strict=True):
            step &= Q(**{prev.field: prev_value})
        condition |= step
    return condition


def paginate(
    queryset: QuerySet[Any, M], order: list[Order], cursor: str | None, size: int
) -> Page[M]:
    if not order or order[-1].field not in ("id", "pk"):
        raise ValueError("keyset ordering must end with the primary key")
    ordered = queryset.order_by(*[f"{'-' if o.descending else ''}{o.field}" for o in order])
    if cursor:
        values = _decode(cursor, len(order))
        if values is not None:
            # A value of the wrong kind for its column (text where a date goes) is as malformed
            # as an undecodable cursor.
            with contextlib.suppress(ValueError, TypeError, OverflowError, ValidationError):
                ordered = ordered.filter(_after(order, values))
    rows = list(ordered[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = _encode([_value(last, o.field) for o in order])
    return Page(rows, next_cursor)


def _value(obj: Any, field: str) -> Any:
    if hasattr(obj, field):  # a named row of values_list: the attribute is the lookup itself
        return getattr(obj, field)
    for part in field.split("__"):
        obj = getattr(obj, part)
    return obj
