"""Merging suggestions: overlaps become one span (longest wins, then known > term > context >
deduce), and nothing is ever redacted inside a protected term."""

from __future__ import annotations

from regie.woo.suggest import merge, protected
from regie.woo.suggest.hits import Hit

TEXT = "Jan de Vries (GGD) en Piet Bos uit Bos en Lommer; iPGA-R Teamoverleg"


def span(part: str, ground: str, source: str, nth: int = 0) -> Hit:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return Hit(start, start + len(part), ground, source)


def resolve(*hits: Hit) -> list[tuple[str, str, str]]:
    occurrences = protected.index(()).occurrences(TEXT)
    return [
        (TEXT[h.start : h.end], h.ground, h.source) for h in merge.resolve(hits, occurrences, TEXT)
    ]


def test_overlapping_hits_become_one_span_with_the_longest_hits_ground() -> None:
    assert resolve(span("de Vries", "5.1.2.e", "known"), span("Jan de", "5.1.2.h", "deduce")) == [
        ("Jan de Vries", "5.1.2.e", "known")
    ]


def test_at_equal_length_the_stronger_source_wins() -> None:
    hits = (
        span("Piet Bos", "5.1.2.e", "deduce"),
        span("Piet Bos", "5.1.2.h", "term"),
        span("Piet Bos", "5.1.2.e", "context"),
    )
    assert resolve(*hits) == [("Piet Bos", "5.1.2.h", "term")]
    assert resolve(span("Piet Bos", "5.1.2.h", "term"), span("Piet Bos", "5.1.2.e", "known")) == [
        ("Piet Bos", "5.1.2.e", "known")
    ]


def test_nothing_inside_a_protected_term() -> None:
    assert resolve(span("Bos", "5.1.2.e", "known", nth=1), span("GGD", "5.1.2.e", "deduce")) == []
    # A known name running into a protected word is cut back; a guess keeps only a full name.
    assert resolve(span("Vries (GGD", "5.1.2.e", "known")) == [("Vries", "5.1.2.e", "known")]
    assert resolve(span("R Teamoverleg", "5.1.2.e", "deduce")) == []
    assert resolve(span("Piet Bos uit Bos", "5.1.2.e", "deduce")) == [
        ("Piet Bos", "5.1.2.e", "deduce")
    ]


def test_a_known_full_name_may_contain_a_protected_word() -> None:
    text = "Kees Amsterdam merkt op dat Amsterdam groeit."
    hits = [Hit(0, 14, "5.1.2.e", "known"), Hit(28, 37, "5.1.2.e", "deduce")]
    kept = merge.resolve(hits, protected.index(()).occurrences(text), text)
    assert [text[h.start : h.end] for h in kept] == ["Kees Amsterdam"]
