"""Data-subject access (AVG/GDPR art. 15): find a person and export everything held on them.

For the privacy officer only (policy action ``cases.dsar``). This is the one place that reads
persons and cases across all caseloads, so it deliberately does not start from
``policy.visible``: the views in ``views_privacy`` guard every entry point with the rule.

``subject_access_data`` collects the data once; ``render_json`` and ``render_pdf`` present the
same collection, so the two downloads cannot disagree. Staff are named by their role on every
case ("regisseur", "partner Stadsdeel Noord"), also inside texts written on the case, unless the
privacy officer includes names for one export with a written reason (``export_staff``). Higher
apps add their part of each case through ``extensions.register_export_section``
(registrations, interventions), and what they hold on the person beside any case through
``extensions.register_person_section`` (the signals about them); the duplicate checks that
concerned the person are listed with those (``export_person``). The access log is told in
sentences (``export_audit``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.cases import export_person, extensions
from regie.cases.export_audit import audit_events_for
from regie.cases.export_staff import Roles, StaffNames, roles_of
from regie.cases.export_staff import role_word as role_word  # used by callers of this module
from regie.cases.models import (
    Case,
    FlagType,
    JournalEntry,
    Person,
    Phase,
    Task,
    TimelineEvent,
    Visibility,
    ZrmAssessment,
    ZrmScore,
    normalise,
)
from regie.core import pdf
from regie.core.dates import parse_date, short_date, short_datetime

TITLE = gettext_lazy("Subject access request (GDPR art. 15)")
SEARCH_LIMIT = 50
TEMPLATE = "cases/privacy/export_pdf.html"
# The only directory the PDF renderer may read from (it needs nothing: styles are inline).
ASSET_ROOT = Path(__file__).resolve().parent / "templates" / "cases" / "privacy"


# --- Finding the person -------------------------------------------------------------------------


def find_persons(query: str) -> list[Person]:
    """Persons matching a BSN (exact), a date of birth, or parts of the name (accent- and
    case-insensitive substrings), with the number of cases each has."""
    text = " ".join(query.split())[:100]
    if len(text) < 2:
        return []
    persons = Person.objects.select_related("area").annotate(case_count=Count("cases"))
    digits = re.sub(r"[\s.]", "", text)
    day = parse_date(text)
    if digits.isdigit() and len(digits) == 9:
        persons = persons.filter(bsn=digits)
    elif day is not None:
        persons = persons.filter(date_of_birth=day)
    else:
        for part in normalise(text).split(" "):
            persons = persons.filter(search_name__contains=part)
    return list(persons.order_by("last_name", "first_name", "id")[:SEARCH_LIMIT])


def person_cases(person: Person) -> list[Case]:
    return list(
        Case.objects.filter(person=person)
        .select_related("theme", "area", "closing_reason")
        .prefetch_related("flags")
        .order_by("opened_on", "id")
    )


# --- Collecting -----------------------------------------------------------------------------


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment is not None else None


def _case_queryset(person: Person) -> Any:
    scores = ZrmScore.objects.select_related("domain").order_by("domain__order", "domain__name")
    return (
        Case.objects.filter(person=person)
        .select_related("theme", "area", "regisseur", "closing_reason")
        .prefetch_related(
            Prefetch("flags", queryset=FlagType.objects.order_by("name")),
            Prefetch(
                "journal",
                queryset=JournalEntry.objects.select_related(
                    "author", "category", "author_organisation"
                ).order_by("occurred_on", "id"),
            ),
            Prefetch(
                "tasks", queryset=Task.objects.select_related("assignee").order_by("due_on", "id")
            ),
            Prefetch(
                "zrm_assessments",
                queryset=ZrmAssessment.objects.select_related("assessor")
                .prefetch_related(Prefetch("scores", queryset=scores))
                .order_by("assessed_on", "id"),
            ),
            Prefetch(
                "timeline",
                queryset=TimelineEvent.objects.select_related("actor").order_by("at", "id"),
            ),
        )
        .order_by("opened_on", "id")
    )


@dataclass
class _Collected:
    """One case as read, before it is written out: its own rows and the sections' rows."""

    case: Case
    journal: list[JournalEntry]
    tasks: list[Task]
    assessments: list[ZrmAssessment]
    timeline: list[TimelineEvent]
    sections: dict[str, Sequence[Any]]

    def users(self) -> list[Any]:
        users = [
            self.case.regisseur,
            *(e.author for e in self.journal),
            *(t.assignee for t in self.tasks),
            *(a.assessor for a in self.assessments),
            *(e.actor for e in self.timeline),
        ]
        for section in extensions.export_sections():
            for row in self.sections.get(section.key, ()):
                users.extend(section.users(row))
        return users

    def others(self) -> list[tuple[str, str]]:
        return [
            pair
            for section in extensions.export_sections()
            for row in self.sections.get(section.key, ())
            for pair in section.names(row)
        ]


