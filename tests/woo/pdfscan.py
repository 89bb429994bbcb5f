"""Looking for text in every corner of a PDF with pypdf: the text layer, the document
information, the XMP packet, the outline (bookmarks), annotations, embedded files, and the raw
bytes of every object with its streams decompressed."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject


def _outline_titles(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item)
        else:
            yield str(item.title)


def _objects(reader: PdfReader) -> Iterator[Any]:
    """Every indirect object in the file, resolved."""
    for generation, numbers in reader.xref.items():
        for number in numbers:
            try:
                yield IndirectObject(number, generation, reader).get_object()
            except Exception:  # noqa: S112 - a free or broken entry holds nothing to read
                continue


def _raw(reader: PdfReader, data: bytes) -> Iterator[bytes]:
    yield data
    for obj in _objects(reader):
        if isinstance(obj, StreamObject):
            yield obj.get_data()


def places(data: bytes) -> dict[str, str]:
    """Each searchable place of the PDF as text (raw bytes decoded several ways)."""
    reader = PdfReader(io.BytesIO(data))
    found: dict[str, str] = {
        "text": "\n".join(page.extract_text() or "" for page in reader.pages),
        "metadata": repr(dict(reader.metadata or {})),
        "outline": "\n".join(_outline_titles(reader.outline)),
        "xmp": repr(reader.xmp_metadata.rdf_root.toxml() if reader.xmp_metadata else ""),
        "annotations": repr(
            [
                annotation.get_object()
                for page in reader.pages
                for annotation in (page.get("/Annots") or [])
            ]
        ),
        "attachments": repr(
            {name: [bytes(c) for c in content] for name, content in reader.attachments.items()}
        ),
    }
    raw = b"\n".join(_raw(reader, data))
    found["raw"] = "\n".join(
        raw.decode(encoding, errors="ignore") for encoding in ("latin-1", "utf-8", "utf-16-be")
    )
    # Strings in the objects (outline, names, info) as pypdf decodes them.
    found["objects"] = "\n".join(
        repr(obj) for obj in _objects(reader) if isinstance(obj, DictionaryObject)
    )
    return found


def leaks(data: bytes, secrets: Iterable[str]) -> dict[str, list[str]]:
    """{secret: [places it was found]}, only for secrets found somewhere."""
    where = places(data)
    result: dict[str, list[str]] = {}
    for secret in secrets:
        hits = [name for name, text in where.items() if secret.casefold() in text.casefold()]
        if hits:
            result[secret] = hits
    return result
