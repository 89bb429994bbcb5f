"""DiWoo 0.9.8 metadata (the Woo index's sitemap metadata) for one published document, and its
validation against the schema kept in ``regie/woo/standards/`` (nothing is fetched: see the
README there).

Values from the TOOI lists are written as the schema wants them: the list's URI in ``resource``
and its label as the element's text. The constants below are the ones Regie uses; the tests
check each against the lists in the schema. Which information category applies is the
publisher's call: minutes published on a Woo request belong to "Woo-verzoeken en -besluiten",
minutes published actively to "vergaderstukken decentrale overheden" (docs/woo-export.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "standards" / "diwoo-0.9.8"
SCHEMA = SCHEMA_DIR / "diwoo-metadata.xsd"
LISTS = SCHEMA_DIR / "diwoo-metadata-lijsten.xsd"
MDTO_URL = "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"
MDTO_STAND_IN = SCHEMA_DIR / "mdto-stand-in.xsd"

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
XS = "http://www.w3.org/2001/XMLSchema"
DITA = "http://dita.oasis-open.org/architecture/2005/"

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"


@dataclass(frozen=True)
class Term:
    """A value from a TOOI list: its URI and its label."""

    resource: str
    label: str


# Information categories (scw_woo_informatiecategorieen)
WOO_VERZOEKEN = Term(f"{KERN}c_3baef532", "Woo-verzoeken en -besluiten")
VERGADERSTUKKEN_DECENTRALE_OVERHEDEN = Term(
    f"{KERN}c_db4862c3", "vergaderstukken decentrale overheden"
)
OVERIGE_BESLUITEN = Term(f"{KERN}c_aab6bfc7", "overige besluiten van algemene strekking")
# Document types (ccw_plooi_documentsoorten)
VERGADERVERSLAG = Term(f"{KERN}c_42e406dd", "vergaderverslag")
BESLUITENLIJST = Term(f"{KERN}c_d4a4792f", "besluitenlijst")
BESLUIT = Term(f"{KERN}c_465163c9", "besluit")
VERGADERSTUK = Term(f"{KERN}c_7f9dffa7", "vergaderstuk")
# Document actions (ccw_plooi_documenthandelingen)
VASTSTELLING = Term(f"{KERN}c_641ecd76", "vaststelling")
# Language (scw_talen) and formats (ccw_plooi_filetypes)
DUTCH = Term("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
PDF = Term("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")
TXT = Term("http://publications.europa.eu/resource/authority/file-type/TXT", "Plain text")
CSV = Term("http://publications.europa.eu/resource/authority/file-type/CSV", "CSV")


@cache
def value_list(name: str) -> dict[str, str]:
    """A value list of the schema (``gemeentelijst``, ``informatiecategorielijst`` …) as
    {URI: label}, read once per process from the kept schema."""
    from lxml import etree

    tree = etree.parse(str(LISTS), etree.XMLParser(no_network=True, resolve_entities=False))
    (simple_type,) = tree.xpath(f"//xs:simpleType[@name='{name}']", namespaces={"xs": XS})
    values: dict[str, str] = {}
    for enumeration in simple_type.iterfind(f".//{{{XS}}}enumeration"):
        label = enumeration.find(f".//{{{DITA}}}p")
        values[enumeration.get("value")] = (label.text or "").strip() if label is not None else ""
    return values


ORGANISATION_LISTS = (
    "gemeentelijst",
    "provincielijst",
    "ministerielijst",
    "waterschapslijst",
    "oorglijst",
    "solijst",
    "zbolijst",
    "collijst",
)


def organisation(resource: str) -> Term:
    """The organisation with this TOOI URI, labelled as the lists label it (ValueError for a URI
    that no organisation list holds: the schema would refuse it)."""
    for name in ORGANISATION_LISTS:
        label = value_list(name).get(resource)
        if label is not None:
            return Term(resource, label)
    raise ValueError(f"{resource!r} is in none of the TOOI organisation lists")


def default_publisher() -> Term:
    """The installation's publishing organisation (``REGIE_WOO_PUBLISHER``, a TOOI URI)."""
    return organisation(settings.REGIE_WOO_PUBLISHER)


