"""Redaction replaces each span by a placeholder carrying its ground, and nothing of the
original text survives; invalid or overlapping spans are refused."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.woo.document import Block, BlockKind, Document, Span
from regie.woo.export.redact import Mark, redact
from regie.woo.export.text import render_text
from tests.woo.samples import DOCUMENT, SECRETS, SPANS


def test_each_span_becomes_a_placeholder_with_its_ground() -> None:
    redacted = redact(DOCUMENT, SPANS)
    blocks = redacted.document.blocks
    assert blocks[1].text == "[5.1.2.e] (voorzitter, OOV)"
    assert blocks[4].text == "[5.1.2.e] merkt op dat de TER-coördinator [5.1.2.e] heeft gebeld."
    assert blocks[8].text == "[5.1.2.h] bespreekt"
    assert [b.kind for b in blocks] == [b.kind for b in DOCUMENT.blocks]
    assert [b.level for b in blocks] == [b.level for b in DOCUMENT.blocks]
    assert redacted.grounds == {"5.1.2.e": 7, "5.1.2.h": 1}


def test_marks_point_at_the_placeholders() -> None:
    redacted = redact(DOCUMENT, SPANS)
    for mark in redacted.marks:
        text = redacted.document.blocks[mark.block].text
        assert text[mark.start : mark.end] == f"[{mark.ground}]"
    assert redacted.segments(4) == [
        Mark(4, 0, 9, "5.1.2.e"),
        " merkt op dat de TER-coördinator ",
        Mark(4, 42, 51, "5.1.2.e"),
        " heeft gebeld.",
    ]


def test_table_cells_survive_redaction() -> None:
    redacted = redact(DOCUMENT, SPANS)
    assert redacted.cells(7) == [
        ["20210615"],
        ["Contact leggen met Stadsdeel Noord"],
        [Mark(7, 44, 53, "5.1.2.e")],
    ]


def test_no_original_text_survives_anywhere_in_the_result() -> None:
    redacted = redact(DOCUMENT, SPANS)
    everything = repr(redacted) + repr([dataclasses.asdict(m) for m in redacted.marks])
    for secret in SECRETS:
        assert secret.casefold() not in everything.casefold(), secret


def test_the_placeholder_does_not_reveal_the_length_of_what_it_replaces() -> None:
    short = Document("t", (Block(BlockKind.PARAGRAPH, "Al zegt ja"),))
    long = Document("t", (Block(BlockKind.PARAGRAPH, "Alexandra-Josephine zegt ja"),))
    one = redact(short, [Span(0, 0, 2, "5.1.2.e")]).document.blocks[0].text
    two = redact(long, [Span(0, 0, 19, "5.1.2.e")]).document.blocks[0].text
    assert one == two == "[5.1.2.e] zegt ja"


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([Span(10, 0, 1, "5.1.2.e")], "does not exist"),
        ([Span(0, 0, 99, "5.1.2.e")], "past the end"),
        ([Span(1, 0, 10, "5.1.2.e"), Span(1, 5, 12, "5.1.2.e")], "overlap"),
        ([Span(1, 0, 10, "5.1.2.e"), Span(1, 0, 10, "5.1.2.h")], "overlap"),
        ([Span(1, 0, 7, "Marloes")], "malformed ground"),  # text never rides on a ground
        ([Span(1, 0, 7, "5.1.2,e")], "malformed ground"),  # canonical codes only
        ([Span(1, 0, 7, "5.1.2.e\n")], "malformed ground"),
        ([Span(1, 0, 7, "5.1.5")], None),
        ([Span(1, 0, 7, "5.2")], None),
        ([Span(1, 0, 7, "5.1.2.e <b>")], "malformed ground"),
        ([Span(1, 0, 7, "")], "malformed ground"),
        ([Span(1, 0, 7, "5.1.2\te")], "malformed ground"),
    ],
)
def test_invalid_spans_are_refused(spans: list[Span], message: str | None) -> None:
    if message is None:
        redact(DOCUMENT, spans)
        return
    with pytest.raises(ValueError, match=message):
        redact(DOCUMENT, spans)


def test_an_empty_span_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="empty"):
        Span(0, 3, 3, "5.1.2.e")


def test_adjacent_spans_are_not_an_overlap() -> None:
    document = Document("t", (Block(BlockKind.PARAGRAPH, "JanPiet"),))
    spans = [Span(0, 0, 3, "5.1.2.e"), Span(0, 3, 7, "5.1.2.e")]
    assert redact(document, spans).document.blocks[0].text == "[5.1.2.e][5.1.2.e]"


def test_a_title_containing_redacted_text_is_refused() -> None:
    document = dataclasses.replace(DOCUMENT, title="Verslag met Quaadvliet")
    with pytest.raises(ValueError, match="title contains redacted text"):
        redact(document, SPANS)
    # A word that merely contains a redacted text is not a match.
    fine = dataclasses.replace(DOCUMENT, title="Verslag Team Alfabet")
    assert redact(fine, SPANS).document.title == "Verslag Team Alfabet"


def test_plain_text_replaces_each_span_by_its_ground_in_brackets() -> None:
    text = render_text(DOCUMENT, SPANS)
    assert text == (
        "Vastgesteld verslag TER-overleg van 15 juni 2021\n"
        "\n"
        "Aanwezig\n"
        "\n"
        "- [5.1.2.e] (voorzitter, OOV)\n"
        "  - [5.1.2.e] (GGD)\n"
        "\n"
        "1. Casus Zuidoost\n"
        "\n"
        "[5.1.2.e] merkt op dat de TER-coördinator [5.1.2.e] heeft gebeld.\n"
        "\n"
        "Mail naar [5.1.2.e] of bel [5.1.2.e].\n"
        "\n"
        "Datum\tActie\tWie\n"
        "20210615\tContact leggen met Stadsdeel Noord\t[5.1.2.e]\n"
        "\n"
        "[5.1.2.h] bespreekt\n"
        "\n"
        "BESLUIT: de casus wordt opgeschaald.\n"
    )
    for secret in SECRETS:
        assert secret not in text


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéë", min_size=3, max_size=12)


@given(st.lists(st.tuples(_word, st.booleans()), min_size=1, max_size=30))
def test_property_redacted_words_never_survive(words: list[tuple[str, bool]]) -> None:
    """Whatever the words and whichever are redacted, a redacted word appears in the text
    export only where an unredacted word contains it."""
    text = ""
    spans = []
    for word, secret in words:
        if secret:
            spans.append(Span(0, len(text), len(text) + len(word), "5.1.2.e"))
        text += word + " "
    document = Document("x", (Block(BlockKind.PARAGRAPH, text),))
    out = render_text(document, spans)
    kept = " ".join(w for w, secret in words if not secret)
    for word, secret in words:
        if secret and word not in kept and word not in "x [5.1.2.e]":
            assert word not in out
    assert out.count("[5.1.2.e]") == len(spans)
