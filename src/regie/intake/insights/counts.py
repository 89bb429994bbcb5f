"""Signal counts per month or quarter for the informatiebeeld's trends, in four breakdowns:
theme, district (the signal's ``person_area``), source type (the kind of the source
organisation) and triage outcome.

The database counts (``GROUP BY`` bucket and ids) over this period and the previous one
together, in two queries, and two small queries name the ids: the number of queries does not
grow with the number of signals. A signal counts in the month or quarter of its
``created_at`` in Amsterdam time. Only counts leave this module: no reference, no text, no
person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import Case as When_
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.cases.models import Theme
from regie.core import policy
from regie.intake.insights.period import Grain, Period, add_months, bucket_start
from regie.intake.models import Signal, TriageDecision
from regie.intake.vocabulary import Intake
from regie.organisations.models import Organisation

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from regie.core.http import Actor

# The product's time zone is configurable; the counting is not: the programme team compares
# months as Amsterdam knows them, whatever the server runs in.
LOCAL = ZoneInfo("Europe/Amsterdam")

UNKNOWN = "onbekend"
UNDECIDED = "nog_niet_beslist"
NO_THEME = "geen_thema"


@dataclass(frozen=True)
class Row:
    """One theme, district, source type or outcome: its count per bucket of this period, the
    period's total and the previous period's total."""

    key: str
    label: str
    cells: tuple[int, ...]
    total: int
    previous: int

    @property
    def difference(self) -> int:
        return self.total - self.previous


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    columns: tuple[date, ...]
    column_labels: tuple[str, ...]
    rows: tuple[Row, ...]
    column_totals: tuple[int, ...]
    # The previous period's totals per bucket, in order (what the chart sets beside this one).
    previous_columns: tuple[int, ...]
    total: int
    previous_total: int

    @property
    def difference(self) -> int:
        return self.total - self.previous_total

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Trends:
    period: Period
    breakdowns: tuple[Breakdown, ...]
    # Every signal has one district (or none): that breakdown's totals are the signals counted.
    signals: int
    previous_signals: int

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def bucket_label(day: date, grain: Grain) -> str:
    if grain is Grain.QUARTER:
        return _("Q%(quarter)d %(year)d") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}
    return f"{MONTHS_3[day.month]} {day.year}"


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL)


@dataclass(frozen=True)
class Names:
    """What the grouped ids stand for, read once per call: the database groups by ids only
    (narrow rows group faster), the names and kinds are looked up afterwards."""

    themes: dict[int, tuple[str, int]]  # pk -> (name, order)
    organisations: dict[int, tuple[str, str]]  # pk -> (name, kind)


# A breakdown: the fields grouped by, and how a row of them is named (key, label, sort order).
Labeller = Callable[[dict[str, Any], Names], tuple[str, str, tuple[Any, ...]]]


@dataclass(frozen=True)
class Dimension:
    key: str
    title: Promise
    fields: tuple[str, ...]
    label: Labeller


def _theme(row: dict[str, Any], names: Names) -> tuple[str, str, tuple[Any, ...]]:
    pk = row["themes"]
    if pk is None:
        return NO_THEME, _("no theme"), (1, 0, "")
    name, order = names.themes.get(pk, (str(pk), 0))
    return str(pk), name, (0, order, name)


def _area(row: dict[str, Any], names: Names) -> tuple[str, str, tuple[Any, ...]]:
    pk = row["person_area_id"]
    if pk is None:
        return UNKNOWN, _("unknown"), (1, "")
    name = names.organisations.get(pk, (str(pk), ""))[0]
    return str(pk), name, (0, name)


_KINDS = [value for value, _label in Organisation.Kind.choices]
_OUTCOMES = [value for value, _label in TriageDecision.Outcome.choices]


def _source(row: dict[str, Any], names: Names) -> tuple[str, str, tuple[Any, ...]]:
    pk = row["source_organisation_id"]
    kind = names.organisations[pk][1] if pk in names.organisations else None
    if kind is None:
        return UNKNOWN, _("unknown"), (1, 0)
    if kind not in _KINDS:
        return kind, kind, (0, len(_KINDS))
    return kind, str(Organisation.Kind(kind).label), (0, _KINDS.index(kind))


def _outcome(row: dict[str, Any], names: Names) -> tuple[str, str, tuple[Any, ...]]:
    outcome = row["decision__outcome"]
    if outcome is None:
        return UNDECIDED, _("not yet decided"), (1, 0)
    if outcome not in _OUTCOMES:
        return outcome, outcome, (0, len(_OUTCOMES))
    return outcome, str(TriageDecision.Outcome(outcome).label), (0, _OUTCOMES.index(outcome))


DIMENSIONS = (
    Dimension("thema", gettext_lazy("Theme"), ("themes",), _theme),
    Dimension("stadsdeel", gettext_lazy("District / municipality"), ("person_area_id",), _area),
    Dimension("bron", gettext_lazy("Source type"), ("source_organisation_id",), _source),
    Dimension("uitkomst", gettext_lazy("Triage outcome"), ("decision__outcome",), _outcome),
)


def _names(themes: list[dict[str, Any]], signals: list[dict[str, Any]]) -> Names:
    """Two small queries: the themes and the organisations the grouped rows name."""
    theme_ids = {row["themes"] for row in themes} - {None}
    organisation_ids = {
        row[field] for row in signals for field in ("person_area_id", "source_organisation_id")
    } - {None}
    return Names(
        themes={
            pk: (name, order)
            for pk, name, order in Theme.objects.filter(pk__in=theme_ids).values_list(
                "pk", "name", "order"
            )
        },
        organisations={
            pk: (name, kind)
            for pk, name, kind in Organisation.objects.filter(pk__in=organisation_ids).values_list(
                "pk", "name", "kind"
            )
        },
    )


def _bucket_index(period: Period) -> When_:
    """The bucket of ``created_at`` as a number: 0 for the first month or quarter of the
    previous period, up to the last of this one. Comparisons with the buckets' first moments in
    Amsterdam, computed here: no time-zone conversion per row in the database (on PostgreSQL
    that conversion cost more than the counting)."""
    starts = (*period.previous.buckets, *period.buckets)
    return When_(
        *(
            When(created_at__lt=_moment(following), then=Value(i))
            for i, following in enumerate(starts[1:])
        ),
        default=Value(len(starts) - 1),
        output_field=IntegerField(),
    )


def _signals() -> QuerySet[Signal]:
    """Signals about a person, not consultations: a consultation never reaches the Weegploeg
    (it would stay "nog niet beslist" for ever), and the factsheet leaves them out too."""
    return Signal.objects.filter(kind=Signal.Kind.SIGNAL)


def _grouped(period: Period, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """One query: the count per bucket and ``fields`` over the previous period and this one."""
    window = Q(created_at__gte=_moment(period.previous.first)) & Q(
        created_at__lt=_moment(period.end)
    )
    return list(
        _signals()
        .filter(window)
        .annotate(bucket=_bucket_index(period))
        .values("bucket", *fields)
        .annotate(n=Count("pk"))
        .order_by()
    )


def _breakdown(
    period: Period, dimension: Dimension, grouped: list[dict[str, Any]], names: Names
) -> Breakdown:
    columns = period.buckets
    earlier = len(period.previous.buckets)
    cells: dict[str, list[int]] = defaultdict(lambda: [0] * len(columns))
    previous: dict[str, int] = defaultdict(int)
    previous_cells = [0] * earlier
    seen: dict[str, tuple[str, tuple[Any, ...]]] = {}
    for row in grouped:
        key, label, order = dimension.label(row, names)
        seen[key] = (label, order)
        bucket = row["bucket"]
        if bucket >= earlier:
            cells[key][bucket - earlier] += row["n"]
        else:
            previous[key] += row["n"]
            previous_cells[bucket] += row["n"]
    rows = [
        Row(key, label, tuple(cells[key]), sum(cells[key]), previous[key])
        for key, (label, _order) in sorted(seen.items(), key=lambda item: item[1][1])
    ]
    column_totals = tuple(sum(r.cells[i] for r in rows) for i in range(len(columns)))
    return Breakdown(
        key=dimension.key,
        title=str(dimension.title),
        columns=columns,
        column_labels=tuple(bucket_label(day, period.grain) for day in columns),
        rows=tuple(rows),
        column_totals=column_totals,
        previous_columns=tuple(previous_cells),
        total=sum(column_totals),
        previous_total=sum(r.previous for r in rows),
    )


def trends(user: Actor, period: Period, *, action: Intake = Intake.INSIGHTS_VIEW) -> Trends:
    """The four breakdowns of ``period`` beside the previous period, in four queries: the
    counts per theme (a join that repeats a signal per theme); the counts per district, source
    organisation and outcome together (one row per signal, grouped by all three, each
    breakdown summed from it here); the names of the themes and the organisations.
    ``action`` is the rule the caller needs: the page's, or the confidential export's."""
    policy.check(user, action)
    by_theme, *per_signal = DIMENSIONS
    themes = _grouped(period, by_theme.fields)
    signals = _grouped(period, tuple(f for d in per_signal for f in d.fields))
    names = _names(themes, signals)
    breakdowns = (
        _breakdown(period, by_theme, themes, names),
        *(_breakdown(period, dimension, signals, names) for dimension in per_signal),
    )
    area = next(b for b in breakdowns if b.key == "stadsdeel")
    return Trends(period, breakdowns, area.total, area.previous_total)


@dataclass(frozen=True)
class MonthSummary:
    """The home card's figures: the last full month, the month before, and that month's
    largest themes (name, count)."""

    month: date
    signals: int
    previous_signals: int
    themes: tuple[tuple[str, int], ...]

    @property
    def label(self) -> str:
        return bucket_label(self.month, Grain.MONTH)


def month_summary(user: Actor, today: date, shown: int = 3) -> MonthSummary:
    """Two queries, whatever the number of signals."""
    policy.check(user, Intake.INSIGHTS_VIEW)
    month = bucket_start(today, Grain.MONTH)
    chosen = Period(add_months(month, -1), month, Grain.MONTH)
    signals = (
        _signals()
        .filter(
            Q(created_at__gte=_moment(chosen.previous.first))
            & Q(created_at__lt=_moment(chosen.end))
        )
        .aggregate(
            current=Count("pk", filter=Q(created_at__gte=_moment(chosen.first))),
            previous=Count("pk", filter=Q(created_at__lt=_moment(chosen.first))),
        )
    )
    themes = (
        Signal.themes.through.objects.filter(
            signal__kind=Signal.Kind.SIGNAL,
            signal__created_at__gte=_moment(chosen.first),
            signal__created_at__lt=_moment(chosen.end),
        )
        .values("theme__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme__name")[:shown]
    )
    return MonthSummary(
        chosen.first,
        signals["current"],
        signals["previous"],
        tuple((row["theme__name"], row["n"]) for row in themes),
    )