@dataclass(frozen=True)
class DiWooRecord:
    """What the metadata says about one published document."""

    identifier: str  # the publication's own, stable identifier (e.g. its public URL)
    official_title: str
    information_category: Term
    document_type: Term
    adopted_at: dt.datetime | dt.date  # the documenthandeling "vaststelling"
    publisher: Term
    created: dt.date | None = None
    language: Term = DUTCH
    format: Term = PDF
    description: str = ""
    keywords: tuple[str, ...] = ()
    other_identifiers: tuple[str, ...] = ()


def _at_time(value: dt.datetime | dt.date) -> str:
    """An xs:dateTime with its offset: a date alone is taken as midnight in Regie's time zone."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat(timespec="seconds")


def diwoo_xml(record: DiWooRecord) -> bytes:
    """The ``diwoo:Document`` element (UTF-8, with declaration) for ``record``."""
    from lxml import etree

    def element(parent: Any, name: str, text: str = "", resource: str = "") -> Any:
        node = etree.SubElement(parent, f"{{{NS}}}{name}")
        if resource:
            node.set("resource", resource)
        if text:
            node.text = text
        return node

    def term(parent: Any, name: str, value: Term) -> Any:
        return element(parent, name, value.label, value.resource)

    root = etree.Element(f"{{{NS}}}Document", nsmap={"diwoo": NS})
    diwoo = element(root, "DiWoo")
    identifiers = element(diwoo, "identifiers")
    for identifier in dict.fromkeys((record.identifier, *record.other_identifiers)):
        element(identifiers, "identifier", identifier)
    term(diwoo, "publisher", record.publisher)
    term(diwoo, "verantwoordelijke", record.publisher)
    titles = element(diwoo, "titelcollectie")
    element(titles, "officieleTitel", record.official_title)
    if record.description:
        element(element(diwoo, "omschrijvingen"), "omschrijving", record.description)
    classification = element(diwoo, "classificatiecollectie")
    term(
        element(classification, "informatiecategorieen"),
        "informatiecategorie",
        record.information_category,
    )
    term(element(classification, "documentsoorten"), "documentsoort", record.document_type)
    if record.keywords:
        keywords = element(classification, "trefwoorden")
        for keyword in record.keywords:
            element(keywords, "trefwoord", keyword)
    if record.created is not None:
        element(diwoo, "creatiedatum", record.created.isoformat())
    term(diwoo, "language", record.language)
    term(diwoo, "format", record.format)
    actions = element(diwoo, "documenthandelingen")
    action = element(actions, "documenthandeling")
    term(action, "soortHandeling", VASTSTELLING)
    element(action, "atTime", _at_time(record.adopted_at))
    term(action, "wasAssociatedWith", record.publisher)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


class DiWooInvalid(ValueError):
    """The XML does not satisfy the DiWoo schema; the message lists the schema's complaints."""


@cache
def schema() -> Any:
    """The DiWoo schema (lxml ``XMLSchema``), parsed once per process with the network off and
    the MDTO import resolved to the local stand-in; any other external reference is refused."""
    from lxml import etree

    class LocalOnly(etree.Resolver):
        def resolve(self, url: str, public_id: str | None, context: Any) -> Any:
            if url == MDTO_URL:
                return self.resolve_filename(str(MDTO_STAND_IN), context)
            path = Path(url.removeprefix("file://")).resolve()
            if path.parent == SCHEMA_DIR and path.is_file():
                return None  # the schema's own include, read from disk as usual
            raise DiWooInvalid(f"refusing to load {url!r}: only the kept schema is used")

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalOnly())
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def validate(xml: bytes) -> None:
    """DiWooInvalid unless ``xml`` is a valid ``diwoo:Document``."""
    from lxml import etree

    document = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    checker = schema()
    if not checker.validate(document):
        problems = "; ".join(f"line {e.line}: {e.message}" for e in checker.error_log)
        raise DiWooInvalid(problems)
