"""The informatiebeeld's counts against hand-made signals: buckets in Amsterdam time, the
previous period, an unknown district and source, undecided signals, several themes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from regie.accounts.models import Role, User
from regie.cases.models import Theme
from regie.intake.insights import counts
from regie.intake.insights.period import Grain, Period
from regie.intake.models import Signal, TriageDecision
from regie.organisations.models import Organisation
from tests.conftest import make_user

PERIOD = Period(date(2026, 1, 1), date(2026, 4, 1), Grain.MONTH)


@pytest.fixture
def programme(organisations: dict[str, Organisation]) -> User:
    return make_user("programma", (organisations["amsterdam"], Role.PROGRAMMA, None))


@pytest.fixture
def signals(
    make_signal: Callable[..., Signal], organisations: dict[str, Organisation]
) -> dict[str, Signal]:
    a, b = Theme.objects.order_by("order", "pk")[:2]
    police = Organisation.objects.create(name="Politie Test", kind="politie")
    org = organisations

    def signal(at: datetime, themes: tuple[Theme, ...], area: str | None, source: Any) -> Signal:
        made = make_signal(
            theme_ids=tuple(t.pk for t in themes),
            person_area_id=org[area].pk if area else None,
            source_organisation_id=source.pk if source else None,
        )
        # The service fills in the submitter's organisation as the source: set what the test needs.
        Signal.objects.filter(pk=made.pk).update(
            created_at=at, source_organisation_id=source.pk if source else None
        )
        return made

    made = {
        "jan": signal(datetime(2026, 1, 15, 12, tzinfo=UTC), (a,), "noord", org["school"]),
        # 23:30 UTC on 31 January is 00:30 on 1 February in Amsterdam: a February signal.
        "feb": signal(datetime(2026, 1, 31, 23, 30, tzinfo=UTC), (a, b), None, None),
        "mar": signal(datetime(2026, 3, 10, 9, tzinfo=UTC), (a,), "noord", org["school"]),
        # 22:30 UTC on 31 March is already April in Amsterdam (summer time): not counted.
        "apr": signal(datetime(2026, 3, 31, 22, 30, tzinfo=UTC), (a,), "noord", None),
        "previous": signal(datetime(2025, 11, 10, 9, tzinfo=UTC), (b,), "oost", police),
        # Before the previous period: not counted at all.
        "old": signal(datetime(2025, 9, 30, 9, tzinfo=UTC), (a,), "noord", police),
        "no_theme": signal(datetime(2025, 12, 31, 22, 59, tzinfo=UTC), (), "noord", police),
    }
    for key, outcome in (
        ("jan", TriageDecision.Outcome.INSTROOM),
        ("mar", TriageDecision.Outcome.ADVIES),
        ("previous", TriageDecision.Outcome.GEEN_ZORGEN),
    ):
        TriageDecision.objects.create(signal=made[key], outcome=outcome, motivation="Gewogen.")
    return made


def _rows(breakdown: counts.Breakdown) -> dict[str, tuple[tuple[int, ...], int, int]]:
    return {r.label: (r.cells, r.total, r.previous) for r in breakdown.rows}


def test_counts_per_theme_district_source_and_outcome(
    programme: User, signals: dict[str, Signal]
) -> None:
    a, b = Theme.objects.order_by("order", "pk")[:2]
    with translation.override("en"):
        trends = counts.trends(programme, PERIOD)
    assert (trends.signals, trends.previous_signals) == (3, 2)

    theme = trends.breakdown("thema")
    assert theme.column_labels == ("jan 2026", "feb 2026", "mar 2026")
    assert _rows(theme) == {
        a.name: ((1, 1, 1), 3, 0),
        b.name: ((0, 1, 0), 1, 1),
        "no theme": ((0, 0, 0), 0, 1),
    }
    # The themes in their configured order, "no theme" last.
    assert [r.label for r in theme.rows] == [a.name, b.name, "no theme"]
    assert theme.column_totals == (1, 2, 1)
    assert (theme.total, theme.previous_total, theme.difference) == (4, 2, 2)

    assert _rows(trends.breakdown("stadsdeel")) == {
        "Stadsdeel Noord": ((1, 0, 1), 2, 1),
        "Stadsdeel Oost": ((0, 0, 0), 0, 1),
        "unknown": ((0, 1, 0), 1, 0),
    }
    assert _rows(trends.breakdown("bron")) == {
        "police": ((0, 0, 0), 0, 2),
        "education": ((1, 0, 1), 2, 0),
        "unknown": ((0, 1, 0), 1, 0),
    }
    outcome = trends.breakdown("uitkomst")
    assert _rows(outcome) == {
        "no concerns": ((0, 0, 0), 0, 1),
        "advice to the submitter": ((0, 0, 1), 1, 0),
        "intake into the approach": ((1, 0, 0), 1, 0),
        "not yet decided": ((0, 1, 0), 1, 1),
    }
    assert outcome.rows[-1].key == counts.UNDECIDED
    # The previous period per month: November and December 2025 had a signal each.
    assert outcome.previous_columns == (0, 1, 1)


def test_per_quarter(programme: User, signals: dict[str, Signal]) -> None:
    quarter = Period(date(2026, 1, 1), date(2026, 4, 1), Grain.QUARTER)
    with translation.override("en"):
        trends = counts.trends(programme, quarter)
    area = trends.breakdown("stadsdeel")
    assert area.column_labels == ("Q1 2026",)
    assert _rows(area)["Stadsdeel Noord"] == ((2,), 2, 1)
    assert (trends.signals, trends.previous_signals) == (3, 2)


def test_an_empty_period_has_no_rows(programme: User, signals: dict[str, Signal]) -> None:
    trends = counts.trends(programme, Period(date(2030, 1, 1), date(2030, 7, 1), Grain.QUARTER))
    assert all(b.empty for b in trends.breakdowns)
    assert trends.breakdown("thema").column_totals == (0, 0)


def test_two_queries_for_four_breakdowns(programme: User, signals: dict[str, Signal]) -> None:
    with CaptureQueriesContext(connection) as ctx:
        counts.trends(programme, PERIOD)
    # Two grouped queries: the themes, and the rest together (the policy check reads the
    # memberships once).
    grouped = [q for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 2
    # ... and the names of the themes and organisations they count, one query each.
    assert len(ctx.captured_queries) <= 5


def test_the_counts_are_refused_to_who_may_not_see_them(
    intake_personas: dict[str, User], programme: User
) -> None:
    for name in ("steunpunt", "weegploeg", "regisseur_a", "aandachtsfunctionaris", "auditor"):
        with pytest.raises(PermissionDenied):
            counts.trends(intake_personas[name], PERIOD)
    counts.trends(intake_personas["teamleider"], PERIOD)
    from regie.intake.vocabulary import Intake

    with pytest.raises(PermissionDenied):
        counts.trends(
            intake_personas["teamleider"], PERIOD, action=Intake.INSIGHTS_EXPORT_CONFIDENTIAL
        )
    counts.trends(programme, PERIOD, action=Intake.INSIGHTS_EXPORT_CONFIDENTIAL)


def test_the_month_summary(programme: User, signals: dict[str, Signal]) -> None:
    a, b = Theme.objects.order_by("order", "pk")[:2]
    summary = counts.month_summary(programme, date(2026, 3, 5))
    assert (summary.month, summary.signals, summary.previous_signals) == (date(2026, 2, 1), 1, 1)
    assert summary.themes == tuple(sorted([(a.name, 1), (b.name, 1)]))


def test_consultations_are_not_counted(programme: User, signals: dict[str, Signal]) -> None:
    """A consultation names no person and never reaches the Weegploeg: counted, it would stay
    "nog niet beslist" for ever. The factsheet leaves them out as well."""
    Signal.objects.filter(pk=signals["feb"].pk).update(kind=Signal.Kind.CONSULTATION)
    trends = counts.trends(programme, PERIOD)
    assert (trends.signals, trends.previous_signals) == (2, 2)
    assert sum(row.total for row in trends.breakdown("thema").rows) == 2
    summary = counts.month_summary(programme, date(2026, 3, 5))
    assert (summary.signals, summary.themes) == (0, ())
