"""The Woo index's naming of sitemap indexes: ``sitemapindex-diwoo-infocatNNN.xml``, where NNN is
the information category's place in article 3.3 Woo (first and second paragraph, 001-017).

The harvester reads only sitemap indexes named this way, found through ``robots.txt``
(standaarden.overheid.nl/diwoo/metadata, "Sitemapindex en Sitemaps"; its example numbers
"onderzoeksrapporten" 015, as here). The TOOI list orders the categories alphabetically, so the
order of the article is kept here, by URI; the tests check every URI against the kept schema.
"""

from __future__ import annotations

from regie.woo.export.diwoo import KERN

# Article 3.3 Woo, paragraph 1 a-e and paragraph 2 a-l, in that order.
ARTICLE_3_3 = (
    "c_139c6280",  # wetten en algemeen verbindende voorschriften
    "c_aab6bfc7",  # overige besluiten van algemene strekking
    "c_759721e2",  # ontwerpen van wet- en regelgeving met adviesaanvraag
    "c_40a05794",  # organisatie en werkwijze
    "c_89ee6784",  # bereikbaarheidsgegevens
    "c_8c840238",  # bij vertegenwoordigende organen ingekomen stukken
    "c_c76862ab",  # vergaderstukken Staten-Generaal
    "c_db4862c3",  # vergaderstukken decentrale overheden
    "c_3a248e3a",  # agenda's en besluitenlijsten bestuurscolleges
    "c_99a836c7",  # adviezen
    "c_8fc2335c",  # convenanten
    "c_c6cd1213",  # jaarplannen en jaarverslagen
    "c_cf268088",  # subsidieverplichtingen anders dan met beschikking
    "c_3baef532",  # Woo-verzoeken en -besluiten
    "c_fdaee95e",  # onderzoeksrapporten
    "c_46a81018",  # beschikkingen
    "c_a870c43d",  # klachtoordelen
)

NUMBERS: dict[str, int] = {f"{KERN}{code}": place for place, code in enumerate(ARTICLE_3_3, 1)}
CATEGORIES: dict[int, str] = {place: resource for resource, place in NUMBERS.items()}


def infocat_number(resource: str) -> int | None:
    """The category's number in the harvester's file names; None for a category outside
    article 3.3 (the list's "inspanningsverplichting art 3.1 Woo"), which it does not harvest."""
    return NUMBERS.get(resource)
