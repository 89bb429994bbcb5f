"""What machines harvest from ``/openbaar/``: the DiWoo sitemap (a sitemap index and sitemaps
whose ``<url>`` elements carry the stored ``diwoo:Document``, as the Woo index harvests them)
and the inventory of the published documents as CSV and PDF.

Like the pages, these are anonymous and cacheable, and read only through
``woo.public.selectors``; withdrawn publications are left out of both."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from regie.core.anonymous import anonymous
from regie.core.policy import public
from regie.woo.export import diwoo, harvest
from regie.woo.export.inventory import inventory_csv, inventory_pdf
from regie.woo.export.pdf import PdfMetadata
from regie.woo.public import selectors
from regie.woo.public.views import MAX_AGE, not_found

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML = "application/xml; charset=utf-8"


def absolute(path: str) -> str:
    """``path`` on the public address (``REGIE_PUBLIC_BASE_URL``): a harvester reads the
    sitemap elsewhere than where it was asked, and the Host header is not ours to trust."""
    return f"{settings.REGIE_PUBLIC_BASE_URL}{path}"


def _w3c(moment: dt.datetime | None) -> str:
    moment = moment or timezone.now()
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _xml(root: Any) -> HttpResponse:
    from lxml import etree

    # The declaration as the sitemap protocol's examples write it (lxml would use ' quotes).
    body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="UTF-8", pretty_print=True
    )
    response = HttpResponse(body, content_type=XML)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _sub(parent: Any, name: str, text: str) -> Any:
    from lxml import etree

    node = etree.SubElement(parent, f"{{{SITEMAP_NS}}}{name}")
    node.text = text
    return node


@public
@anonymous(max_age=MAX_AGE)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    from lxml import etree

    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    lastmod = _w3c(selectors.last_published())
    for number in range(1, selectors.sitemap_count() + 1):
        entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        _sub(entry, "loc", absolute(reverse("openbaar:sitemap", args=[number])))
        _sub(entry, "lastmod", lastmod)
    return _xml(root)


@public
@anonymous(max_age=MAX_AGE)
def sitemap(request: HttpRequest, number: int) -> HttpResponse:
    return _urlset(request, selectors.sitemap(number))


@public
@anonymous(max_age=MAX_AGE)
def category_index(request: HttpRequest, infocat: int) -> HttpResponse:
    """``sitemapindex-diwoo-infocatNNN.xml``: the index the Woo index harvests for one
    information category (``woo.export.harvest``), listed in ``robots.txt``."""
    from lxml import etree

    category = harvest.CATEGORIES.get(infocat)
    if category is None:
        return not_found(request)
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    lastmod = _w3c(selectors.last_published())
    for number in range(1, selectors.sitemap_count(category=category) + 1):
        entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        location = reverse("openbaar:category_sitemap", args=[infocat, number])
        _sub(entry, "loc", absolute(location))
        _sub(entry, "lastmod", lastmod)
    return _xml(root)


@public
@anonymous(max_age=MAX_AGE)
def category_sitemap(request: HttpRequest, infocat: int, number: int) -> HttpResponse:
    category = harvest.CATEGORIES.get(infocat)
    if category is None:
        return not_found(request)
    return _urlset(request, selectors.sitemap(number, category=category))


@public
@anonymous(max_age=MAX_AGE)
def robots(request: HttpRequest) -> HttpResponse:
    """Robots may read the public documents and nothing else; the ``Sitemap`` lines name the
    category indexes the Woo harvester looks for (only categories with published documents)."""
    lines = ["User-agent: *", "Allow: /openbaar/", "Disallow: /", ""]
    numbers = (harvest.infocat_number(c) for c in selectors.published_categories())
    for infocat in sorted(n for n in numbers if n is not None):
        location = reverse("openbaar:category_index", args=[infocat])
        lines.append(f"Sitemap: {absolute(location)}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _urlset(request: HttpRequest, entries: list[selectors.SitemapEntry] | None) -> HttpResponse:
    from lxml import etree

    if entries is None:
        return not_found(request)
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "diwoo": diwoo.NS})
    parser = etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=True)
    for entry in entries:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        _sub(url, "loc", absolute(reverse("openbaar:file", args=[entry.pk, "pdf"])))
        _sub(url, "lastmod", _w3c(entry.published_at))
        url.append(etree.fromstring(entry.diwoo, parser))
    return _xml(root)


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public
@anonymous(max_age=MAX_AGE)
def inventory_as_csv(request: HttpRequest) -> HttpResponse:
    body = inventory_csv(selectors.inventory())
    return _download(body, "text/csv; charset=utf-8", "woo-inventaris.csv")


@public
@anonymous(max_age=MAX_AGE)
def inventory_as_pdf(request: HttpRequest) -> HttpResponse:
    # Published documents never change, so which ones are published decides the PDF: rendering
    # it takes a second, and a harvester or a busy day should not pay that on every request.
    published = ",".join(str(pk) for pk in selectors.published_ids())
    key = f"woo:inventory-pdf:{hashlib.sha256(published.encode()).hexdigest()}"
    body: bytes | None = cache.get(key)
    if body is None:
        with translation.override(settings.LANGUAGE_CODE):
            title = translation.gettext("Inventory of the published Woo documents")
        publisher = diwoo.default_publisher()
        body = inventory_pdf(
            selectors.inventory(),
            title=title,
            metadata=PdfMetadata(author=publisher.label, subject=title),
        )
        cache.set(key, body, timeout=24 * 3600)
    return _download(body, "application/pdf", "woo-inventaris.pdf")
