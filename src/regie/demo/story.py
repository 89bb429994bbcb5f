"""Demo events carry their story's dates, not the moment the demo was loaded.

The services stamp every timeline event with ``timezone.now()`` (as they must for real work).
The demo tells stories that began months ago, so each service call it makes is wrapped in
``dated``: the timeline events the call wrote are moved to the day the story says it happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from regie.cases.models import Case, TimelineEvent

# Office hours: a story's events happen during a working day, in the order they were written.
OFFICE_OPENS = time(9, 0)


def moment(day: date, minute: int = 0) -> datetime:
    """``day`` at office opening plus ``minute`` minutes, in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day, OFFICE_OPENS) + timedelta(minutes=minute))


@contextmanager
def dated(case: Case, day: date, minute: int = 0) -> Iterator[None]:
    """Move the timeline events written for ``case`` inside the block to ``day``."""
    before = TimelineEvent.objects.filter(case=case).aggregate(last=Max("id"))["last"] or 0
    yield
    TimelineEvent.objects.filter(case=case, id__gt=before).update(at=moment(day, minute))


@contextmanager
def dated_new_case(day: date) -> Iterator[None]:
    """Like ``dated`` for the call that creates a case: its first events move to ``day``."""
    before = TimelineEvent.objects.aggregate(last=Max("id"))["last"] or 0
    yield
    TimelineEvent.objects.filter(id__gt=before).update(at=moment(day))
    Case.objects.filter(timeline__id__gt=before).update(created_at=moment(day))
