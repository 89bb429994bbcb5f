"""The minutes as a document: PDF (WeasyPrint) and DOCX (python-docx) in the layout the team
knows from its Word minutes (title, Vergaderdatum, Aanwezig / Afwezig / Ook aanwezig, numbered
items with their points and BESLUIT lines, the ACTIELIJST and the TERMIJNAGENDA).

``snapshot`` reads the member version once into plain JSON data (kept as
``Meeting.adopted_document`` when the minutes are adopted, so an adopted export never changes);
``build`` turns the adopted snapshot, or a fresh one for minutes not adopted yet, into a plain
``MinutesDocument`` for one reader (a guest's copy leaves out the confidential items, the
actielijst, the termijnagenda and absence reasons, as the guest's page does); ``render_pdf``
and ``render_docx`` only present it, so the two formats cannot disagree.

Layout decisions:

* A document is written in the organisation's language (``settings.LANGUAGE_CODE``), whatever
  language the reader's screen is in: minutes are an official record whose text is Dutch.
* Title "Verslag <series>" with a "Concept" marker (and "ter vaststelling" once submitted);
  "Vastgesteld verslag <series>" once adopted, with the meeting that adopted it.
* A point is printed as written. The speaker's name is put in front only when the text does
  not start with it already (imported minutes do; points written in Regie usually do not):
  "Name merkt op ..." for a text that continues the sentence, "Name: Text" otherwise.
* The actielijst shows each action as it stood at the meeting: a sub-action completed after
  the meeting date is printed as open, so the export of an old meeting does not change when
  the list moves on. Dates raised are printed yyyymmdd as in the team's own lists; each
  sub-action gets its own row (the date and subject span them) so its owners and its due
  moment stay next to it.
"""

from regie.meetings.documents.compose import action_rows, build, from_snapshot, term_rows
from regie.meetings.documents.data import (
    SNAPSHOT_FORMAT,
    MinutesDocument,
    day_month_year,
    point_text,
    snapshot,
)
from regie.meetings.documents.docx import render_docx, xml_safe
from regie.meetings.documents.pdf import css_string, page_number_parts, render_pdf

__all__ = [
    "SNAPSHOT_FORMAT",
    "MinutesDocument",
    "action_rows",
    "build",
    "css_string",
    "day_month_year",
    "from_snapshot",
    "page_number_parts",
    "point_text",
    "render_docx",
    "render_pdf",
    "snapshot",
    "term_rows",
    "xml_safe",
]
