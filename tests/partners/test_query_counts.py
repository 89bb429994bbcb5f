"""A partner's case list and case page cost the same number of queries as data grows."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.cases import services as cases
from regie.cases.models import JournalCategory
from tests.partners.conftest import activate


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_partner_pages_constant(login_as, personas, make_case, signed) -> None:
    client = login_as("partner_stadsdeel")
    category = JournalCategory.objects.all()[0]
    first = make_case(personas["regisseur_a"])
    activate(
        first, signed["noord"], ["phase", "journal", "identity", "zrm"], personas["regisseur_a"]
    )

    def grow(n: int) -> None:
        for _ in range(n):
            case = make_case(personas["regisseur_a"])
            activate(case, signed["noord"], ["phase", "journal"], personas["regisseur_a"])
            cases.add_journal_entry(
                actor=personas["regisseur_a"],
                case=first,
                occurred_on=date(2026, 9, 1),
                category=category,
                text="Gedeeld",
                visibility="partners",
                shared_with=[signed["noord"]],
            )

    grow(3)
    small_list = _count(client, reverse("partners:cases"))
    small_page = _count(client, reverse("partners:case", args=[first.number]))
    grow(40)
    assert _count(client, reverse("partners:cases")) == small_list
    assert _count(client, reverse("partners:case", args=[first.number])) == small_page


def test_the_list_of_requests_is_constant(login_as, personas, make_case, signed) -> None:
    """Matched and unmatched requests alike: one query for the list, however long."""
    from regie.partners import services

    client = login_as("partner_stadsdeel")

    def grow(n: int) -> None:
        for _ in range(n):
            services.request_to_join(
                actor=personas["partner_stadsdeel"],
                case_number=make_case(personas["regisseur_a"]).number,
                organisation=signed["noord"],
                purpose="Betrokkene bekend",
            )
            services.request_to_join(
                actor=personas["partner_stadsdeel"],
                case_number="PGA-1999-0001",
                organisation=signed["noord"],
                purpose="Betrokkene bekend",
            )

    grow(2)
    small = _count(client, reverse("partners:cases"))
    grow(20)
    assert _count(client, reverse("partners:cases")) == small
