"""The shareable factsheet (issue 14): signals per stadsdeel, per theme and the Weegploeg's
outcomes, each per quarter, protected by ``disclosure`` before anything leaves this module.

Never finer than stadsdeel x quarter, never a person, never free text: three GROUP BY queries
and the names of their rows (five queries, whatever the number of signals). Each table is
protected on its own; they share no published number by construction (signals by the quarter
they came in, theme mentions — a signal with two themes counts under both — and decisions by
the quarter they were taken), so no table's totals can undo another's suppression. Within a
table each quarter is protected on its own (``disclosure.protect_by_column``): the factsheet of
the next period shares quarters with this one, and shows them the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.cases.models import Theme
from regie.core import policy
from regie.intake.insights.disclosure import ProtectedTable, protect_by_column
from regie.intake.models import Signal, TriageDecision
from regie.intake.vocabulary import Intake
from regie.organisations.models import Organisation

if TYPE_CHECKING:
    from regie.core.http import Actor

# More quarters make a table wider than a page, and each column thinner (more suppression).
MAX_QUARTERS = 8
DEFAULT_QUARTERS = 4
# How far back the period can be chosen.
CHOICE_QUARTERS = 12


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> Quarter | None:
        """``2026-K1``; ``None`` for anything else."""
        year, sep, number = key.partition("-K")
        if not sep or not year.isdigit() or number not in {"1", "2", "3", "4"}:
            return None
        return cls(int(year), int(number)) if 2000 <= int(year) <= 9999 else None

    @property
    def key(self) -> str:
        return f"{self.year}-K{self.number}"

    @property
    def label(self) -> str:
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    def shift(self, quarters: int) -> Quarter:
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)


def full_quarters(today: date, count: int) -> list[Quarter]:
    """The ``count`` quarters before the one ``today`` is in, oldest first."""
    current = Quarter.of(today)
    return [current.shift(-k) for k in range(count, 0, -1)]


def period(first: str, last: str, today: date | None = None) -> list[Quarter]:
    """The quarters from ``first`` to ``last`` (keys like ``2026-K1``) among those that can be
    chosen; the last four full quarters when either is missing or not one of them. A range of
    more than ``MAX_QUARTERS`` keeps its last ones."""
    choices = full_quarters(today or timezone.localdate(), CHOICE_QUARTERS)
    start, end = Quarter.parse(first), Quarter.parse(last)
    if start is None or end is None or start not in choices or end not in choices:
        return choices[-DEFAULT_QUARTERS:]
    start, end = min(start, end), max(start, end)
    chosen = [q for q in choices if start <= q <= end]
    return chosen[-MAX_QUARTERS:]


@dataclass(frozen=True)
class Factsheet:
    quarters: tuple[Quarter, ...]
    threshold: int
    areas: ProtectedTable
    themes: ProtectedTable
    outcomes: ProtectedTable

    @property
    def first(self) -> Quarter:
        return self.quarters[0]

    @property
    def last(self) -> Quarter:
        return self.quarters[-1]

    @property
    def tables(self) -> list[tuple[str, str, ProtectedTable]]:
        return [
            (_("Signals per district"), _("District"), self.areas),
            (_("Themes named in the signals"), _("Theme"), self.themes),
            (_("The Weegploeg's decisions"), _("Decision"), self.outcomes),
        ]


def _start(quarter: Quarter) -> datetime:
    return timezone.make_aware(datetime.combine(quarter.start, time.min))


def _count(
    rows: QuerySet[Signal] | QuerySet[TriageDecision], field: str, when: str
) -> dict[tuple[object, Quarter], int]:
    grouped = (
        rows.annotate(quarter=TruncQuarter(when))
        .values_list(field, "quarter")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[object, Quarter], int] = {}
    for key, start, n in grouped:
        day = timezone.localtime(start).date() if isinstance(start, datetime) else start
        counts[(key, Quarter.of(day))] = n
    return counts


def _table(
    labels: Mapping[object, str],
    counts: Mapping[tuple[object, Quarter], int],
    quarters: Iterable[Quarter],
    threshold: int,
) -> ProtectedTable:
    columns = list(quarters)
    # Quarter by quarter: a quarter shows the same in every period it is part of, so two
    # factsheets of overlapping periods together show no more than each (``disclosure``).
    return protect_by_column(
        list(labels.values()),
        [q.label for q in columns],
        [[counts.get((key, q), 0) for q in columns] for key in labels],
        threshold,
    )


def factsheet(user: Actor, quarters: list[Quarter], threshold: int | None = None) -> Factsheet:
    policy.check(user, Intake.FACTSHEET)
    threshold = threshold or settings.REGIE_FACTSHEET_THRESHOLD
    since, until = _start(quarters[0]), _start(quarters[-1].shift(1))
    # Consultations name no person and are not signals about one: they are not counted.
    signals = Signal.objects.filter(
        kind=Signal.Kind.SIGNAL, created_at__gte=since, created_at__lt=until
    )
    by_area = _count(signals, "person_area_id", "created_at")
    # One row per signal and theme (the join); signals without a theme give a key of None,
    # which is no row of the table.
    by_theme = _count(signals, "themes", "created_at")
    decisions = TriageDecision.objects.filter(decided_at__gte=since, decided_at__lt=until)
    by_outcome = _count(decisions, "outcome", "decided_at")

    seen_areas = {key for key, _q in by_area if key is not None}
    # Every stadsdeel, with or without signals (the table's shape says nothing), and any other
    # area that signals named.
    areas: dict[object, str] = dict(
        Organisation.objects.filter(
            Q(pk__in=seen_areas) | Q(kind=Organisation.Kind.STADSDEEL, is_active=True)
        )
        .order_by("name")
        .values_list("pk", "name")
    )
    areas[None] = _("unknown")
    seen_themes = {key for key, _q in by_theme if key is not None}
    themes: dict[object, str] = dict(
        Theme.objects.filter(Q(pk__in=seen_themes) | Q(is_active=True))
        .order_by("name")
        .values_list("pk", "name")
    )
    outcomes: dict[object, str] = {o.value: str(o.label) for o in TriageDecision.Outcome}
    return Factsheet(
        quarters=tuple(quarters),
        threshold=threshold,
        areas=_table(areas, by_area, quarters, threshold),
        themes=_table(themes, by_theme, quarters, threshold),
        outcomes=_table(outcomes, by_outcome, quarters, threshold),
    )
