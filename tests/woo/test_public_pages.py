"""The public publication pages (``/openbaar/``): what anyone sees, with no login, no cookie,
cacheable; and that nothing on them reaches a publication that is not published."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.organisations.models import Organisation
from regie.woo.export import diwoo
from regie.woo.models import Publication, PublishedFile
from regie.woo.public import selectors
from tests.woo.public_world import SECRETS, TITLES, World, make_publication, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations: dict[str, Organisation]) -> World:
    return make_world(organisations)


HIDDEN = ("concept", "ter_beoordeling", "goedgekeurd")
FILE_KINDS = ("pdf", "tekst", "diwoo")


def _urls_of(publication: Publication) -> list[str]:
    return [
        reverse("openbaar:detail", args=[publication.pk]),
        *(reverse("openbaar:file", args=[publication.pk, kind]) for kind in FILE_KINDS),
    ]


def test_the_list_shows_published_and_withdrawn_newest_first(client: Client, world: World) -> None:
    response = client.get(reverse("openbaar:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert TITLES["gepubliceerd"] in page
    assert TITLES["ingetrokken"] in page
    for status in HIDDEN:
        assert TITLES[status] not in page
    for secret in SECRETS.values():
        assert secret not in page
    # The withdrawn one was published last: newest first.
    assert page.index(TITLES["ingetrokken"]) < page.index(TITLES["gepubliceerd"])
    assert reverse("openbaar:detail", args=[world["gepubliceerd"].pk]) in page
    assert reverse("openbaar:inventory_csv") in page
    assert reverse("openbaar:inventory_pdf") in page
    assert "vergaderstukken decentrale overheden" in page
    assert "Ingetrokken" in page


def test_search_by_title_words_dates_and_category(client: Client, world: World) -> None:
    woo_a, woo_b = world.woo_a, world.woo_b
    make_publication(
        woo_a,
        woo_b,
        title="Besluitenlijst Weegploeg oktober",
        secret="Pieter Ankersmit",
        status="gepubliceerd",
        adopted_on=dt.date(2022, 10, 4),
        category=diwoo.WOO_VERZOEKEN.resource,
    )
    url = reverse("openbaar:list")

    def titles(**query: str) -> set[str]:
        response = client.get(url, query)
        assert response.status_code == 200
        return {item["publication"].title for item in response.context["items"]}

    assert titles(q="weegploeg OKTOBER") == {"Besluitenlijst Weegploeg oktober"}
    assert titles(q="teamoverleg") == {TITLES["gepubliceerd"], TITLES["ingetrokken"]}
    assert titles(q="teamoverleg januari") == set()  # a concept is never found
    assert titles(van="2022-01-01") == {"Besluitenlijst Weegploeg oktober"}
    assert titles(tot="31-12-2021") == {TITLES["gepubliceerd"], TITLES["ingetrokken"]}
    assert titles(van="2022-10-04", tot="2022-10-04") == {"Besluitenlijst Weegploeg oktober"}
    assert titles(categorie=diwoo.WOO_VERZOEKEN.resource) == {"Besluitenlijst Weegploeg oktober"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "31-02-2021"}, "Geef een datum zoals"),
        ({"tot": "gisteren"}, "Geef een datum zoals"),
        ({"van": "0001-01-01"}, "Geef een datum tussen 1900 en 2100"),
        ({"van": "2022-01-02", "tot": "2022-01-01"}, "De einddatum ligt voor de begindatum"),
        ({"q": "x" * 5000}, "Zoek met ten hoogste 200 tekens"),
        ({"q": "a b c d e f g h i j k l"}, "Zoek met ten hoogste 10 woorden"),
        ({"q": "nul\x00byte"}, ""),
        ({"categorie": "https://example.org/niet-bestaand"}, "Kies een categorie uit de lijst"),
    ],
)
def test_bad_filters_are_a_dutch_400_never_a_500(
    client: Client, world: World, query: dict[str, str], message: str
) -> None:
    response = client.get(reverse("openbaar:list"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "De zoekopdracht kon niet worden uitgevoerd" in page
    assert message in page
    assert TITLES["gepubliceerd"] not in page
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_a_bad_cursor_gives_the_first_page(client: Client, world: World) -> None:
    response = client.get(reverse("openbaar:list"), {"na": "!!!niet-een-cursor"})
    assert response.status_code == 200
    assert len(response.context["items"]) == 2


def test_the_list_pages_with_a_fixed_size(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "PAGE_SIZE", 1)
    monkeypatch.setattr(selectors.listing, "__defaults__", (1,))
    first = client.get(reverse("openbaar:list"), {"q": "teamoverleg"})
    assert [i["publication"].title for i in first.context["items"]] == [TITLES["ingetrokken"]]
    next_query = first.context["next_query"]
    assert next_query
    assert "q=teamoverleg" in next_query
    second = client.get(f"{reverse('openbaar:list')}?{next_query}")
    assert [i["publication"].title for i in second.context["items"]] == [TITLES["gepubliceerd"]]
    assert second.context["next_query"] is None


def test_the_detail_page(client: Client, world: World) -> None:
    published = world["gepubliceerd"]
    response = client.get(reverse("openbaar:detail", args=[published.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert published.title in page
    assert "vergaderstukken decentrale overheden" in page
    assert "vergaderverslag" in page
    assert "15 juni 2021" in page
    assert "5.1.2.e" in page
    grounds = response.context["grounds"]
    assert [(g.code, g.count) for g in grounds] == [("5.1.2.e", 2)]
    for file in PublishedFile.objects.filter(publication=published):
        assert file.sha256 in page
    for kind in FILE_KINDS:
        assert reverse("openbaar:file", args=[published.pk, kind]) in page
    assert SECRETS["gepubliceerd"] not in page


def test_the_files_with_their_headers(client: Client, world: World) -> None:
    published = world["gepubliceerd"]
    stored = {f.kind: f for f in PublishedFile.objects.filter(publication=published)}
    expected = {
        "pdf": ("pdf", "application/pdf", "inline", ".pdf"),
        "tekst": ("txt", "text/plain; charset=utf-8", "inline", ".txt"),
        "diwoo": ("diwoo", "application/xml; charset=utf-8", "attachment", ".xml"),
    }
    for kind, (stored_kind, content_type, disposition, extension) in expected.items():
        response = client.get(reverse("openbaar:file", args=[published.pk, kind]))
        assert response.status_code == 200
        body = response.content
        assert body == bytes(stored[stored_kind].content)
        assert hashlib.sha256(body).hexdigest() == stored[stored_kind].sha256
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith(f"{disposition}; filename=")
        assert response["Content-Disposition"].endswith(f'{extension}"')
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["ETag"] == f'"{stored[stored_kind].sha256}"'
        assert SECRETS["gepubliceerd"].encode() not in body
    assert (
        b"[5.1.2.e]" in client.get(reverse("openbaar:file", args=[published.pk, "tekst"])).content
    )
    assert client.get(reverse("openbaar:file", args=[published.pk, "docx"])).status_code == 404


def test_a_withdrawn_publication_says_so_and_its_files_are_gone(
    client: Client, world: World
) -> None:
    withdrawn = world["ingetrokken"]
    response = client.get(reverse("openbaar:detail", args=[withdrawn.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ingetrokken op" in page
    assert "Bevat een fout in de datering." in page
    for kind in FILE_KINDS:
        assert reverse("openbaar:file", args=[withdrawn.pk, kind]) not in page
        gone = client.get(reverse("openbaar:file", args=[withdrawn.pk, kind]))
        assert gone.status_code == 410
        assert "ingetrokken" in gone.content.decode()
        assert gone["Content-Type"].startswith("text/html")
        assert not gone.cookies


@pytest.mark.parametrize("status", HIDDEN)
def test_every_non_published_status_is_exactly_a_404(
    client: Client, world: World, status: str
) -> None:
    hidden = world[status]
    never = max(Publication.objects.values_list("pk", flat=True)) + 1000
    for url, absent in zip(_urls_of(hidden), _urls_of(Publication(pk=never)), strict=True):
        response = client.get(url)
        nonexistent = client.get(absent)
        assert response.status_code == nonexistent.status_code == 404
        assert response.content == nonexistent.content
        assert response["Cache-Control"] == nonexistent["Cache-Control"]
        assert TITLES[status] not in response.content.decode()
        assert SECRETS[status] not in response.content.decode()


def test_nothing_public_reaches_a_hidden_publication(client: Client, world: World) -> None:
    urls = [
        reverse("openbaar:list"),
        reverse("openbaar:sitemap_index"),
        reverse("openbaar:sitemap", args=[1]),
        reverse("openbaar:inventory_csv"),
        *(u for status in SECRETS for u in _urls_of(world[status])),
    ]
    for url in urls:
        body = client.get(url).content
        for status in HIDDEN:
            assert TITLES[status].encode() not in body, (url, status)
        for secret in SECRETS.values():
            assert secret.encode() not in body, (url, secret)


@pytest.mark.parametrize("signed_in", [False, True])
def test_no_cookie_no_session_and_cacheable(
    client: Client, login_as, world: World, signed_in: bool
) -> None:
    visitor = login_as("teamleider") if signed_in else client
    published = world["gepubliceerd"]
    urls = [
        reverse("openbaar:list"),
        reverse("openbaar:list") + "?q=verslag",
        *_urls_of(published),
        *_urls_of(world["ingetrokken"]),
        reverse("openbaar:detail", args=[world["concept"].pk]),
        reverse("openbaar:sitemap_index"),
        reverse("openbaar:sitemap", args=[1]),
        reverse("openbaar:inventory_csv"),
    ]
    for url in urls:
        response = visitor.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code in (200, 404, 410), url
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in str(response.serialize_headers()), url
        assert "public" in response["Cache-Control"], url
        assert "max-age=300" in response["Cache-Control"], url
        assert "private" not in response["Cache-Control"], url
        vary = [v.strip().lower() for v in response.get("Vary", "").split(",")]
        assert "cookie" not in vary, url
        page = response.content.decode(errors="replace")
        assert "csrfmiddlewaretoken" not in page
        assert "Teamleider Test" not in page  # the signed-in header is not there


def test_a_signed_in_visitor_is_treated_as_anonymous(login_as, world: World) -> None:
    client = login_as("teamleider")
    response = client.get(reverse("openbaar:list"))
    assert response.wsgi_request.user.is_anonymous
    assert response.status_code == 200
    # The session is left alone, not ended: back in the product, she is still signed in.
    home = client.get(reverse("accounts:home"))
    assert home.status_code == 200
    assert home.wsgi_request.user.username == "teamleider"


def test_english_through_accept_language_without_a_cookie(client: Client, world: World) -> None:
    response = client.get(reverse("openbaar:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Published documents" in response.content.decode()
    assert not response.cookies
    assert "Accept-Language" in response["Vary"]
    dutch = client.get(reverse("openbaar:list"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Gepubliceerde documenten" in dutch.content.decode()


def test_public_pages_are_not_audited_as_reads(client: Client, login_as, world: World) -> None:
    before = AuditEvent.objects.count()
    published = world["gepubliceerd"]
    for visitor in (client, login_as("regisseur_a")):
        after_login = AuditEvent.objects.count()
        for url in [reverse("openbaar:list"), *_urls_of(published)]:
            assert visitor.get(url).status_code == 200
        assert AuditEvent.objects.count() == after_login
    assert AuditEvent.objects.count() >= before


def test_the_list_costs_the_same_queries_however_many_publications(
    client: Client, world: World, django_assert_max_num_queries
) -> None:
    client.get(reverse("openbaar:list"))  # warm the DiWoo value lists
    with django_assert_max_num_queries(2) as few:
        client.get(reverse("openbaar:list"))
    for n in range(3):
        make_publication(
            world.woo_a,
            world.woo_b,
            title=f"Verslag extra {n}",
            secret="Ilse Brouwenhorst",
            status="gepubliceerd",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("openbaar:list"))
    assert len(response.context["items"]) == 5


def test_numbers_no_row_can_have_are_not_found(client: Client, world: World) -> None:
    huge = "99999999999999999999"
    for url in (
        f"/openbaar/{huge}/",
        f"/openbaar/{huge}/pdf/",
        f"/openbaar/sitemaps/{huge}.xml",
        "/openbaar/0/",
    ):
        assert client.get(url).status_code == 404, url
