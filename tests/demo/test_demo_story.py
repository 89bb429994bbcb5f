"""The demo's events carry their story's dates (issue 11.11): a timeline shows when things
happened in the story, not when the demo was loaded, and a case's days in phase count from its
last phase change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Min
from django.test import override_settings
from django.utils import timezone

from regie.cases.models import Case, Phase, TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo() -> None:
    with override_settings(DEBUG=True):
        call_command("demo", verbosity=0)


def test_timeline_events_are_dated_by_their_story() -> None:
    today = timezone.localdate()
    events = TimelineEvent.objects.select_related("case")
    assert events.count() > 100
    for event in events:
        day = timezone.localtime(event.at).date()
        assert event.case.opened_on <= day <= today, (event.summary, day)
    # Most of what the demo tells happened before today, over many different days.
    days = {timezone.localtime(at).date() for at in events.values_list("at", flat=True)}
    assert len(days) > 100
    loaded_today = events.filter(at__date=today).count()
    assert loaded_today < events.count() / 10


def test_a_case_is_registered_on_the_day_of_its_first_event() -> None:
    for case in Case.objects.annotate(first=Min("timeline__at")):
        assert timezone.localtime(case.first).date() == case.opened_on


def test_days_in_phase_count_from_the_last_phase_change() -> None:
    for case in Case.objects.exclude(phase=Phase.AANMELDING):
        last = case.timeline.filter(kind=TimelineEvent.Kind.PHASE).order_by("-at").first()
        assert last is not None
        assert case.phase_since == last.at, case.number
    closed = Case.objects.filter(phase=Phase.AFGESLOTEN)
    assert closed.exists()
    for case in closed:
        assert case.closed_on == timezone.localtime(case.phase_since).date()
        assert case.closed_on < timezone.localdate()
        assert case.delete_after is not None
        assert case.delete_after.year == case.closed_on.year + 5


def test_nothing_in_the_demo_happens_after_today() -> None:
    today = timezone.localdate()
    assert not Case.objects.filter(opened_on__gt=today).exists()
    for case in Case.objects.prefetch_related("journal", "zrm_assessments"):
        assert all(e.occurred_on <= today for e in case.journal.all())
        assert all(z.assessed_on <= today for z in case.zrm_assessments.all())
    assert today - timedelta(days=700) <= Case.objects.aggregate(m=Min("opened_on"))["m"]
