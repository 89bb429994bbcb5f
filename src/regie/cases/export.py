"""Data-subject access (AVG/GDPR art. 15): find a person and export everything held on them.

For the privacy officer only (policy action ``cases.dsar``). This is the one place that reads
persons and cases across all caseloads, so it deliberately does not start from
``policy.visible``: the views in ``views_privacy`` guard every entry point with the rule.

``subject_access_data`` collects the data once; ``render_json`` and ``render_pdf`` present the
same collection, so the two downloads cannot disagree. On a case with a flag that raises
protection (media attention), staff names are replaced by a role word everywhere, including
names inside texts written on that case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.accounts.models import Role
from regie.audit.models import AuditEvent
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

TITLE = gettext_lazy("Subject access request (GDPR art. 15)")
SEARCH_LIMIT = 50
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
TEMPLATE = "cases/privacy/export_pdf.html"
# The only directory the PDF renderer may read from (it needs nothing: styles are inline).
ASSET_ROOT = Path(__file__).resolve().parent / "templates" / "cases" / "privacy"


# --- Finding the person -------------------------------------------------------------------------


def _as_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def find_persons(query: str) -> list[Person]:
    """Persons matching a BSN (exact), a date of birth, or parts of the name (accent- and
    case-insensitive substrings), with the number of cases each has."""
    text = " ".join(query.split())[:100]
    if len(text) < 2:
        return []
    persons = Person.objects.select_related("area").annotate(case_count=Count("cases"))
    digits = re.sub(r"[\s.]", "", text)
    day = _as_date(text)
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
        .order_by("opened_on", "id")
    )


# --- Collecting -----------------------------------------------------------------------------


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment is not None else None


class StaffNames:
    """How staff appear in the export of one case.

    On a protected case every staff member becomes a role word: "regisseur" for the case's
    own case director, "medewerker" for everyone else; and their names (and user names) are
    also taken out of free texts written on that case."""

    def __init__(self, case: Case, users: Iterable[Any], directors: Iterable[str] = ()) -> None:
        """``users``: every staff member on the case; ``directors``: names of (earlier) case
        directors as written into the timeline."""
        self.protected = case.is_protected()
        self.regisseur_id = case.regisseur_id
        self._pattern: re.Pattern[str] | None = None
        self._words: dict[str, str] = {}
        if not self.protected:
            return
        for user in users:
            if user is None:
                continue
            word = role_word(is_regisseur=user.pk == self.regisseur_id)
            for name in (user.get_full_name(), user.get_username()):
                self._words.setdefault(str(name).strip().casefold(), word)
        for name in directors:
            self._words.setdefault(str(name).strip().casefold(), role_word(is_regisseur=True))
        # Longest first, so "Anna de Vries" goes before a bare "Anna"; skip tiny tokens.
        wanted = sorted((n for n in self._words if len(n) >= 3), key=len, reverse=True)
        if wanted:
            self._pattern = re.compile("|".join(re.escape(n) for n in wanted), re.IGNORECASE)

    def name(self, user: Any) -> str | None:
        if user is None:
            return None
        if self.protected:
            return role_word(is_regisseur=user.pk == self.regisseur_id)
        return str(user.get_full_name() or user.get_username())

    def text(self, value: str) -> str:
        if self._pattern is None or not value:
            return value
        fallback = role_word(is_regisseur=False)
        return self._pattern.sub(lambda m: self._words.get(m[0].casefold(), fallback), value)


def role_word(*, is_regisseur: bool) -> str:
    return _("case director") if is_regisseur else _("staff member")


def _case_queryset(person: Person) -> Any:
    scores = ZrmScore.objects.select_related("domain").order_by("domain__order", "domain__name")
    return (
        Case.objects.filter(person=person)
        .select_related("theme", "area", "regisseur", "closing_reason")
        .prefetch_related(
            Prefetch("flags", queryset=FlagType.objects.order_by("name")),
            Prefetch(
                "journal",
                queryset=JournalEntry.objects.select_related("author", "category").order_by(
                    "occurred_on", "id"
                ),
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


def _case_data(case: Case) -> dict[str, Any]:
    journal = list(case.journal.all())
    tasks = list(case.tasks.all())
    assessments = list(case.zrm_assessments.all())
    timeline = list(case.timeline.all())
    users = [
        case.regisseur,
        *(e.author for e in journal),
        *(t.assignee for t in tasks),
        *(a.assessor for a in assessments),
        *(e.actor for e in timeline),
    ]
    # Earlier case directors are named in the parameters of assignment events.
    earlier = [str(e.params.get("name", "")) for e in timeline if isinstance(e.params, dict)]
    staff = StaffNames(case, users, earlier)
    regisseur = staff.name(case.regisseur) if case.regisseur is not None else None
    return {
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
        "staff_names_withheld": staff.protected,
        "regisseur": regisseur,
        "summary": staff.text(case.summary),
        "journal": [
            {
                "date": entry.occurred_on,
                "category": entry.category.name,
                "visibility": entry.visibility,
                "visibility_label": str(Visibility(entry.visibility).label),
                "author": staff.name(entry.author),
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
            for task in tasks
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
            for assessment in assessments
        ],
        "timeline": [_timeline_entry(event, staff) for event in timeline],
    }


def _timeline_entry(event: TimelineEvent, staff: StaffNames) -> dict[str, Any]:
    if staff.protected and isinstance(event.params, dict) and event.params.get("name"):
        # Rendered, never saved: the assignment message names the new case director.
        event.params = {**event.params, "name": role_word(is_regisseur=True)}
    return {
        "at": _local(event.at),
        "kind": event.kind,
        "kind_label": str(TimelineEvent.Kind(event.kind).label)
        if event.kind in TimelineEvent.Kind.values
        else event.kind,
        "text": staff.text(event.text),
        "reason": staff.text(event.reason),
        "actor": staff.name(event.actor),
    }


def audit_events_for(person: Person, case_numbers: list[str]) -> list[dict[str, Any]]:
    """What the access log holds about this person's cases and about the person record: the
    actions and when, with the role and organisation of who acted, never their name."""
    # Events on the person record carry no case number: ``case_id=""`` lets PostgreSQL use
    # the partial index ``audit_object_idx`` (which holds only events outside a case).
    concerning = Q(case_id__in=case_numbers) | Q(
        object_type=Person._meta.label_lower, object_id=str(person.pk), case_id=""
    )
    rows = (
        AuditEvent.objects.filter(concerning)
        .order_by("id")
        .values("occurred_at", "action", "case_id", "result", "role", "organisation")
    )
    return [
        {
            "at": _local(row["occurred_at"]),
            "action": row["action"],
            "case": row["case_id"] or None,
            "result": row["result"],
            "role": row["role"] or None,
            "organisation": row["organisation"] or None,
        }
        for row in rows.iterator(chunk_size=2000)
    ]


def subject_access_data(
    person: Person, *, generated_at: datetime | None = None, sender: str = ""
) -> dict[str, Any]:
    """Everything held on ``person``, in a fixed key order (dates as ``date``/``datetime``
    objects; ``render_json`` writes them as ISO 8601)."""
    cases = list(_case_queryset(person))
    return {
        "title": str(TITLE),
        "generated_at": _local(generated_at or timezone.now()),
        "sender": sender or None,
        "person": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_of_birth": person.date_of_birth,
            "bsn": person.bsn or None,
            "area": person.area.name,
            "registered_at": _local(person.created_at),
        },
        "cases": [_case_data(case) for case in cases],
        "audit_events": audit_events_for(person, [case.number for case in cases]),
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


def _label(choices: type[Any], value: str | None) -> str:
    if not value:
        return ""
    return str(choices(value).label) if value in choices.values else value


# How an access-log action reads to the data subject, by the verb at its end.
_ACTION_VERBS: dict[str, Any] = {
    "read": gettext_lazy("viewed"),
    "view": gettext_lazy("viewed"),
    "create": gettext_lazy("recorded"),
    "update": gettext_lazy("changed"),
    "transition": gettext_lazy("changed"),
    "assign": gettext_lazy("changed"),
    "flags": gettext_lazy("changed"),
    "complete": gettext_lazy("changed"),
    "export": gettext_lazy("exported"),
    "delete": gettext_lazy("deleted"),
}


def action_label(action: str) -> str:
    verb = _ACTION_VERBS.get(action.rsplit(".", 1)[-1])
    return str(verb) if verb is not None else action


def pdf_context(data: dict[str, Any]) -> dict[str, Any]:
    """The export data plus what only the printed document needs (labels, the ZRM table)."""
    cases = [{**case, "zrm": _zrm_matrix(case["zrm_assessments"])} for case in data["cases"]]
    events = [
        {
            **event,
            "role": _label(Role, event["role"]),
            "action_label": action_label(event["action"]),
            "result_label": _label(AuditEvent.Result, event["result"]),
        }
        for event in data["audit_events"]
    ]
    return {**data, "cases": cases, "audit_events": events}


def render_pdf(data: dict[str, Any], *, options: PdfOptions) -> bytes:
    context = {
        "data": pdf_context(data),
        "reference": options.reference,
        "language": options.language,
    }
    return pdf.render_pdf(TEMPLATE, context, assets=ASSET_ROOT)
