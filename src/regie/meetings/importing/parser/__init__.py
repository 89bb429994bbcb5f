"""Parse meeting minutes (plain text or DOCX) into a draft meeting for a secretary to review.

Pure Python, no Django models: the importer only *proposes* a structure; a person reviews the
draft before anything is saved. That shapes every decision here:

* Nothing is dropped. Whatever is not understood stays as free text on the item it appeared
  under (or in ``preamble`` before the first item, or ``appendix`` after the tables).
* ``parse_text`` never raises. Garbage in gives a draft with the text kept and warnings.
* Heuristics that could be wrong leave a note in ``warnings`` rather than guessing silently.

The input format is the one Woo-published minutes use: personal names replaced by their legal
ground (``5.1.2,e``, ``5.1.2.e``, ``^{5.1.2,e}`` superscript markup), numbered agenda items,
``→ **BESLUIT: …**`` decisions, and two tab-separated tables (ACTIELIJST, TERMIJNAGENDA).
"""

from regie.meetings.importing.parser.draft import (
    DraftAction,
    DraftItem,
    DraftMeeting,
    DraftPerson,
    DraftPoint,
    DraftSubAction,
    DraftTermItem,
    MinutesImportError,
    draft_text,
)
from regie.meetings.importing.parser.people import detect_owners, detect_speaker, parse_attendees
from regie.meetings.importing.parser.tables import split_due, split_sentences
from regie.meetings.importing.parser.text import parse_text
from regie.meetings.importing.parser.vocabulary import parse_dutch_date
from regie.meetings.importing.parser.word import DocxTooLarge, docx_to_text, parse_docx

__all__ = [
    "DocxTooLarge",
    "DraftAction",
    "DraftItem",
    "DraftMeeting",
    "DraftPerson",
    "DraftPoint",
    "DraftSubAction",
    "DraftTermItem",
    "MinutesImportError",
    "detect_owners",
    "detect_speaker",
    "docx_to_text",
    "draft_text",
    "parse_attendees",
    "parse_docx",
    "parse_dutch_date",
    "parse_text",
    "split_due",
    "split_sentences",
]
