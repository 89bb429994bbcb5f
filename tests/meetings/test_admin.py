"""The functional administrator sets up series (teams, standing agenda, reminders)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.meetings.models import MeetingSeries
from regie.organisations.models import Team

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


def _post(client: Client, series: MeetingSeries, template: object) -> int:
    url = reverse("admin:meetings_meetingseries_change", args=[series.pk])
    response = client.post(
        url,
        {
            "name": series.name,
            "team": series.team_id,
            "other_teams": [t.pk for t in Team.objects.all()],
            "description": "",
            "default_location": "Stadhuis",
            "template": json.dumps(template),
            "reminder_days": 3,
            "is_active": "on",
        },
    )
    return response.status_code


def test_beheerder_edits_the_standing_agenda(login_as: Login, series: MeetingSeries) -> None:
    client = login_as("beheerder")
    assert client.get(reverse("admin:meetings_meetingseries_changelist")).status_code == 200
    template = [{"title": "Opening", "key": "opening", "minutes": 5}, {"title": "Rondvraag"}]
    assert _post(client, series, template) == 302
    series.refresh_from_db()
    assert series.standing_items() == template
    assert series.reminder_days == 3
    assert AuditEvent.objects.filter(object_type="meetings.meetingseries").exists()


@pytest.mark.parametrize(
    "template", [{"title": "x"}, [{"key": "opening"}], [{"title": "x", "minutes": "vijf"}]]
)
def test_a_malformed_standing_agenda_is_a_form_error(
    login_as: Login, series: MeetingSeries, template: object
) -> None:
    assert _post(login_as("beheerder"), series, template) == 200
    series.refresh_from_db()
    assert series.template == []


def test_only_the_beheerder_administers_series(login_as: Login, series: MeetingSeries) -> None:
    url = reverse("admin:meetings_meetingseries_changelist")
    assert login_as("secretaris").get(url).status_code == 403
