"""List pages cost the same number of queries with 10 or 300 cases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.cases import services
from regie.cases.models import Case, FlagType, JournalCategory, LifeDomain


def _queries(client, url: str, params: dict[str, str] | None = None) -> int:
    # The search form posts (names never go into URLs); the lists filter by GET.
    send = client.post if url == reverse("cases:search") else client.get
    send(url, params or {})  # warm: session, caches
    with CaptureQueriesContext(connection) as ctx:
        response = send(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(make_case: Callable[..., Case], personas, n: int) -> None:
    flag = FlagType.objects.get(code="familiebijeenkomst")
    for i in range(n):
        owner = personas["regisseur_a"] if i % 3 else None
        case = make_case(owner, first_name="Sam", last_name=f"Jansen{i}")
        if i % 4 == 0:
            case.flags.add(flag)


@pytest.mark.parametrize(
    ("persona", "url_name", "params"),
    [
        ("regisseur_a", "cases:caseload", {}),
        ("regisseur_a", "cases:caseload", {"sort": "-phase_since", "flag": "1"}),
        ("teamleider", "cases:overview", {}),
        ("teamleider", "cases:search", {"q": "jansen"}),
        ("teamleider", "cases:flag_list", None),
    ],
)
def test_constant_queries(login_as, personas, make_case, persona, url_name, params) -> None:
    client = login_as(persona)
    url = (
        reverse(url_name, args=["familiebijeenkomst"])
        if url_name == "cases:flag_list"
        else reverse(url_name)
    )
    _grow(make_case, personas, 10)
    small = _queries(client, url, params)
    _grow(make_case, personas, 290)
    large = _queries(client, url, params)
    assert small == large, f"{url}: {small} queries with 10 cases, {large} with 300"


def test_case_page_queries_do_not_grow_with_its_history(login_as, personas, own_case) -> None:
    client = login_as("regisseur_a")
    url = reverse("cases:detail", args=[own_case.number])
    category = JournalCategory.objects.all()[0]
    domains = list(LifeDomain.objects.all())

    def add(n: int) -> None:
        for i in range(n):
            services.add_journal_entry(
                actor=personas["regisseur_a"],
                case=own_case,
                occurred_on=own_case.opened_on,
                category=category,
                text=f"Notitie {i}",
                visibility="regie",
            )
            services.add_zrm(
                actor=personas["regisseur_a"],
                case=own_case,
                assessed_on=own_case.opened_on,
                scores=dict.fromkeys(domains, 3),
            )

    add(2)
    small = _queries(client, url)
    add(20)
    assert _queries(client, url) == small
