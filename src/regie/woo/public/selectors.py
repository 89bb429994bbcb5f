"""The only reads of the public publication pages: published and withdrawn publications, and
the files of published ones. Nothing here can return a concept, a publication under review or
an approved one that is not yet published, and none of it asks who is asking (there is nobody).

The list reads no document text (``LIST_FIELDS``); the source document and the redactions are
read only to count grounds and judge a document for the inventory, never to show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from regie.core.pagination import Order, Page, paginate
from regie.woo.export.inventory import InventoryEntry
from regie.woo.models import Publication, PublishedFile, Redaction

Status = Publication.Status
SHOWN = (Status.GEPUBLICEERD, Status.INGETROKKEN)
PAGE_SIZE = 20
MAX_PK = 2**63 - 1
SITEMAP_SIZE = 1000
# What the list and the detail page show of a publication: never the document or the original.
LIST_FIELDS = (
    "pk",
    "title",
    "status",
    "information_category",
    "document_type",
    "adopted_on",
    "published_at",
    "withdrawn_at",
    "withdraw_reason",
)
ORDER = [Order("published_at", descending=True), Order("pk", descending=True)]


def _shown() -> QuerySet[Publication]:
    return Publication.objects.filter(status__in=SHOWN).only(*LIST_FIELDS)


@dataclass(frozen=True)
class Filters:
    words: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    category: str = ""


def listing(filters: Filters, cursor: str | None, size: int = PAGE_SIZE) -> Page[Publication]:
    """Published and withdrawn publications, newest publication first, filtered on words of
    the title, the adoption date and the information category (a TOOI URI)."""
    found = _shown()
    for word in filters.words:
        found = found.filter(title__icontains=word)
    if filters.since is not None:
        found = found.filter(adopted_on__gte=filters.since)
    if filters.until is not None:
        found = found.filter(adopted_on__lte=filters.until)
    if filters.category:
        found = found.filter(information_category=filters.category)
    return paginate(found, ORDER, cursor, size)


def publication(pk: int) -> Publication | None:
    """A published or withdrawn publication, or None: a concept is as absent as a number that
    was never used."""
    if not 0 < pk <= MAX_PK:  # a number no row can have is not worth a query
        return None
    return _shown().filter(pk=pk).first()


@dataclass(frozen=True)
class GroundUse:
    code: str
    label: str
    count: int


def grounds_used(publication: Publication) -> list[GroundUse]:
    """The grounds the published version applies, with how often (the accepted redactions)."""
    rows = (
        Redaction.objects.filter(publication=publication, state=Redaction.State.ACCEPTED)
        .values("ground__code", "ground__label", "ground__order")
        .annotate(count=Count("pk"))
        .order_by("ground__order", "ground__code")
    )
    return [GroundUse(r["ground__code"], r["ground__label"], r["count"]) for r in rows]


@dataclass(frozen=True)
class FileInfo:
    kind: str
    sha256: str
    size: int


def files(publication: Publication) -> dict[str, FileInfo]:
    """What the detail page says of each published file (not the bytes); nothing for a
    withdrawn publication."""
    if publication.status != Status.GEPUBLICEERD:
        return {}
    rows = PublishedFile.objects.filter(publication=publication).values_list(
        "kind", "sha256", "size"
    )
    return {kind: FileInfo(kind, sha, size) for kind, sha, size in rows}


def published_file(pk: int, kind: str) -> tuple[Publication, PublishedFile | None] | None:
    """The publication and, while it is published, its file of ``kind``; None when the
    publication is not public at all. A withdrawn publication comes with no file."""
    found = publication(pk)
    if found is None:
        return None
    if found.status != Status.GEPUBLICEERD:
        return found, None
    return found, PublishedFile.objects.filter(publication=found, kind=kind).first()


# --- The sitemap -------------------------------------------------------------------------------


def _published() -> QuerySet[Publication]:
    # Withdrawn publications are not harvested: the index must drop them.
    return Publication.objects.filter(status=Status.GEPUBLICEERD)


def sitemap_count(size: int = SITEMAP_SIZE, *, category: str | None = None) -> int:
    """How many sitemaps the index lists (at least one, empty or not), of every published
    document or of one information category (its TOOI URI)."""
    published = _published()
    if category is not None:
        published = published.filter(information_category=category)
    return max(1, -(-published.count() // size))


def published_categories() -> list[str]:
    """The information categories (TOOI URIs) of the published documents."""
    rows = _published().order_by().values_list("information_category", flat=True).distinct()
    return sorted(rows)


@dataclass(frozen=True)
class SitemapEntry:
    pk: int
    published_at: dt.datetime | None
    diwoo: bytes


def sitemap(
    number: int, size: int = SITEMAP_SIZE, *, category: str | None = None
) -> list[SitemapEntry] | None:
    """Sitemap ``number`` (from 1): the published publications (of ``category`` when given) in
    the order they were first published, each with its stored DiWoo metadata. None past the
    last sitemap."""
    if number < 1 or number > sitemap_count(size, category=category):
        return None
    files = PublishedFile.objects.filter(
        kind=PublishedFile.Kind.DIWOO, publication__status=Status.GEPUBLICEERD
    )
    if category is not None:
        files = files.filter(publication__information_category=category)
    rows = (
        files.order_by("publication_id").values_list(
            "publication_id", "publication__published_at", "content"
        )
    )[(number - 1) * size : number * size]
    return [SitemapEntry(pk, at, bytes(content)) for pk, at, content in rows]


def last_published() -> dt.datetime | None:
    latest = _published().order_by("-published_at").values_list("published_at", flat=True)
    return latest.first()


# --- The inventory -----------------------------------------------------------------------------


def published_ids() -> list[int]:
    """The published publications, in the inventory's order."""
    return list(_published().order_by("published_at", "pk").values_list("pk", flat=True))


def inventory() -> Sequence[InventoryEntry]:
    """Every published publication (withdrawn ones are no longer public), oldest first, as the
    inventory reads them: the document and its accepted spans, numbered 1, 2, …"""
    published = list(_published().defer("original").order_by("published_at", "pk"))
    accepted = Redaction.objects.filter(
        publication__in=published, state=Redaction.State.ACCEPTED
    ).select_related("ground")
    spans: dict[int, list[Redaction]] = {}
    for redaction in accepted:
        spans.setdefault(redaction.publication_id, []).append(redaction)
    return [
        InventoryEntry(
            number=str(n),
            document=p.source_document(),
            spans=tuple(r.span() for r in spans.get(p.pk, [])),
            date=p.adopted_on,
        )
        for n, p in enumerate(published, start=1)
    ]