def _collect(case: Case, sections: Mapping[str, Mapping[int, Sequence[Any]]]) -> _Collected:
    return _Collected(
        case=case,
        journal=list(case.journal.all()),
        tasks=list(case.tasks.all()),
        assessments=list(case.zrm_assessments.all()),
        timeline=list(case.timeline.all()),
        sections={key: rows.get(case.pk, ()) for key, rows in sections.items()},
    )


def _case_data(item: _Collected, roles: Roles, *, named: bool) -> dict[str, Any]:
    case, journal, timeline = item.case, item.journal, item.timeline
    # Earlier case directors are named in the parameters of assignment events.
    earlier = [str(e.params.get("name", "")) for e in timeline if isinstance(e.params, dict)]
    staff = StaffNames(
        case, item.users(), roles=roles, named=named, directors=earlier, others=item.others()
    )
    data: dict[str, Any] = {
        "number": case.number,
        "theme": case.theme.name,
        "area": case.area.name,
        "phase": case.phase,
        "phase_label": str(Phase(case.phase).label),
        "phase_since": _local(case.phase_since),
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "closing_reason": case.closing_reason.name if case.closing_reason else None,
        "delete_after": case.delete_after,
        "next_review_on": case.next_review_on,
        "flags": [flag.name for flag in case.flags.all()],
        "staff_names_withheld": not named,
        "regisseur": staff.name(case.regisseur),
        "summary": staff.text(case.summary),
        "journal": [
            {
                "date": entry.occurred_on,
                "category": entry.category.name,
                "visibility": entry.visibility,
                "visibility_label": str(Visibility(entry.visibility).label),
                "author": staff.name(
                    entry.author,
                    organisation=entry.author_organisation.name
                    if entry.author_organisation
                    else "",
                ),
                "text": staff.text(entry.text),
            }
            for entry in journal
        ],
        "tasks": [
            {
                "title": staff.text(task.title),
                "kind": task.kind,
                "kind_label": str(Task.Kind(task.kind).label),
                "due_on": task.due_on,
                "done_on": task.done_on,
                "assignee": staff.name(task.assignee),
            }
            for task in item.tasks
        ],
        "zrm_assessments": [
            {
                "date": assessment.assessed_on,
                "assessor": staff.name(assessment.assessor),
                "note": staff.text(assessment.note),
                "scores": [
                    {"domain": score.domain.name, "score": score.score}
                    for score in assessment.scores.all()
                ],
            }
            for assessment in item.assessments
        ],
        "timeline": [_timeline_entry(event, staff) for event in timeline],
    }
    for section in extensions.export_sections():
        data[section.key] = [section.entry(row, staff) for row in item.sections[section.key]]
    return data


def _timeline_entry(event: TimelineEvent, staff: StaffNames) -> dict[str, Any]:
    return {
        "at": _local(event.at),
        "kind": event.kind,
        "kind_label": str(TimelineEvent.Kind(event.kind).label)
        if event.kind in TimelineEvent.Kind.values
        else event.kind,
        # The assignment message names the new case director: a role unless names are in.
        "text": staff.text(event.text_for(hide_staff=not staff.named)),
        "reason": staff.text(event.reason),
        "actor": staff.name(event.actor),
    }


