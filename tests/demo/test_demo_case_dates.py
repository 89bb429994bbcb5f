"""The demo obeys the date rules of the product (issue 11.4): no journal entry, contact (a
partner's journal entry) or ZRM assessment after the demo's "today"; every phase change with a
reason, a closing reason only on closing; tasks and reviews may lie ahead."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from regie.cases.models import Case, JournalEntry, Phase, Task, TimelineEvent, ZrmAssessment

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_dates_obey_the_rules() -> None:
    call_command("demo", verbosity=0)
    today = timezone.localdate()
    assert ZrmAssessment.objects.exists()
    assert JournalEntry.objects.filter(visibility="partners").exists()  # shared with partners
    late_zrm = ZrmAssessment.objects.filter(assessed_on__gt=today)
    assert list(late_zrm.values_list("case__number", "assessed_on")) == []
    late_journal = JournalEntry.objects.filter(occurred_on__gt=today)
    assert list(late_journal.values_list("case__number", "occurred_on")) == []
    # Tasks and reviews may lie ahead; the demo has both.
    assert Task.objects.filter(due_on__gt=today).exists()
    phase_changes = TimelineEvent.objects.filter(kind=TimelineEvent.Kind.PHASE)
    assert phase_changes.exists()
    assert not phase_changes.filter(reason="").exists()
    assert not Case.objects.exclude(phase=Phase.AFGESLOTEN).exclude(closing_reason=None).exists()
