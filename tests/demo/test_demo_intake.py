"""The demo's signals (issue 14): about three hundred over two years, most completed, and on
day one work in every queue, some of it overdue, and a question waiting for a submitter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from regie.accounts.models import Role, User
from regie.audit.services import verify_chain
from regie.cases.models import Theme
from regie.intake import selectors
from regie.intake.models import Signal, Stage, TriageDecision, TriageSession

pytestmark = pytest.mark.django_db

Outcome = TriageDecision.Outcome


@pytest.fixture(autouse=True)
def demo() -> None:
    with override_settings(DEBUG=True):
        call_command("demo", verbosity=0)


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_about_three_hundred_signals_over_two_years() -> None:
    signals = Signal.objects.all()
    assert 280 <= signals.count() <= 320
    today = timezone.localdate()
    oldest = timezone.localtime(signals.earliest("created_at").created_at).date()
    assert today - timedelta(days=740) <= oldest <= today - timedelta(days=600)
    assert signals.filter(kind=Signal.Kind.CONSULTATION, person_last_name="").count() >= 20
    assert not signals.filter(kind=Signal.Kind.CONSULTATION).exclude(person_last_name="")
    outcomes = set(TriageDecision.objects.values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)
    assert signals.filter(stage=Stage.AFGEROND, decision__isnull=True).count() >= 50


def test_completed_signals_look_as_the_services_leave_them() -> None:
    done = Signal.objects.filter(stage=Stage.AFGEROND)
    assert not done.exclude(status="afgerond")
    assert not done.filter(closed_at__isnull=True)
    decided = TriageDecision.objects.select_related("signal", "case")
    for decision in decided:
        assert decision.signal.forwarded_at is not None
        assert decision.session_id == decision.signal.session_id is not None
        if decision.outcome == Outcome.INSTROOM:
            assert decision.case is not None
            assert decision.signal.person_id == decision.case.person_id
        else:
            assert decision.case is None
            assert decision.signal.person_id is None
        assert (decision.referred_to_id is not None) == (decision.outcome == Outcome.DOORVERWIJZING)
    assert not Signal.objects.filter(created_at__gt=timezone.now())


def test_every_queue_has_work_and_some_of_it_is_overdue() -> None:
    queue = selectors.steunpunt_queue(user("steunpunt"))
    assert {r.status for r in queue} == {"ontvangen", "in_behandeling"}
    assert any(r.overdue for r in queue if r.status == "ontvangen")
    assert any(r.overdue for r in queue if r.status == "in_behandeling")
    assert any(not r.overdue for r in queue)
    forwarded = selectors.weegploeg_list(user("weegploeg"))
    assert any(r.overdue for r in forwarded)
    assert any(not r.overdue for r in forwarded)
    session = TriageSession.objects.filter(date__gte=timezone.localdate()).get()
    assert len(selectors.session_rows(user("weegploeg"), session)) >= 2


def test_submitters_follow_their_signals_and_one_question_waits() -> None:
    for username in ("aandachtsfunctionaris", "projectleider-noord"):
        rows = selectors.own_signals(user(username))
        assert len(rows) >= 20, username
        assert any(r.open_question for r in rows), username
        assert any(r.status == "afgerond" for r in rows), username


def test_a_theme_rises_and_anti_government_sentiment_stays_flat() -> None:
    today = timezone.localdate()

    def count(theme: str, start: int, end: int) -> int:
        return Signal.objects.filter(
            themes__name=theme,
            created_at__date__gt=today - timedelta(days=start),
            created_at__date__lte=today - timedelta(days=end),
        ).count()

    assert Theme.objects.filter(name="Rechtsextremisme").exists()
    assert count("Rechtsextremisme", 365, 0) > 1.4 * count("Rechtsextremisme", 730, 365)
    flat = count("Anti-overheidssentimenten", 365, 0), count("Anti-overheidssentimenten", 730, 365)
    assert abs(flat[0] - flat[1]) <= 0.4 * max(flat)


def test_the_programme_account_and_an_intact_audit_chain() -> None:
    programma = user("programma")
    assert programma.memberships.filter(role=Role.PROGRAMMA).exists()
    assert verify_chain().intact
