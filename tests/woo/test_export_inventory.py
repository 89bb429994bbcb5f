"""The inventory list: the judgement each document's spans amount to, the grounds with how often
they were applied, Dutch headings, in CSV and PDF, and no redacted text in either."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest

from regie.woo.document import Block, BlockKind, Document, Span
from regie.woo.export.inventory import (
    InventoryEntry,
    Judgement,
    inventory_csv,
    inventory_pdf,
    judgement,
    rows,
)
from regie.woo.export.pdf import PdfMetadata
from tests.woo.pdfscan import leaks, places
from tests.woo.samples import DOCUMENT, SECRETS, SPANS

P = BlockKind.PARAGRAPH
MEMO = Document("Memo aan de burgemeester", (Block(P, "Jan Smit"), Block(P, "  "), Block(P, "Bos")))
MEMO_WITHHELD = (Span(0, 0, 8, "5.1.2.e"), Span(2, 0, 3, "5.1.2.e"))
PUBLIC = Document("Agenda TER-overleg", (Block(P, "Opening en mededelingen"),))

ENTRIES = [
    InventoryEntry("1", DOCUMENT, SPANS, dt.date(2021, 6, 15)),
    InventoryEntry("2", MEMO, MEMO_WITHHELD, dt.date(2021, 6, 20)),
    InventoryEntry("3", PUBLIC),
]


def test_the_judgement_follows_from_the_spans() -> None:
    assert judgement(PUBLIC, []) == Judgement.PUBLIC
    assert judgement(DOCUMENT, SPANS) == Judgement.PARTLY_PUBLIC
    assert judgement(MEMO, MEMO_WITHHELD) == Judgement.NOT_PUBLIC
    # One character left is still partly public; white space left is not.
    assert judgement(MEMO, [Span(0, 0, 7, "5.1.2.e"), MEMO_WITHHELD[1]]) == (
        Judgement.PARTLY_PUBLIC
    )
    spaced = Document("t", (Block(P, "Jan en Piet"),))
    halves = [Span(0, 0, 3, "5.1.2.e"), Span(0, 4, 11, "5.1.2.e")]
    assert judgement(spaced, halves) == Judgement.NOT_PUBLIC
    assert judgement(spaced, [Span(0, 0, 3, "5.1.2.e"), Span(0, 7, 11, "5.1.2.e")]) == (
        Judgement.PARTLY_PUBLIC
    )


def test_rows_count_the_grounds_per_document() -> None:
    table = rows(ENTRIES)
    assert [r.judgement for r in table] == [
        Judgement.PARTLY_PUBLIC,
        Judgement.NOT_PUBLIC,
        Judgement.PUBLIC,
    ]
    assert table[0].grounds == {"5.1.2.e": 7, "5.1.2.h": 1}
    assert table[0].grounds_text() == "5.1.2.e (7×), 5.1.2.h (1×)"
    assert table[2].grounds_text() == ""


def test_csv_has_dutch_headings_and_a_count_per_ground() -> None:
    data = inventory_csv(ENTRIES)
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines == [
        ["Nr.", "Document", "Datum", "Beoordeling", "Weigeringsgronden", "5.1.2.e", "5.1.2.h"],
        [
            "1",
            DOCUMENT.title,
            "2021-06-15",
            "deels openbaar",
            "5.1.2.e, 5.1.2.h",
            "7",
            "1",
        ],
        ["2", MEMO.title, "2021-06-20", "niet openbaar", "5.1.2.e", "2", "0"],
        ["3", PUBLIC.title, "", "openbaar", "", "0", "0"],
    ]
    text = data.decode("utf-8-sig")
    for secret in SECRETS:
        assert secret not in text


def test_csv_cells_cannot_become_formulas() -> None:
    sneaky = InventoryEntry("=1+1", dataclasses.replace(PUBLIC, title="@SUM(A1)"))
    lines = list(csv.reader(io.StringIO(inventory_csv([sneaky]).decode("utf-8-sig"))))
    assert lines[1][:2] == ["'=1+1", "'@SUM(A1)"]


def test_an_entry_whose_title_holds_redacted_text_is_refused() -> None:
    leaky = InventoryEntry("1", dataclasses.replace(MEMO, title="Memo van Jan Smit"), MEMO_WITHHELD)
    with pytest.raises(ValueError, match="title contains redacted text"):
        inventory_csv([leaky])


def test_pdf_lists_every_document_without_redacted_text() -> None:
    data = inventory_pdf(
        ENTRIES,
        title="Inventarislijst Woo-besluit 2026-0042",
        metadata=PdfMetadata(author="gemeente Amsterdam"),
    )
    text = " ".join(places(data)["text"].split())
    for heading in ("Nr.", "Document", "Datum", "Beoordeling", "Weigeringsgronden"):
        assert heading in text
    assert "deels openbaar" in text
    assert "niet openbaar" in text
    assert "5.1.2.e (7×), 5.1.2.h (1×)" in text
    assert "15-06-2021" in text
    assert "5.1.2.e (9×), 5.1.2.h (1×)" in text  # the totals under the table
    assert leaks(data, [*SECRETS, "Jan Smit", "Bos"]) == {}


def test_pdf_metadata_with_redacted_text_is_refused() -> None:
    with pytest.raises(ValueError, match="contains redacted text"):
        inventory_pdf(ENTRIES, title="Inventaris Jan Smit", metadata=PdfMetadata(author="x"))
