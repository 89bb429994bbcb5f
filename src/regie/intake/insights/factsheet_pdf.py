"""The shareable factsheet as PDF (WeasyPrint through ``regie.core.pdf``, which reaches no
network). It holds what the preview page holds: protected counts, the period, the threshold
and one sentence on the method; no names, no references, no "confidential" mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import translation

from regie.core import pdf
from regie.intake.insights.factsheet import Factsheet

TEMPLATE = "intake/insights/factsheet_pdf.html"
# The only directory the renderer may read from; the template needs nothing from it.
ASSETS = Path(__file__).resolve().parent.parent / "templates" / "intake" / "insights"


def filename(sheet: Factsheet) -> str:
    return f"factsheet-signalen-{sheet.first.key}-{sheet.last.key}.pdf".lower()


def render(sheet: Factsheet, made_on: date) -> bytes:
    """Rendered in the installation's language, not the reader's: the document is shared
    outside the organisation (the view builds ``sheet``, with its labels, in it too)."""
    with translation.override(settings.LANGUAGE_CODE):
        return pdf.render_pdf(TEMPLATE, {"sheet": sheet, "made_on": made_on}, assets=ASSETS)
