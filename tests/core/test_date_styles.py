"""Issue 11 point 7: one date style per context, the same in pages, PDF and DOCX and in both
languages: the long form in running text ("24 juli 2002"), ``dd-mm-jjjj`` in tables and forms.

The formats live in ``regie/formats/`` (Django's format localisation) and ``regie.core.dates``;
these tests scan the templates and the code for hard-coded date formats, so the rule cannot
silently break, and check what the pages, forms and documents show."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from regie.core import dates

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"

# The named formats of regie/formats/<language>/formats.py, and the one literal: the long form
# with the weekday, for a meeting's own date.
NAMED = {"DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"}
WEEKDAY = dates.WEEKDAY_DATE_FORMAT
# Machine formats, allowed only as the value of an attribute (``datetime=``, ``value=``, …).
MACHINE = {"c", "Y-m-d"}
FILTER = re.compile(r"""\|(date|time):(?:"([^"]*)"|'([^']*)')""")
IN_ATTRIBUTE = re.compile(r"""\b(datetime|value|max|min)="[^"]*$""")


def _template_violations() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in FILTER.finditer(line):
                kind, fmt = match.group(1), match.group(2) or match.group(3)
                if kind == "time":
                    found.append(f"{path.relative_to(SRC)}:{number}: |time:{fmt!r}")
                elif (
                    fmt in NAMED
                    or fmt == WEEKDAY
                    or (fmt in MACHINE and IN_ATTRIBUTE.search(line[: match.start()]))
                    or (fmt == "c" and "|utc|date" in line)  # the UTC time in the audit detail
                ):
                    continue
                else:
                    found.append(f"{path.relative_to(SRC)}:{number}: |date:{fmt!r}")
    return found


def test_templates_use_only_the_named_date_formats() -> None:
    assert _template_violations() == []


# Dates written in code: a format directive for the day in an f-string, ``strftime`` or a
# ``date_format``/``date`` filter call with a literal. Allowed: machine formats that are not
# shown as a date to a reader (hash chains, file names, reference numbers, the CLI).
CODE = re.compile(r"""%d|%b|%B|strftime\(|date_format\([^)]*"|date_filter\(""")
MACHINE_LINES = {
    "audit/chain.py": "%Y-%m-%dT%H:%M:%S.%fZ",
    "audit/archive.py": "%Y-%m-%dT%H:%M:%S.%fZ",
    "audit/pruning.py": "{self.cutoff:%Y-%m-%d}",  # the `regie audit prune` report
    "audit/models.py": "{self.occurred_at:%Y-%m-%d %H:%M:%S}",  # __str__ of a log row
    "meetings/documents/compose.py": "{meeting.date:%Y-%m-%d}",  # the file name
    "cases/export.py": "AVG15-{person.pk}-",  # the export's reference number
    "demo/meetings.py": '.strftime("%d-%m-%Y")',  # text typed into a demo document
}


def test_code_formats_dates_only_through_core_dates() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = str(path.relative_to(SRC))
        skipped = relative.startswith(("core/dates.py", "formats/", "bench/"))
        if skipped or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#") or not CODE.search(line):
                continue
            allowed = MACHINE_LINES.get(relative)
            if allowed and allowed in line:
                continue
            if "strptime" in line or "_FORMATS" in line or ("%H:%M" in line and "%d" not in line):
                continue
            if 'format="%Y-%m-%d"' in line:  # the value of an <input type="date"> is ISO
                continue
            found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize(
    ("language", "long", "long_time"),
    [
        ("nl", "24 juli 2002", "24 juli 2002 14:05"),
        ("en", "24 July 2002", "24 July 2002 14:05"),
    ],
)
def test_one_style_per_context_in_both_languages(language: str, long: str, long_time: str) -> None:
    day = date(2002, 7, 24)
    moment = datetime(2002, 7, 24, 12, 5, tzinfo=UTC)  # 14:05 in Amsterdam
    with translation.override(language):
        assert dates.long_date(day) == long
        assert dates.short_date(day) == "24-07-2002"
        assert dates.long_datetime(moment) == long_time
        assert dates.short_datetime(moment) == "24-07-2002 14:05"
        rendered = Template(
            '{{ d|date }} | {{ d|date:"SHORT_DATE_FORMAT" }} | {{ m|date:"SHORT_DATETIME_FORMAT" }}'
        ).render(Context({"d": day, "m": moment}))
    assert rendered == f"{long} | 24-07-2002 | 24-07-2002 14:05"
