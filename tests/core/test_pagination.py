"""Keyset pagination: a cursor from outside is validated; a malformed one gives the first page."""

from __future__ import annotations

import base64
import json

import pytest

from regie.core.pagination import Order, _encode, paginate
from regie.organisations.models import Organisation

ORDER = [Order("name"), Order("id")]


def cursor_of(values: list[object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.fixture
def rows(db) -> list[Organisation]:
    Organisation.objects.all().delete()
    return [
        Organisation.objects.create(name=f"Organisatie {i:02d}", kind=Organisation.Kind.GGD)
        for i in range(7)
    ]


def test_pages_follow_each_other_without_overlap(rows) -> None:
    seen, cursor = [], None
    while True:
        page = paginate(Organisation.objects.all(), ORDER, cursor, 3)
        seen += [o.pk for o in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [o.pk for o in rows]


@pytest.mark.parametrize(
    "cursor",
    [
        "!!",
        cursor_of([1]),
        cursor_of(["a", "b", "c"]),
        cursor_of([{"x": 1}, 1]),
        cursor_of(["Organisatie 02", "not a number"]),
        cursor_of([{"d": "not a date"}, 1]),
        base64.urlsafe_b64encode(b'["Organisatie 02", Infinity]').decode(),
        base64.urlsafe_b64encode(b'["Organisatie 02", NaN]').decode(),
        base64.urlsafe_b64encode(b'["Organisatie 02", 1e999]').decode(),
        cursor_of(["Organisatie 02", 1.5]),
        cursor_of(["Organisatie\u0000 02", 1]),
        base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode(),
    ],
)
def test_a_malformed_cursor_gives_the_first_page(rows, cursor: str) -> None:
    first = paginate(Organisation.objects.all(), ORDER, None, 3)
    assert paginate(Organisation.objects.all(), ORDER, cursor, 3).items == first.items


def test_a_value_of_the_wrong_kind_for_its_column_gives_the_first_page(rows) -> None:
    """Text where a date goes raises Django's ValidationError, not ValueError, when the filter
    is built: it must not become a 500."""
    order = [Order("covenant_signed_on"), Order("id")]
    first = paginate(Organisation.objects.all(), order, None, 3)
    cursor = _encode(["2026-13-45", 1])
    assert paginate(Organisation.objects.all(), order, cursor, 3).items == first.items
