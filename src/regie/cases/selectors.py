"""Reads on cases, always starting from what the policy makes visible."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, DateField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from regie.accounts.models import Membership, Role, User
from regie.cases.models import (
    FAR_FUTURE,
    OPEN_PHASES,
    Case,
    FlagType,
    JournalEntry,
    Person,
    Phase,
    Task,
    TimelineEvent,
    ZrmAssessment,
    normalise,
)
from regie.core.dates import parse_date
from regie.core.pagination import Order, Page, paginate
from regie.core.policy import visible

PAGE_SIZE = 25

SORTS: dict[str, list[Order]] = {
    "number": [Order("number"), Order("id")],
    "-number": [Order("number", True), Order("id", True)],
    "phase_since": [Order("phase_since"), Order("id")],
    "-phase_since": [Order("phase_since", True), Order("id", True)],
    "review": [Order("review_sort"), Order("id")],
    "-review": [Order("review_sort", True), Order("id", True)],
}


# The columns of the case tables (``_case_table.html``), read as plain rows: a page of 25 cases
# as model instances cost four instances per row and a related manager per row for its flags.
_ROW_COLUMNS = (
    "id",
    "number",
    "phase",
    "phase_since",
    "next_review_on",
    "review_sort",
    "person__first_name",
    "person__last_name",
    "area__name",
    "regisseur_id",
    "regisseur__first_name",
    "regisseur__last_name",
)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One case as the case tables show it."""

    id: int
    number: str
    phase: str
    phase_since: datetime
    next_review_on: date | None
    review_sort: date
    person_name: str
    area_name: str
    regisseur_id: int | None
    # The regisseur's full name as ``User.get_full_name`` writes it; empty without one.
    regisseur_name: str
    # Flag names in alphabetical order.
    flags: tuple[str, ...]

    def audit_case_id(self) -> str:
        return self.number

    def audit_object(self) -> tuple[str, str]:
        """Logged as a read of the case itself (``regie.core.audit.describe``)."""
        return Case._meta.label_lower, str(self.id)


def case_list_base(user: User) -> QuerySet[Case]:
    return visible(user, Case).annotate(
        review_sort=Coalesce("next_review_on", Value(FAR_FUTURE), output_field=DateField())
    )


def _as_rows(cases: QuerySet[Case]) -> QuerySet[Case, Any]:
    return cases.values_list(*_ROW_COLUMNS, named=True)


def _with_flags(records: list[Any]) -> list[CaseRow]:
    """The rows with their flags, read in one query for all of them."""
    flags: dict[int, list[str]] = {}
    if records:
        through = Case.flags.through.objects.filter(case_id__in=[r.id for r in records])
        for case_id, name in through.order_by("flagtype__name", "flagtype_id").values_list(
            "case_id", "flagtype__name"
        ):
            flags.setdefault(case_id, []).append(name)
    return [
        CaseRow(
            id=r.id,
            number=r.number,
            phase=r.phase,
            phase_since=r.phase_since,
            next_review_on=r.next_review_on,
            review_sort=r.review_sort,
            person_name=f"{r.person__first_name} {r.person__last_name}".strip(),
            area_name=r.area__name,
            regisseur_id=r.regisseur_id,
            regisseur_name=(
                f"{r.regisseur__first_name or ''} {r.regisseur__last_name or ''}".strip()
            ),
            flags=tuple(flags.get(r.id, ())),
        )
        for r in records
    ]


def _page(cases: QuerySet[Case], order: list[Order], cursor: str | None) -> Page[CaseRow]:
    page = paginate(_as_rows(cases), order, cursor, PAGE_SIZE)
    return Page(_with_flags(page.items), page.next_cursor)


@dataclass
class CaseFilters:
    phase: str = ""
    area: int | None = None
    flag: int | None = None
    sort: str = "review"
    cursor: str | None = None
    regisseur: User | None = None


def caseload(user: User, filters: CaseFilters) -> Page[CaseRow]:
    cases = case_list_base(user).filter(phase__in=OPEN_PHASES)
    cases = cases.filter(regisseur=filters.regisseur or user)
    return _filtered_page(cases, filters)


def _filtered_page(cases: QuerySet[Case], filters: CaseFilters) -> Page[CaseRow]:
    if filters.phase:
        cases = cases.filter(phase=filters.phase)
    if filters.area:
        cases = cases.filter(area_id=filters.area)
    if filters.flag:
        cases = cases.filter(flags__id=filters.flag)
    return _page(cases, SORTS.get(filters.sort, SORTS["review"]), filters.cursor)


