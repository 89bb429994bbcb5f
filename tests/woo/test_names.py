"""Known persons in the forms people write them, and the words that are never redacted
(pure: no deduce, no database)."""

from __future__ import annotations

import pytest

from regie.woo.document import Block, BlockKind, Document, Span
from regie.woo.suggest import Lexicon, redact, suggest, suggest_text
from regie.woo.suggest.names import parse

KNOWN = Lexicon(
    known_names=(
        "Jan de Vries",
        "Ruben Bos",
        "Sanne de Wit",
        "Jeroen van Dijk",
        "Kees van den Berg",
        "Fatima El Idrissi",
        "Mohamed Ait Taleb",
        "Joris Wolters",
    )
)


def found(text: str, lexicon: Lexicon = KNOWN) -> list[str]:
    return [text[h.start : h.end] for h in suggest_text(text, lexicon)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jan de Vries merkt op dat", "Jan de Vries"),
        ("Volgens Jan is dat zo.", "Jan"),
        ("Volgens de Vries is dat zo.", "de Vries"),
        ("De Vries merkt op dat", "De Vries"),
        ("Aanwezig: J. de Vries", "J. de Vries"),
        ("Aanwezig: J.de Vries", "J.de Vries"),
        ("Aanwezig: J.P. de Vries", "J.P. de Vries"),
        ("Actiehouder: JdV", "JdV"),
        ("Jans voorstel wordt besproken", "Jans"),
        ("Jan's voorstel wordt besproken", "Jan's"),
        ("Joris' verslag was helder", "Joris'"),
        ("Bos merkt op", "Bos"),
        ("Van Dijk vraagt", "Van Dijk"),
        ("overleg met J. v. Dijk", "J. v. Dijk"),
        ("overleg met v.d. Berg", "v.d. Berg"),
        ("El Idrissi zegt", "El Idrissi"),
        ("Ait Taleb zegt", "Ait Taleb"),
    ],
)
def test_a_known_person_in_the_forms_people_write(text: str, name: str) -> None:
    assert found(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Het pad door het bos is afgesloten.",
        "De wit geschilderde hekken.",
        "Van dijk tot dijk.",
        "De berg afval is geruimd.",
        "Vries",  # nobody writes the surname without its prefix
        "Het OM en de GGD in Amsterdam.",
        "De projectleiders van stadsdeel Centrum en Westerpark.",
    ],
)
def test_ordinary_words_and_protected_terms_are_left(text: str) -> None:
    assert found(text) == []


def test_a_district_that_shares_a_word_with_a_surname_is_left() -> None:
    text = "Bos loopt een ronde door Bos en Lommer."
    assert found(text) == ["Bos"]


def test_titles_stay_outside_the_name() -> None:
    assert found("mevr. De Wit en dhr. Bos") == ["De Wit", "Bos"]


def test_terms_are_suggested_on_their_ground() -> None:
    lexicon = Lexicon(terms=(("Team Alfa", "5.1.2.h"),))
    hits = suggest_text("Het team alfa rukt uit.", lexicon)
    assert [(h.ground, h.source) for h in hits] == [("5.1.2.h", "term")]


def test_the_installations_organisations_are_protected_too() -> None:
    lexicon = Lexicon(known_names=("Piet Kraaijeveld",), protected=("Kraaijeveld Zorg",))
    assert found("Kraaijeveld merkt op. Kraaijeveld Zorg levert.", lexicon) == ["Kraaijeveld"]


def test_suggestions_on_a_document_are_spans_per_block() -> None:
    document = Document(
        "Verslag",
        (
            Block(BlockKind.HEADING, "Aanwezig: Jan de Vries"),
            Block(BlockKind.TABLE_ROW, "1\tBellen\tJdV"),
        ),
    )
    assert suggest(document, KNOWN) == [
        Span(0, 10, 22, "5.1.2.e", "known"),
        Span(1, 9, 12, "5.1.2.e", "known"),
    ]


def test_redacted_text_shows_the_ground() -> None:
    text = "Jan de Vries merkt op dat Bos gelijk heeft."
    assert (
        redact(text, suggest_text(text, KNOWN)) == "[5.1.2.e] merkt op dat [5.1.2.e] gelijk heeft."
    )


def test_names_are_parsed_into_given_names_prefix_and_surname() -> None:
    parsed = parse("Jan Pieter van der Berg")
    assert parsed is not None
    assert (parsed.first, parsed.prefix, parsed.surname) == (
        ("Jan", "Pieter"),
        ("van", "der"),
        ("Berg",),
    )
    assert parse("   ") is None
