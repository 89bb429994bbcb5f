"""``deduce`` (the Dutch de-identification library) as a source of suggestions.

Its lookup structures (name, street and place lists) take one to two minutes to build. They
are built once into a disk cache (``prepare``) and loaded once per process: ``engine`` is a
module-level lazy singleton, so a request, a command or a test never builds them again. A
file lock keeps parallel processes (test workers) from building the same cache twice.

What deduce finds becomes a suggestion on its Woo ground: person names, e-mail addresses,
phone numbers and addresses (a location with a house number or a postal code; a place or a
district alone is public) on 5.1.2.e, a BSN on 5.1.1.e, and a date only when the text says
it is a date of birth. Institutions, ages, URLs and other dates are not redacted.
"""

from __future__ import annotations

import fcntl
import gc
import re
import threading
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from regie.woo.suggest.hits import NATIONAL_ID, PERSONAL, Hit

if TYPE_CHECKING:
    from deduce import Deduce

# Deduce processors whose findings are never redacted here (institutions, ages, URLs, other
# identifiers) or not needed (the redactor writes deduce's own redacted text): skipping them
# saves their time on every page.
DISABLED = frozenset({"institutions", "ages", "urls", "identifier", "redactor"})
_ALWAYS = {
    "persoon": PERSONAL,
    "patient": PERSONAL,
    "emailadres": PERSONAL,
    "telefoonnummer": PERSONAL,
    "bsn": NATIONAL_ID,
}
_BIRTH = re.compile(r"(geb\.|geboren|geboortedatum|geb\.datum|geboortedag)\W{0,5}(op\W+)?$", re.I)

_lock = threading.Lock()
_engines: dict[Path, Deduce] = {}


def version() -> str:
    return metadata.version("deduce")


def cache_path(cache_dir: Path) -> Path:
    """The versioned directory deduce writes its ``cache/lookup_structs.pickle`` under, so a
    new deduce release builds a new cache instead of reading the old one."""
    return cache_dir / f"deduce-{version()}"


def is_prepared(cache_dir: Path) -> bool:
    return (cache_path(cache_dir) / "cache" / "lookup_structs.pickle").is_file()


def engine(cache_dir: Path) -> Deduce:
    """The process's deduce, loaded from (or first built into) ``cache_dir``."""
    with _lock:
        found = _engines.get(cache_dir)
        if found is None:
            found = _engines[cache_dir] = _load(cache_dir)
        return found


def prepare(cache_dir: Path) -> bool:
    """Build the cache unless it exists; ``True`` when this call built it."""
    if is_prepared(cache_dir):
        return False
    engine(cache_dir)
    return True


def _load(cache_dir: Path) -> Deduce:
    target = cache_path(cache_dir)
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".lock").open("w") as lock:
        # One builder at a time; the others wait and then load what it wrote.
        fcntl.flock(lock, fcntl.LOCK_EX)
        # The structures are millions of small objects that live as long as the process.
        # Without the cyclic garbage collector running over them as they are made, loading
        # takes a quarter of the time (2 s instead of 8 s of CPU, measured); frozen, no later
        # collection walks them again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            from deduce import Deduce

            loaded = Deduce(cache_path=target)
            gc.freeze()
            return loaded
        finally:
            if collecting:
                gc.enable()
            fcntl.flock(lock, fcntl.LOCK_UN)


# What deduce leaves of a house number: "17-2", "17 hs", "17-III", "17 A".
_HOUSE_SUFFIX = re.compile(r"(?:[-/]\d{1,4}[A-Za-z]?|\s?-?\s?(?:hs|bg|huis|bis|[IV]{1,3}|[A-H])\b)")


def _extend(tag: str, text: str, end: int) -> int:
    if tag == "locatie" and text[end - 1 : end].isdigit():
        suffix = _HOUSE_SUFFIX.match(text, end)
        if suffix:
            return suffix.end()
    return end


def _ground(tag: str, text: str, start: int, end: int) -> str | None:
    if tag in _ALWAYS:
        return _ALWAYS[tag]
    if tag == "locatie" or tag == "straat":
        covered = text[start:end]
        # A street with its number or a postal code is an address; a place name is public.
        return PERSONAL if any(ch.isdigit() for ch in covered) else None
    if tag == "datum":
        return PERSONAL if _BIRTH.search(text[max(0, start - 30) : start]) else None
    return None


def find(text: str, cache_dir: Path) -> list[Hit]:
    document = engine(cache_dir).deidentify(text, disabled=set(DISABLED))
    hits = []
    for annotation in document.annotations:
        start, end = annotation.start_char, annotation.end_char
        ground = _ground(annotation.tag, text, start, end)
        if ground is not None:
            hits.append(Hit(start, _extend(annotation.tag, text, end), ground, "deduce"))
    return hits
