"""Lenient parsing of query parameters: a malformed filter means "no filter", not an error."""

from __future__ import annotations


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
