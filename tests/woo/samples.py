"""A fictional piece of minutes with every kind of block, and the spans a review approved on
it: shared by the export tests."""

from __future__ import annotations

from regie.woo.document import Block, BlockKind, Document, Span

H, P, LI, TR = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW

DOCUMENT = Document(
    title="Vastgesteld verslag TER-overleg van 15 juni 2021",
    blocks=(
        Block(H, "Aanwezig", 1),  # 0
        Block(LI, "Marloes Quaadvliet (voorzitter, OOV)"),  # 1
        Block(LI, "Theodoor Wijnbeek (GGD)", 1),  # 2
        Block(H, "1. Casus Zuidoost", 1),  # 3
        Block(P, "Quaadvliet merkt op dat de TER-coördinator Wijnbeek heeft gebeld."),  # 4
        Block(P, "Mail naar t.wijnbeek@example.org of bel 06-12345678."),  # 5
        Block(TR, "Datum\tActie\tWie"),  # 6
        Block(TR, "20210615\tContact leggen met Stadsdeel Noord\tGijsbrecht Ravensteijn"),  # 7
        Block(H, "Team Alfa bespreekt", 2),  # 8
        Block(P, "BESLUIT: de casus wordt opgeschaald."),  # 9
    ),
)


def span(block: int, text: str, ground: str = "5.1.2.e", source: str = "known") -> Span:
    """The span over the first occurrence of ``text`` in block ``block``."""
    start = DOCUMENT.blocks[block].text.index(text)
    return Span(block, start, start + len(text), ground, source)


SPANS = (
    span(1, "Marloes Quaadvliet"),
    span(2, "Theodoor Wijnbeek"),
    span(4, "Quaadvliet"),
    span(4, "Wijnbeek"),
    span(5, "t.wijnbeek@example.org", source="deduce"),
    span(5, "06-12345678", source="deduce"),
    span(7, "Gijsbrecht Ravensteijn", source="manual"),
    span(8, "Team Alfa", "5.1.2.h", "term"),
)

# What the spans cover: none of it may survive in any export.
SECRETS = (
    "Marloes Quaadvliet",
    "Theodoor Wijnbeek",
    "Quaadvliet",
    "Wijnbeek",
    "t.wijnbeek@example.org",
    "06-12345678",
    "Gijsbrecht Ravensteijn",
    "Team Alfa",
)


def covered() -> set[str]:
    return {DOCUMENT.blocks[s.block].text[s.start : s.end] for s in SPANS}
