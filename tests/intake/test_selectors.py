"""The queues: contents, order, age and overdue by service level, what a submitter sees of
their own signals, and a constant number of queries as signals grow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from regie.accounts.models import User
from regie.intake import selectors, services
from regie.intake.models import ServiceLevel, Signal, Stage

Make = Callable[..., Signal]


def aged(signal: Signal, days: int) -> Signal:
    """As if submitted ``days`` ago (memberships start today, so no time travel)."""
    then = timezone.now() - timedelta(days=days)
    Signal.objects.filter(pk=signal.pk).update(created_at=then, stage_since=then)
    signal.refresh_from_db()
    return signal


def test_queue_urgent_first_then_oldest(
    make_signal: Make, intake_personas: dict[str, User]
) -> None:
    old = aged(make_signal(), 3)
    urgent = aged(make_signal(urgency="high"), 1)
    newest = make_signal()
    rows = selectors.steunpunt_queue(intake_personas["steunpunt"])
    assert [r.reference for r in rows] == [urgent.reference, old.reference, newest.reference]
    assert [r.age_days for r in rows] == [1, 3, 0]
    assert rows[1].themes  # the theme names of each row
    assert rows[1].urgency_label


def test_overdue_by_service_level(make_signal: Make, intake_personas: dict[str, User]) -> None:
    ServiceLevel.objects.filter(stage=Stage.STEUNPUNT).update(days=2)
    late = aged(make_signal(), 3)
    make_signal()
    steunpunt = intake_personas["steunpunt"]
    assert [r.reference for r in selectors.overdue(steunpunt)] == [late.reference]
    # The age starts again when the signal reaches the Weegploeg.
    services.forward_to_weegploeg(actor=steunpunt, signal=late)
    assert selectors.overdue(steunpunt) == []
    rows = selectors.weegploeg_list(intake_personas["weegploeg"])
    assert [(r.reference, r.age_days, r.allowed_days) for r in rows] == [(late.reference, 0, 10)]


def test_queues_are_for_their_teams(intake_personas: dict[str, User]) -> None:
    for who in ("weegploeg", "aandachtsfunctionaris", "teamleider"):
        with pytest.raises(PermissionDenied):
            selectors.steunpunt_queue(intake_personas[who])
    for who in ("steunpunt", "aandachtsfunctionaris", "teamleider"):
        with pytest.raises(PermissionDenied):
            selectors.weegploeg_list(intake_personas[who])


def test_own_signals_show_status_and_questions_only(
    make_signal: Make, intake_personas: dict[str, User]
) -> None:
    mine = make_signal()
    make_signal(by="aandachtsfunctionaris_2")
    steunpunt = intake_personas["steunpunt"]
    services.ask_submitter(actor=steunpunt, signal=mine, text="Welke klas?")
    services.forward_to_weegploeg(actor=steunpunt, signal=mine)
    services.decide(
        actor=intake_personas["weegploeg"],
        signal=mine,
        outcome="geen_zorgen",
        motivation="Vertrouwelijke weging.",
    )
    submitter = intake_personas["aandachtsfunctionaris"]
    rows = selectors.own_signals(submitter)
    assert [(r.reference, r.status, r.open_question) for r in rows] == [
        (mine.reference, "afgerond", True)
    ]
    assert not hasattr(rows[0], "stage")
    detail = selectors.own_signal(submitter, mine.reference)
    assert detail is not None
    assert [kind for kind, _text, _at in detail.messages] == ["question"]
    assert "Vertrouwelijke" not in repr(detail)
    # Another's signal, or one that does not exist: the same "not found".
    other = intake_personas["aandachtsfunctionaris_2"]
    assert selectors.own_signal(other, mine.reference) is None
    assert selectors.own_signal(other, "SIG-1999-0001") is None


def _grow(make_signal: Make, steunpunt: User, n: int) -> None:
    for i in range(n):
        signal = aged(make_signal(), 20)
        if i % 2:
            services.forward_to_weegploeg(actor=steunpunt, signal=signal)


@pytest.mark.parametrize("size", [3, 30])
def test_constant_queries(
    size: int,
    make_signal: Make,
    intake_personas: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    _grow(make_signal, intake_personas["steunpunt"], size)
    steunpunt, weegploeg = intake_personas["steunpunt"], intake_personas["weegploeg"]
    submitter = intake_personas["aandachtsfunctionaris"]
    for user, read in (
        (steunpunt, selectors.steunpunt_queue),
        (steunpunt, selectors.overdue),
        (weegploeg, selectors.weegploeg_list),
        (submitter, selectors.own_signals),
    ):
        user.refresh_from_db()  # no cached memberships from the set-up
        read(user)  # warm the user's roles
        with django_assert_num_queries(3 if read is not selectors.own_signals else 2):
            assert read(user)
