"""The DiWoo sitemap and the inventory of ``/openbaar/``: valid, harvestable, and holding only
published documents."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from lxml import etree
from pypdf import PdfReader

from regie.organisations.models import Organisation
from regie.woo.export import diwoo, harvest
from regie.woo.models import PublishedFile
from regie.woo.public import selectors
from regie.woo.public.feeds import SITEMAP_NS
from tests.woo.public_world import SECRETS, TITLES, World, make_publication, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations: dict[str, Organisation]) -> World:
    return make_world(organisations)


NS = {"s": SITEMAP_NS, "diwoo": diwoo.NS}
BASE = "https://woo.example.nl"
PARSER = etree.XMLParser(no_network=True, resolve_entities=False)


def _shape(element: etree._Element) -> list[tuple[str, str, dict[str, str]]]:
    return [(e.tag, (e.text or "").strip(), dict(e.attrib)) for e in element.iter()]


def _xml(response) -> etree._Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<')
    return etree.fromstring(response.content, PARSER)


@override_settings(REGIE_PUBLIC_BASE_URL=BASE)
def test_the_sitemap_index_points_to_the_sitemaps(client: Client, world: World) -> None:
    index = _xml(client.get(reverse("openbaar:sitemap_index")))
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    locs = index.xpath("/s:sitemapindex/s:sitemap/s:loc/text()", namespaces=NS)
    assert locs == [f"{BASE}{reverse('openbaar:sitemap', args=[1])}"]
    (lastmod,) = index.xpath("//s:lastmod/text()", namespaces=NS)
    published_at = world["gepubliceerd"].published_at
    assert published_at is not None
    assert lastmod.startswith(str(published_at.year))


@override_settings(REGIE_PUBLIC_BASE_URL=BASE)
def test_the_sitemap_carries_the_stored_diwoo_metadata_of_published_documents(
    client: Client, world: World
) -> None:
    published = world["gepubliceerd"]
    assert published.published_at is not None
    response = client.get(reverse("openbaar:sitemap", args=[1]))
    urlset = _xml(response)
    assert urlset.tag == f"{{{SITEMAP_NS}}}urlset"
    urls = urlset.xpath("/s:urlset/s:url", namespaces=NS)
    # Only the published one: the withdrawn and the hidden ones are left out.
    assert len(urls) == 1
    (url,) = urls
    assert url.xpath("s:loc/text()", namespaces=NS) == [
        f"{BASE}{reverse('openbaar:file', args=[published.pk, 'pdf'])}"
    ]
    assert url.xpath("s:lastmod/text()", namespaces=NS)[0].startswith(
        published.published_at.date().isoformat()
    )
    (document,) = url.xpath("diwoo:Document", namespaces=NS)
    embedded = etree.tostring(document)
    diwoo.validate(embedded)  # the vendored XSD
    stored = PublishedFile.objects.get(publication=published, kind="diwoo")
    assert _shape(etree.fromstring(bytes(stored.content), PARSER)) == _shape(document)
    assert document.xpath(".//diwoo:officieleTitel/text()", namespaces=NS) == [published.title]
    for status in ("concept", "ter_beoordeling", "goedgekeurd", "ingetrokken"):
        assert TITLES[status].encode() not in response.content
    assert client.get(reverse("openbaar:sitemap", args=[2])).status_code == 404
    assert client.get(reverse("openbaar:sitemap", args=[0])).status_code == 404


def test_sitemaps_are_split_at_a_fixed_size(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_publication(
        world.woo_a,
        world.woo_b,
        title="Verslag juni",
        secret="Ilse Brouwenhorst",
        status="gepubliceerd",
    )
    monkeypatch.setattr(selectors, "SITEMAP_SIZE", 1)
    monkeypatch.setattr(selectors.sitemap_count, "__defaults__", (1,))
    monkeypatch.setattr(selectors.sitemap, "__defaults__", (1,))
    index = _xml(client.get(reverse("openbaar:sitemap_index")))
    assert len(index.xpath("//s:sitemap", namespaces=NS)) == 2
    titles = []
    for number in (1, 2):
        urlset = _xml(client.get(reverse("openbaar:sitemap", args=[number])))
        titles += urlset.xpath("//diwoo:officieleTitel/text()", namespaces=NS)
    assert titles == [TITLES["gepubliceerd"], "Verslag juni"]


def test_an_empty_sitemap_is_still_valid(client: Client, db) -> None:
    index = _xml(client.get(reverse("openbaar:sitemap_index")))
    assert len(index.xpath("//s:sitemap", namespaces=NS)) == 1
    urlset = _xml(client.get(reverse("openbaar:sitemap", args=[1])))
    assert urlset.xpath("//s:url", namespaces=NS) == []


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="woo-inventaris.csv"'
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_inventory_csv_lists_published_documents_with_judgement_and_grounds(
    client: Client, world: World
) -> None:
    rows = _csv_rows(client.get(reverse("openbaar:inventory_csv")))
    assert rows[0] == [
        "Nr.",
        "Document",
        "Datum",
        "Beoordeling",
        "Weigeringsgronden",
        "5.1.2.e",
    ]
    assert rows[1:] == [
        ["1", TITLES["gepubliceerd"], "2021-06-15", "deels openbaar", "5.1.2.e", "2"]
    ]
    body = client.get(reverse("openbaar:inventory_csv")).content.decode("utf-8-sig")
    for secret in SECRETS.values():
        assert secret not in body


def test_the_inventory_csv_is_safe_against_formula_injection(client: Client, world: World) -> None:
    make_publication(
        world.woo_a,
        world.woo_b,
        title='=HYPERLINK("https://example.org")',
        secret="Ilse Brouwenhorst",
        status="gepubliceerd",
    )
    rows = _csv_rows(client.get(reverse("openbaar:inventory_csv")))
    assert rows[2][1] == '\'=HYPERLINK("https://example.org")'


def test_the_inventory_pdf(client: Client, world: World) -> None:
    response = client.get(reverse("openbaar:inventory_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="woo-inventaris.pdf"'
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert TITLES["gepubliceerd"] in text
    assert "deels openbaar" in text
    assert "5.1.2.e (2×)" in text
    for status in ("concept", "ter_beoordeling", "goedgekeurd", "ingetrokken"):
        assert TITLES[status] not in text
    for secret in SECRETS.values():
        assert secret not in text
        assert secret.encode() not in response.content
    # A new publication is in the next inventory (the rendering is cached per published set).
    make_publication(
        world.woo_a,
        world.woo_b,
        title="Verslag juli",
        secret="Ilse Brouwenhorst",
        status="gepubliceerd",
    )
    again = client.get(reverse("openbaar:inventory_pdf"))
    reader = PdfReader(io.BytesIO(again.content))
    assert "Verslag juli" in "".join(page.extract_text() for page in reader.pages)


# --- What the Woo index harvests: robots.txt and the indexes named per information category ----


def test_every_category_of_article_3_3_is_a_category_of_the_kept_lists() -> None:
    listed = diwoo.value_list("informatiecategorielijst")
    assert set(harvest.NUMBERS) < set(listed)
    assert sorted(harvest.CATEGORIES) == list(range(1, 18))
    # The harvester's own example (standaarden.overheid.nl): onderzoeksrapporten is 015.
    assert listed[harvest.CATEGORIES[15]] == "onderzoeksrapporten"
    assert listed[harvest.CATEGORIES[8]] == "vergaderstukken decentrale overheden"
    # The one list entry outside article 3.3 has no number: nothing harvests it.
    (outside,) = set(listed) - set(harvest.NUMBERS)
    assert listed[outside] == "inspanningsverplichting art 3.1 Woo"


@override_settings(REGIE_PUBLIC_BASE_URL=BASE)
def test_robots_names_the_category_indexes_of_published_documents(
    client: Client, world: World
) -> None:
    make_publication(
        world.woo_a,
        world.woo_b,
        title="Besluit op Woo-verzoek",
        secret="Ilse Brouwenhorst",
        status="gepubliceerd",
        category=diwoo.WOO_VERZOEKEN.resource,
    )
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "set-cookie" not in {h.lower() for h in response.headers}
    lines = response.content.decode().splitlines()
    assert lines[:3] == ["User-agent: *", "Allow: /openbaar/", "Disallow: /"]
    sitemaps = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap:")]
    assert sitemaps == [
        f"{BASE}/openbaar/sitemaps/sitemapindex-diwoo-infocat008.xml",
        f"{BASE}/openbaar/sitemaps/sitemapindex-diwoo-infocat014.xml",
    ]


@override_settings(REGIE_PUBLIC_BASE_URL=BASE)
def test_a_category_index_lists_only_that_category(client: Client, world: World) -> None:
    other = make_publication(
        world.woo_a,
        world.woo_b,
        title="Besluit op Woo-verzoek",
        secret="Ilse Brouwenhorst",
        status="gepubliceerd",
        category=diwoo.WOO_VERZOEKEN.resource,
    )
    index = _xml(client.get("/openbaar/sitemaps/sitemapindex-diwoo-infocat014.xml"))
    locs = index.xpath("/s:sitemapindex/s:sitemap/s:loc/text()", namespaces=NS)
    assert locs == [f"{BASE}/openbaar/sitemaps/infocat014-1.xml"]
    urlset = _xml(client.get("/openbaar/sitemaps/infocat014-1.xml"))
    assert urlset.xpath("//diwoo:officieleTitel/text()", namespaces=NS) == [other.title]
    for document in urlset.xpath("//diwoo:Document", namespaces=NS):
        diwoo.validate(etree.tostring(document))
    minutes = _xml(client.get("/openbaar/sitemaps/infocat008-1.xml"))
    assert minutes.xpath("//diwoo:officieleTitel/text()", namespaces=NS) == [TITLES["gepubliceerd"]]
    # A category without documents still has a valid, empty index and sitemap; no category 018.
    empty = _xml(client.get("/openbaar/sitemaps/sitemapindex-diwoo-infocat015.xml"))
    assert len(empty.xpath("//s:sitemap", namespaces=NS)) == 1
    assert client.get("/openbaar/sitemaps/infocat015-1.xml").status_code == 200
    assert client.get("/openbaar/sitemaps/sitemapindex-diwoo-infocat018.xml").status_code == 404
    assert client.get("/openbaar/sitemaps/infocat008-2.xml").status_code == 404
