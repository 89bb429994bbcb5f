"""The minutes as PDF (WeasyPrint)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from regie.core import pdf
from regie.meetings.documents.data import ASSETS, TEMPLATE, MinutesDocument


def css_string(text: str) -> SafeString:
    """A CSS string literal for ``content:``: everything but plain characters escaped, so no
    name or title can end the string or the style sheet."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-–()" else f"\\{ord(ch):x} " for ch in text)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character is escaped above


def page_number_parts() -> tuple[str, str, str]:
    """ "page %(page)s of %(pages)s" cut around its placeholders, for CSS page counters (one
    translatable sentence rather than loose words that other languages order differently)."""
    text = _("page %(page)s of %(pages)s")
    before, _sep, rest = text.partition("%(page)s")
    between, _sep, after = rest.partition("%(pages)s")
    return before, between, after


def render_pdf(document: MinutesDocument) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        footer = f"{document.title} · {document.meeting_date}"
        before, between, after = page_number_parts()
        return pdf.render_pdf(
            TEMPLATE,
            {
                "doc": document,
                "css_organisation": css_string(document.organisation),
                "css_marker": css_string(document.marker.upper()),
                "css_footer": css_string(footer),
                "css_page": css_string(before),
                "css_of": css_string(between),
                "css_after": css_string(after),
            },
            assets=ASSETS,
        )
