"""The inventory list (inventarislijst) of a set of published documents, as Woo decisions
attach it: per document its number, title, date, judgement (openbaar / deels openbaar / niet
openbaar) and the grounds applied with how often; as CSV and as PDF.

The judgement follows from the spans: none is "openbaar", some is "deels openbaar", spans
covering every character of the document's text but white space is "niet openbaar".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from regie.core import dates, pdf
from regie.woo.document import Document, Span
from regie.woo.export.pdf import ASSETS, PdfMetadata, information, information_finisher
from regie.woo.export.redact import redact, redacted_strings, refuse_leaks

TEMPLATE = "woo/export/inventory_pdf.html"


class Judgement(StrEnum):
    PUBLIC = "openbaar"
    PARTLY_PUBLIC = "deels openbaar"
    NOT_PUBLIC = "niet openbaar"

    @property
    def label(self) -> str:
        labels = {
            Judgement.PUBLIC: _("public"),
            Judgement.PARTLY_PUBLIC: _("partly public"),
            Judgement.NOT_PUBLIC: _("not public"),
        }
        return labels[self]


def judgement(document: Document, spans: Iterable[Span]) -> Judgement:
    """The judgement the spans amount to (see the module docstring)."""
    spans = list(spans)
    if not spans:
        return Judgement.PUBLIC
    covered: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        covered.setdefault(span.block, []).append((span.start, span.end))
    for index, block in enumerate(document.blocks):
        text = block.text
        position = 0
        for start, end in sorted(covered.get(index, [])):
            if text[position:start].strip():
                return Judgement.PARTLY_PUBLIC
            position = max(position, end)
        if text[position:].strip():
            return Judgement.PARTLY_PUBLIC
    return Judgement.NOT_PUBLIC


@dataclass(frozen=True)
class InventoryEntry:
    """One document of the set: its number in the inventory, the document and its spans."""

    number: str
    document: Document
    spans: tuple[Span, ...] = ()
    date: dt.date | None = None


@dataclass(frozen=True)
class InventoryRow:
    number: str
    title: str
    date: dt.date | None
    judgement: Judgement
    grounds: Counter[str]

    def grounds_text(self, times: str = "×") -> str:
        """ "5.1.2.e (12×), 5.1.2.h (1×)", in ground order."""
        return ", ".join(f"{g} ({n}{times})" for g, n in sorted(self.grounds.items()))


def rows(entries: Iterable[InventoryEntry]) -> list[InventoryRow]:
    """One row per entry. ValueError when an entry's spans are invalid or its title contains
    redacted text (checked by ``redact``, as for the document's own exports)."""
    result = []
    for entry in entries:
        redacted = redact(entry.document, entry.spans)
        result.append(
            InventoryRow(
                number=entry.number,
                title=entry.document.title,
                date=entry.date,
                judgement=judgement(entry.document, entry.spans),
                grounds=redacted.grounds,
            )
        )
    return result


def _headings() -> list[str]:
    return [_("No."), _("Document"), _("Date"), _("Judgement"), _("Grounds for withholding")]


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def inventory_csv(entries: Iterable[InventoryEntry]) -> bytes:
    """The inventory as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
    accents; comma-separated): the Dutch columns, then one column per ground used in the set
    with how often it was applied to that document."""
    table = rows(entries)
    grounds = sorted({g for row in table for g in row.grounds})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    with translation.override(settings.LANGUAGE_CODE):
        writer.writerow([*_headings(), *grounds])
        for row in table:
            writer.writerow(
                [
                    _cell(row.number),
                    _cell(row.title),
                    row.date.isoformat() if row.date else "",
                    row.judgement.label,
                    ", ".join(sorted(row.grounds)),
                    *(str(row.grounds.get(g, 0)) for g in grounds),
                ]
            )
    return out.getvalue().encode("utf-8-sig")


def inventory_pdf(entries: Sequence[InventoryEntry], *, title: str, metadata: PdfMetadata) -> bytes:
    """The inventory as PDF: one table, with the totals per ground under it. ValueError when
    the title or metadata contain text redacted in one of the documents."""
    table = rows(entries)
    secrets: set[str] = set()
    for entry in entries:
        secrets |= redacted_strings(entry.document, entry.spans)
    totals: Counter[str] = Counter()
    for row in table:
        totals.update(row.grounds)
    info = information(title, metadata, totals)
    refuse_leaks("inventory's title or metadata", info.values(), secrets)
    with translation.override(settings.LANGUAGE_CODE):
        return pdf.render_pdf(
            TEMPLATE,
            {
                "title": title,
                "headings": _headings(),
                "rows": [
                    (
                        row.number,
                        row.title,
                        dates.short_date(row.date) if row.date else "",
                        row.judgement.label,
                        row.grounds_text(),
                    )
                    for row in table
                ],
                "totals": sorted(totals.items()),
                "language": settings.LANGUAGE_CODE,
            },
            assets=ASSETS,
            finisher=information_finisher(info),
        )