def unassigned(user: User, cursor: str | None = None) -> Page[CaseRow]:
    cases = case_list_base(user).filter(phase__in=OPEN_PHASES, regisseur__isnull=True)
    return _page(cases, SORTS["number"], cursor)


def cases_with_flag(user: User, flag: FlagType, cursor: str | None = None) -> Page[CaseRow]:
    cases = case_list_base(user).filter(phase__in=OPEN_PHASES, flags=flag)
    return _page(cases, SORTS["number"], cursor)


@dataclass
class Row:
    label: str
    counts: dict[str, int]
    total: int
    key: Any = None


@dataclass
class Overview:
    phases: list[tuple[str, Any]]
    by_regisseur: list[Row]
    by_area: list[Row]
    unassigned_count: int
    totals: dict[str, int] = field(default_factory=dict)


def regisseurs() -> QuerySet[User]:
    """Active users with a current regisseur membership (whatever their other memberships)."""
    current = Membership.objects.current().filter(role=Role.REGISSEUR)
    return User.objects.filter(is_active=True, pk__in=current.values("user_id")).order_by(
        "first_name", "last_name", "id"
    )


def overview(user: User) -> Overview:
    open_cases = visible(user, Case).filter(phase__in=OPEN_PHASES)
    phases = [(p.value, p.label) for p in Phase if p != Phase.AFGESLOTEN]
    per_regisseur: dict[Any, dict[str, int]] = {}
    for row in open_cases.values("regisseur", "phase").annotate(n=Count("id")):
        per_regisseur.setdefault(row["regisseur"], {})[row["phase"]] = row["n"]
    by_regisseur = []
    for person in regisseurs():
        counts = per_regisseur.get(person.pk, {})
        by_regisseur.append(
            Row(person.get_full_name() or person.username, counts, sum(counts.values()), person.pk)
        )
    unassigned_counts = per_regisseur.get(None, {})
    per_area: dict[str, dict[str, int]] = {}
    for row in open_cases.values("area__name", "phase").annotate(n=Count("id")):
        per_area.setdefault(row["area__name"], {})[row["phase"]] = row["n"]
    by_area = [Row(name, counts, sum(counts.values())) for name, counts in sorted(per_area.items())]
    totals: dict[str, int] = {}
    for counts in per_regisseur.values():
        for phase, n in counts.items():
            totals[phase] = totals.get(phase, 0) + n
    return Overview(phases, by_regisseur, by_area, sum(unassigned_counts.values()), totals)


@dataclass
class CasePage:
    case: Case
    # The newest HISTORY_PAGE_SIZE events and entries; the cursor of the older ones (``None``
    # when there are none) opens ``timeline_page`` / ``journal_page`` from there.
    timeline: list[TimelineEvent]
    timeline_cursor: str | None
    journal: list[JournalEntry]
    journal_cursor: str | None
    tasks: list[Task]
    # ZRM assessments in date order: (date, {life domain id: score}).
    assessments: list[tuple[date, dict[int, int]]]


# What the case page shows of the staff who acted: their name (``display.staff_name``).
STAFF_FIELDS = ("first_name", "last_name", "username")


def _staff(relation: str) -> list[str]:
    return [relation, *(f"{relation}__{name}" for name in STAFF_FIELDS)]


def case_page(case: Case) -> CasePage:
    timeline = timeline_page(case)
    journal = journal_page(case)
    tasks = list(
        case.tasks.select_related("assignee")
        .only("id", "case_id", "kind", "title", "due_on", "done_on", *_staff("assignee"))
        .order_by("done_on", "due_on", "id")
    )
    # One query, no model instances: the chart and its table need dates and scores only.
    assessments: list[tuple[date, dict[int, int]]] = []
    last = None
    for pk, assessed_on, domain, score in (
        ZrmAssessment.objects.filter(case=case)
        .order_by("assessed_on", "id")
        .values_list("id", "assessed_on", "scores__domain_id", "scores__score")
    ):
        if pk != last:
            assessments.append((assessed_on, {}))
            last = pk
        if domain is not None:
            assessments[-1][1][domain] = score
    return CasePage(
        case,
        timeline=timeline.items,
        timeline_cursor=timeline.next_cursor,
        journal=journal.items,
        journal_cursor=journal.next_cursor,
        tasks=tasks,
        assessments=assessments,
    )