def subject_access_data(
    person: Person,
    *,
    generated_at: datetime | None = None,
    sender: str = "",
    staff_names: bool = False,
) -> dict[str, Any]:
    """Everything held on ``person``, in a fixed key order (dates as ``date``/``datetime``
    objects; ``render_json`` writes them as ISO 8601). Staff by role, unless ``staff_names``
    (the privacy officer's audited choice for this one export)."""
    cases = list(_case_queryset(person))
    sections = {section.key: section.rows(cases) for section in extensions.export_sections()}
    collected = [_collect(case, sections) for case in cases]
    held = export_person.collect(person)
    roles = roles_of(
        [*(user for item in collected for user in item.users()), *export_person.users(held)]
    )
    return {
        "title": str(TITLE),
        "generated_at": _local(generated_at or timezone.now()),
        "sender": sender or None,
        "staff_names_included": staff_names,
        "person": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_of_birth": person.date_of_birth,
            "bsn": person.bsn or None,
            "area": person.area.name,
            "registered_at": _local(person.created_at),
        },
        **export_person.person_data(held, roles, named=staff_names),
        "cases": [_case_data(item, roles, named=staff_names) for item in collected],
        "audit_events": audit_events_for(
            person, [case.number for case in cases], named=staff_names
        ),
    }


# --- Rendering ------------------------------------------------------------------------------


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def render_json(data: dict[str, Any]) -> bytes:
    text = json.dumps(data, default=_json_default, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class PdfOptions:
    reference: str
    language: str


def reference_for(person: Person, generated_at: datetime) -> str:
    """A reference for the letter: no name in it, so it can appear in filenames and logs."""
    return f"AVG15-{person.pk}-{timezone.localtime(generated_at):%Y%m%d}"


def _zrm_matrix(assessments: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores as a table: one row per life domain, one column per assessment."""
    domains: list[str] = []
    for assessment in assessments:
        for score in assessment["scores"]:
            if score["domain"] not in domains:
                domains.append(score["domain"])
    by_assessment = [{s["domain"]: s["score"] for s in a["scores"]} for a in assessments]
    return {
        "dates": [a["date"] for a in assessments],
        "rows": [(domain, [scores.get(domain) for scores in by_assessment]) for domain in domains],
    }


def _cell(value: Any) -> str:
    """A value of a section's entry as printed in its table: dates as dd-mm-jjjj, lists joined,
    yes or no."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return short_datetime(value)
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _table(section: Any, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """A section (of a case, or of the person) as a printed table: its title, column labels
    and rows."""
    return {
        "key": section.key,
        "title": section.title,
        "empty": section.empty,
        "labels": [label for _field, label in section.columns],
        "rows": [[_cell(entry.get(name)) for name, _label in section.columns] for entry in entries],
    }


def _section_tables(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections of the higher apps on one case, as tables."""
    return [_table(s, case.get(s.key, [])) for s in extensions.export_sections()]


def _person_tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    """What is held on the person beside their cases, as tables."""
    return [_table(s, data.get(s.key, [])) for s in export_person.sections()]


def pdf_context(data: dict[str, Any]) -> dict[str, Any]:
    """The export data plus what only the printed document needs (the ZRM table, the
    sections as tables)."""
    cases = [
        {**case, "zrm": _zrm_matrix(case["zrm_assessments"]), "sections": _section_tables(case)}
        for case in data["cases"]
    ]
    return {**data, "cases": cases, "person_sections": _person_tables(data)}


def render_pdf(data: dict[str, Any], *, options: PdfOptions) -> bytes:
    context = {
        "data": pdf_context(data),
        "reference": options.reference,
        "language": options.language,
    }
    return pdf.render_pdf(TEMPLATE, context, assets=ASSET_ROOT)
