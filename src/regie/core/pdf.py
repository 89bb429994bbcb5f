"""PDF rendering with WeasyPrint that never reaches the network.

WeasyPrint (and the Pango libraries it loads) is imported on first use, so the application
starts, and every page without a PDF works, on a machine where PDF rendering is unavailable.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string


@cache
def fetcher_class() -> type[Any]:
    import weasyprint

    class LocalOnlyFetcher(weasyprint.URLFetcher):
        """Refuses every URL except files below ``root``: a document never fetches anything
        remote, whatever ends up in the HTML."""

        def __init__(self, root: Path) -> None:
            super().__init__(allowed_protocols=["file"], allow_redirects=False, timeout=1)
            self.root = root.resolve()

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"refusing to fetch {url!r}: only local files")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_relative_to(self.root):
                raise ValueError(f"refusing to fetch {url!r}: outside {self.root}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    assets: Path,
    finisher: Callable[[Any, Any], None] | None = None,
) -> bytes:
    """``finisher(document, pdf)`` (WeasyPrint's hook) may change the PDF objects before they
    are written, e.g. to set the document information dictionary exactly."""
    import weasyprint

    html = render_to_string(template, context)
    document = weasyprint.HTML(
        string=html,
        base_url=assets.resolve().as_uri() + "/",
        url_fetcher=fetcher_class()(assets),
    )
    pdf: bytes = document.write_pdf(finisher=finisher)
    return pdf
