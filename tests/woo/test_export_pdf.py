"""The redacted PDF: redacted text is gone from every part of the file (text layer, metadata,
outline, annotations, attachments, raw decompressed streams), each span is a box labelled with
its ground, and headings, lists and tables are laid out as such."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from regie.woo.export.pdf import PdfMetadata, body_html, render_pdf
from regie.woo.export.redact import redact
from tests.woo.pdfscan import leaks, places
from tests.woo.samples import DOCUMENT, SECRETS, SPANS

METADATA = PdfMetadata(author="gemeente Amsterdam", subject="Woo-besluit", keywords=("TER",))


@pytest.fixture(scope="module")
def redacted_pdf() -> bytes:
    return render_pdf(DOCUMENT, SPANS, metadata=METADATA)


def test_no_redacted_string_survives_anywhere_in_the_file(redacted_pdf: bytes) -> None:
    assert leaks(redacted_pdf, SECRETS) == {}


def test_the_scan_finds_what_is_not_redacted() -> None:
    """The same document without spans: the scan must find the names, else the test above
    proves nothing."""
    found = leaks(render_pdf(DOCUMENT, [], metadata=METADATA), SECRETS)
    assert set(found) == set(SECRETS)
    assert "text" in found["Quaadvliet"]
    # Headings become bookmarks: an unredacted heading is in the outline and the raw bytes.
    assert {"outline", "raw"} <= set(found["Team Alfa"])


def test_each_span_is_a_box_labelled_with_its_ground(redacted_pdf: bytes) -> None:
    # The boxes' padding reads as extra spaces in the text layer.
    text = " ".join(places(redacted_pdf)["text"].split())
    assert "5.1.2.e merkt op dat de TER-coördinator 5.1.2.e heeft gebeld." in text
    assert "5.1.2.h bespreekt" in text
    assert "Contact leggen met Stadsdeel Noord" in text
    assert "5.1.2.e (7×), 5.1.2.h (1×)" in text
    html = body_html(redact(DOCUMENT, SPANS))
    assert html.count('<span class="redaction">5.1.2.e</span>') == 7
    assert html.count('<span class="redaction">5.1.2.h</span>') == 1
    # The brackets of the text export are not drawn: the box is the marker.
    assert "[5.1.2" not in html


def test_metadata_is_exactly_what_regie_sets(redacted_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(redacted_pdf))
    info = {str(key): str(value) for key, value in (reader.metadata or {}).items()}
    assert info == {
        "/Title": DOCUMENT.title,
        "/Author": "gemeente Amsterdam",
        "/Subject": "Woo-besluit",
        "/Keywords": "TER, Woo, 5.1.2.e, 5.1.2.h",
        "/Creator": "Regie",
        "/Producer": "Regie",
    }
    assert reader.xmp_metadata is None
    assert reader.attachments == {}
    assert all(not page.get("/Annots") for page in reader.pages)
    assert "/Names" not in reader.root_object


def test_metadata_with_redacted_text_is_refused() -> None:
    with pytest.raises(ValueError, match="PDF metadata contains redacted text"):
        render_pdf(DOCUMENT, SPANS, metadata=PdfMetadata(author="M. Quaadvliet"))
    with pytest.raises(ValueError, match="PDF metadata contains redacted text"):
        render_pdf(DOCUMENT, SPANS, metadata=PdfMetadata(author="x", keywords=("Wijnbeek",)))
    with pytest.raises(ValueError, match="title contains redacted text"):
        render_pdf(
            dataclasses.replace(DOCUMENT, title="Verslag Team Alfa"), SPANS, metadata=METADATA
        )


def test_headings_are_bookmarks_of_the_redacted_text(redacted_pdf: bytes) -> None:
    outline = places(redacted_pdf)["outline"].splitlines()
    assert outline == [DOCUMENT.title, "Aanwezig", "1. Casus Zuidoost", "5.1.2.h bespreekt"]


def test_headings_lists_and_tables_are_laid_out_as_such() -> None:
    html = str(body_html(redact(DOCUMENT, SPANS)))
    assert html.startswith("<h2>Aanwezig</h2><ul><li>")
    # The second item is one level deeper: a list inside the first item.
    assert "(voorzitter, OOV)<ul><li>" in html
    assert "(GGD)</li></ul></li></ul>" in html
    assert "<table><tbody><tr><td>Datum</td><td>Actie</td><td>Wie</td></tr>" in html
    assert (
        "<tr><td>20210615</td><td>Contact leggen met Stadsdeel Noord</td>"
        '<td><span class="redaction">5.1.2.e</span></td></tr></tbody></table>'
    ) in html
    assert '<h3><span class="redaction">5.1.2.h</span> bespreekt</h3>' in html


def test_text_is_escaped_not_interpreted() -> None:
    from regie.woo.document import Block, BlockKind, Document

    document = Document("t", (Block(BlockKind.PARAGRAPH, '<img src="https://x.example/">'),))
    html = str(body_html(redact(document, [])))
    assert html == "<p>&lt;img src=&quot;https://x.example/&quot;&gt;</p>"
