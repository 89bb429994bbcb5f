from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from regie.cases import selectors
from regie.cases.models import Case

URL = reverse("cases:search")


@pytest.fixture
def population(personas, make_case) -> dict[str, Case]:
    return {
        "zoe": make_case(
            personas["regisseur_a"],
            first_name="Zoë",
            last_name="Öztürk",
            date_of_birth=date(2003, 4, 17),
        ),
        "chloe": make_case(personas["regisseur_a"], first_name="Chloé", last_name="de Vries"),
        "other": make_case(
            personas["regisseur_b"],
            first_name="Zoe",
            last_name="Ozturk-Bakker",
            date_of_birth=date(2003, 4, 17),
        ),
    }


def numbers(rows: list[selectors.CaseRow]) -> list[str]:
    return [row.number for row in rows]


@pytest.mark.parametrize("query", ["zoe", "ZOË", "öztü", "oztur", "zoë öztürk", "Zoe Ozturk"])
def test_accent_and_case_insensitive_partial_names(personas, population, query: str) -> None:
    found = selectors.search(personas["regisseur_a"], query)
    assert numbers(found) == [population["zoe"].number]


def test_by_case_number_and_date_of_birth(personas, population) -> None:
    zoe = population["zoe"]
    for query in (
        zoe.number,
        zoe.number.lower(),
        "17-04-2003",
        "2003-04-17",
        "17 april 2003",  # as the case page shows it
        "17 April 2003",
        "17 apr. 2003",
        "17/4/2003",
    ):
        assert numbers(selectors.search(personas["regisseur_a"], query)) == [zoe.number]


def test_teamleider_finds_across_caseloads(personas, population) -> None:
    found = selectors.search(personas["teamleider"], "ozturk")
    assert set(numbers(found)) == {population["zoe"].number, population["other"].number}


def test_invisible_cases_are_indistinguishable_from_no_match(login_as, population) -> None:
    client = login_as("regisseur_b")
    hidden = client.post(URL, {"q": population["zoe"].number})  # exists, but not theirs
    nothing = client.post(URL, {"q": "PGA-1999-9999"})  # does not exist
    assert list(hidden.context["results"]) == list(nothing.context["results"]) == []
    assert hidden.status_code == nothing.status_code == 200
    by_name = client.post(URL, {"q": "chloé"})
    assert by_name.context["results"] == []


@pytest.mark.parametrize("query", ["", "a", " ", "%", "_", "' OR 1=1 --", "x" * 500])
def test_odd_queries_are_harmless(login_as, population, query: str) -> None:
    response = login_as("teamleider").post(URL, {"q": query})
    assert response.status_code == 200
    assert all(isinstance(c, selectors.CaseRow) for c in response.context["results"])


def test_results_are_logged_as_reads(login_as, population) -> None:
    from regie.audit.models import AuditEvent

    login_as("regisseur_a").post(URL, {"q": "zoë"})
    assert AuditEvent.objects.filter(
        action="cases.search.read", case_id=population["zoe"].number
    ).exists()


def test_htmx_search_returns_only_results(login_as, population) -> None:
    response = login_as("regisseur_a").post(URL, {"q": "zoe"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert population["zoe"].number.encode() in response.content


def test_result_rows_escape_what_they_show(login_as, personas, make_case) -> None:
    """The case tables' rows are built in Python (``case_rows``): names are escaped there."""
    from datetime import timedelta

    from django.utils import timezone

    from regie.cases.models import FlagType

    case = make_case(
        None,
        first_name="<b>Ada</b>",
        last_name='Jansen"><script>alert(1)</script>',
        next_review_on=timezone.localdate() - timedelta(days=3),
    )
    case.flags.add(FlagType.objects.get(code="media"))
    html = login_as("teamleider").post(URL, {"q": "jansen"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Ada&lt;/b&gt; Jansen&quot;&gt;&lt;script&gt;" in html
    assert f'href="{reverse("cases:detail", args=[case.number])}"' in html
    assert '<span class="regie-overdue">' in html
    assert "<strong>Vacancy</strong>" in html or "<strong>Vacature</strong>" in html
    assert '<span class="regie-flag">' in html


# --- Names never go into URLs (issue 10, point 15) ----------------------------------------------


def test_the_search_form_posts_and_never_puts_the_query_in_a_url(login_as, population) -> None:
    client = login_as("regisseur_a")
    page = client.get(URL).content.decode()
    form = page.split('role="search"')[0].rsplit("<form", 1)[1]
    assert 'method="post"' in form
    assert "hx-get" not in form
    assert "hx-push-url" not in page
    assert "csrfmiddlewaretoken" in page


def test_a_query_string_does_not_search(login_as, population) -> None:
    response = login_as("regisseur_a").get(URL, {"q": "zoë"})
    assert response.status_code == 200
    assert response.context["searched"] is False
    assert population["zoe"].number not in response.content.decode()


def test_the_result_page_is_not_cached(login_as, population) -> None:
    response = login_as("regisseur_a").post(URL, {"q": "zoë"})
    assert population["zoe"].number in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_search_without_the_csrf_token_is_refused(personas, population) -> None:
    from django.test import Client

    from tests.conftest import verify_session

    client = Client(enforce_csrf_checks=True)
    verify_session(client, personas["regisseur_a"])
    assert client.post(URL, {"q": "zoë"}).status_code == 403


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("24 juli 2002", date(2002, 7, 24)),
        ("24 jul 2002", date(2002, 7, 24)),
        ("1 mrt. 2001", date(2001, 3, 1)),
        ("1 maart 2001", date(2001, 3, 1)),
        ("1 March 2001", date(2001, 3, 1)),
        ("3 mei 1999", date(1999, 5, 3)),
        ("31 oktober 2000", date(2000, 10, 31)),
        ("31 februari 2000", None),
        ("24 ju 2002", None),
        ("juli 2002", None),
        ("Jansen", None),
    ],
)
def test_written_dates(text: str, day: date | None) -> None:
    from regie.core.dates import parse_date

    assert parse_date(text) == day
