"""A calendar feed's URL holds its secret: the path in the access log has it masked."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.core.audit import MASK
from regie.meetings import services
from regie.meetings.models import MeetingSeries
from tests.conftest import verify_session

pytestmark = pytest.mark.django_db


def test_the_feed_token_is_masked_in_the_logged_path(series: MeetingSeries) -> None:
    secret = services.issue_feed_token(series, actor=User.objects.get(username="regisseur_a"))
    assert Client().get(reverse("meetings:feed", args=[secret])).status_code == 200
    event = AuditEvent.objects.get(action="meetings.feed.read")
    assert event.path == reverse("meetings:feed", args=[MASK])


def test_masked_also_when_an_event_comes_before_the_view(series: MeetingSeries) -> None:
    """A signed-in browser whose session has run out opens the feed: the expiry is logged on
    the way in, before the URL is resolved for the view."""
    user = User.objects.get(username="regisseur_a")
    secret = services.issue_feed_token(series, actor=user)
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        verify_session(client, user)
        client.get(reverse("accounts:home"))
        traveller.shift(timedelta(hours=1))
        client.get(reverse("meetings:feed", args=[secret]))
    event = AuditEvent.objects.get(action="auth.session_expired")
    assert event.path == reverse("meetings:feed", args=[MASK])
    assert not AuditEvent.objects.filter(path__contains=secret).exists()