def case_for_page(number: str) -> QuerySet[Case]:
    return (
        Case.objects.filter(number=number)
        .select_related("person", "theme", "area", "regisseur", "closing_reason")
        .prefetch_related("flags")
    )


def open_tasks_for(user: User) -> QuerySet[Task]:
    return (
        visible(user, Task)
        .filter(assignee=user, done_on__isnull=True)
        .select_related("case", "case__person")
        .order_by("due_on", "id")
    )


# --- Search -----------------------------------------------------------------------------------

NUMBER_RE = re.compile(r"^[A-Za-z]{2,10}-\d{4}(-\d{1,6})?$|^\d{4}-\d{1,6}$")
SEARCH_LIMIT = 50


def search(user: User, query: str) -> list[CaseRow]:
    """Cases matching a number, a date of birth or (part of) a name, within what the user may
    see. The same query runs whether or not matching invisible cases exist, so the answer and
    its cost do not reveal them."""
    text = " ".join(query.split())[:100]
    if len(text) < 2:
        return []
    cases = case_list_base(user)
    day = parse_date(text)
    if day is not None:
        cases = cases.filter(person__date_of_birth=day)
    elif NUMBER_RE.match(text):
        cases = (
            cases.filter(number__iendswith=text)
            if text[0].isdigit()
            else cases.filter(number__istartswith=text)
        )
    else:
        needle = normalise(text)
        for part in needle.split(" "):
            cases = cases.filter(person__search_name__contains=part)
    ordered = cases.order_by("person__last_name", "person__first_name", "id")
    return _with_flags(list(_as_rows(ordered)[:SEARCH_LIMIT]))


# --- The case's history in pages ---------------------------------------------------------------

# The case page shows this many of the newest journal entries and timeline events; the older
# ones follow in pages of the same size (``cases:journal_page`` / ``cases:timeline_page``).
HISTORY_PAGE_SIZE = 25
TIMELINE_ORDER = [Order("at", descending=True), Order("id", descending=True)]
JOURNAL_ORDER = [Order("occurred_on", descending=True), Order("id", descending=True)]


def timeline_page(case: Case, cursor: str | None = None) -> Page[TimelineEvent]:
    """The case's timeline events, newest first, from ``cursor`` on (the first page without
    one, or with a malformed one)."""
    events = case.timeline.select_related("actor").only(
        "id", "case_id", "kind", "at", "summary", "params", "reason", *_staff("actor")
    )
    return paginate(events, TIMELINE_ORDER, cursor, HISTORY_PAGE_SIZE)


def journal_page(case: Case, cursor: str | None = None) -> Page[JournalEntry]:
    """The case's journal entries, newest first, from ``cursor`` on. Every entry of the case:
    whoever may open the case page (``cases.view`` on the case) reads its whole journal there,
    and the older pages show no more and no less."""
    entries = case.journal.select_related("author", "category").only(
        "id",
        "case_id",
        "occurred_on",
        "text",
        "visibility",
        "category",
        "category__name",
        *_staff("author"),
    )
    return paginate(entries, JOURNAL_ORDER, cursor, HISTORY_PAGE_SIZE)


# --- Home cards --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCounts:
    open: int
    review_overdue: int
    unassigned: int


def open_counts(user: User, *, mine: bool) -> OpenCounts:
    """Open cases the user sees (``mine``: those they direct), in one query."""
    today = timezone.localdate()
    cases = visible(user, Case).filter(phase__in=OPEN_PHASES)
    if mine:
        cases = cases.filter(regisseur=user)
    counts = cases.aggregate(
        open=Count("id"),
        review_overdue=Count("id", filter=Q(next_review_on__lt=today)),
        unassigned=Count("id", filter=Q(regisseur__isnull=True)),
    )
    return OpenCounts(counts["open"], counts["review_overdue"], counts["unassigned"])


def next_reviews(user: User, limit: int = 3) -> list[Case]:
    """The user's open cases with the nearest review dates (overdue first)."""
    return list(
        visible(user, Case)
        .filter(phase__in=OPEN_PHASES, regisseur=user, next_review_on__isnull=False)
        .only("id", "number", "phase", "next_review_on")
        .order_by("next_review_on", "id")[:limit]
    )


def audit_person_names(reader: User, ids: list[str]) -> dict[str, str]:
    """The access-log viewer's names for persons the reader may see (one query)."""
    rows = visible(reader, Person).filter(pk__in=ids).values_list("pk", "first_name", "last_name")
    return {str(pk): f"{first} {last}".strip() for pk, first, last in rows}
