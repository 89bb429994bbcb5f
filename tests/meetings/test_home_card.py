"""Issue 11 point 6: the meetings card on the home page lists the next meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.meetings import services
from regie.meetings.models import MeetingSeries


def test_secretary_home_lists_the_next_meetings(
    login_as: Callable[[str], Client], series: MeetingSeries, secretary: User
) -> None:
    page = login_as("secretaris").get(reverse("accounts:home")).content.decode()
    assert 'id="card-meetings"' in page
    assert "Er zijn geen overleggen gepland." in page
    day = timezone.localdate() + dt.timedelta(days=9)
    meeting = services.create_meeting(series, actor=secretary, date=day)
    services.create_meeting(
        series, actor=secretary, date=timezone.localdate() - dt.timedelta(days=5)
    )
    page = login_as("secretaris").get(reverse("accounts:home")).content.decode()
    assert reverse("meetings:meeting", args=[meeting.pk]) in page
    assert page.count("iPGA-R Teamoverleg") == 1


def test_home_without_meetings_feature_shows_no_meetings_card(
    login_as: Callable[[str], Client],
) -> None:
    # the persona secretaris is in no team: the meetings page would refuse them
    page = login_as("secretaris").get(reverse("accounts:home")).content.decode()
    assert 'id="card-meetings"' not in page
    assert 'id="card-actions"' in page
