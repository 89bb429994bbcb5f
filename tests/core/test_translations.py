"""The Dutch catalogue is complete, compiled and in step with the source, and the UI speaks it.

A string added to a template or module without running ``make messages`` fails here, and so does
a catalogue that was edited without recompiling the ``.mo`` Django actually reads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import polib
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import templatize

import regie

PACKAGE = Path(regie.__file__).resolve().parent
LC_MESSAGES = PACKAGE / "locale" / "nl" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"
MAKE = "run `make messages` and translate the new entries"

# (msgctxt, msgid): how gettext identifies a message.
Key = tuple[str | None, str]

# The keywords ``makemessages`` passes to xgettext (plus xgettext's Python defaults), mapped to
# the positions of (context, message) among the call's arguments.
_KEYWORDS: dict[str, tuple[int | None, int]] = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}
_STRING = r"""[rRbBuU]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
# What ``templatize`` writes for {% translate %}, {% blocktranslate %} and _("...") in tags.
_TEMPLATE_CALL = re.compile(
    rf"\b(?P<name>{'|'.join(map(re.escape, _KEYWORDS))})\(\s*(?P<first>{_STRING})"
    rf"(?:\s*,\s*(?P<second>{_STRING}))?"
)
_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def _catalogue() -> Any:
    return polib.pofile(str(PO_PATH))


def _live_entries(po: Any) -> list[Any]:
    return [entry for entry in po if not entry.obsolete]


def _translation(entry: Any) -> str | tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(text for _index, text in sorted(entry.msgstr_plural.items()))
    return str(entry.msgstr)


def _key(entry: Any) -> Key:
    return (entry.msgctxt or None, entry.msgid)


def _python_keys() -> dict[Key, str]:
    found: dict[Key, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in _KEYWORDS:
                continue
            context_at, message_at = _KEYWORDS[name]
            values = [
                arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                for arg in node.args
            ]
            if len(values) <= message_at:
                continue
            message = values[message_at]
            context = None if context_at is None else values[context_at]
            if message is None or (context_at is not None and context is None):
                continue
            found.setdefault((context, message), f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def _template_keys() -> dict[Key, str]:
    found: dict[Key, str] = {}
    # makemessages reads every .html and .txt file in the package, not only template folders.
    templates = [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in {".html", ".txt"} and path.is_file()
    ]
    assert templates, "no templates found"
    for path in templates:
        source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for match in _TEMPLATE_CALL.finditer(source):
            first = ast.literal_eval(match["first"])
            second = ast.literal_eval(match["second"]) if match["second"] else None
            if _KEYWORDS[match["name"]][0] is None:
                key: Key = (None, first)
            elif second is not None:
                key = (first, second)
            else:
                continue
            found.setdefault(key, str(path.relative_to(PACKAGE)))
    return found


def test_every_entry_is_translated_and_current() -> None:
    po = _catalogue()
    assert po.metadata.get("Language") == "nl"
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"
    assert "nplurals=2" in po.metadata.get("Plural-Forms", "")
    assert len(_live_entries(po)) > 100, "the catalogue looks truncated"
    assert not po.obsolete_entries(), f"obsolete entries (#~) left in {PO_PATH.name}: {MAKE}"
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not fuzzy, f"fuzzy entries: check them and remove the flag: {fuzzy}"
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert not untranslated, f"untranslated entries: {untranslated}"


def test_translations_keep_their_placeholders() -> None:
    wrong = []
    for entry in _live_entries(_catalogue()):
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            # A singular form may leave out the count ("één casus"), never add a placeholder.
            allowed = set(_PLACEHOLDER.findall(entry.msgid_plural))
            for text in _translation(entry):
                if not set(_PLACEHOLDER.findall(text)) <= allowed:
                    wrong.append((entry.msgid, text))
        elif sorted(_PLACEHOLDER.findall(entry.msgstr)) != sorted(
            _PLACEHOLDER.findall(entry.msgid)
        ):
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, f"placeholders differ between msgid and msgstr: {wrong}"


def test_compiled_catalogue_matches_the_po_file() -> None:
    po = _catalogue()
    mo = polib.mofile(str(MO_PATH))
    expected = {_key(entry): _translation(entry) for entry in po.translated_entries()}
    compiled = {_key(entry): _translation(entry) for entry in mo if entry.msgid}
    assert compiled == expected, f"{MO_PATH.name} is out of date with {PO_PATH.name}: {MAKE}"


def test_every_template_string_is_in_the_catalogue() -> None:
    known = {_key(entry) for entry in _live_entries(_catalogue())}
    missing = {key: where for key, where in _template_keys().items() if key not in known}
    assert not missing, f"template strings missing from the catalogue ({MAKE}): {missing}"


def test_every_python_string_is_in_the_catalogue() -> None:
    known = {_key(entry) for entry in _live_entries(_catalogue())}
    missing = {key: where for key, where in _python_keys().items() if key not in known}
    assert not missing, f"Python strings missing from the catalogue ({MAKE}): {missing}"


def test_catalogue_has_no_stale_entries() -> None:
    used = {**_python_keys(), **_template_keys()}
    stale = [_key(entry) for entry in _live_entries(_catalogue()) if _key(entry) not in used]
    assert not stale, f"entries no longer used in the source ({MAKE}): {stale}"


@pytest.mark.parametrize("msgid", ["Log in to Regie", "Username", "Password"])
def test_login_page_is_dutch_by_default_and_english_on_request(
    client: Client, db: Any, msgid: str
) -> None:
    with translation.override("nl"):
        dutch = translation.gettext(msgid)
    assert dutch != msgid, f"{msgid!r} has no Dutch translation"
    login = reverse("accounts:login")

    page = client.get(login).content.decode()
    assert '<html lang="nl"' in page
    assert escape(dutch) in page
    assert escape(msgid) not in page

    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response["Location"] == login

    page = client.get(login).content.decode()
    assert '<html lang="en"' in page
    assert escape(msgid) in page
    assert escape(dutch) not in page
