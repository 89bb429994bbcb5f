"""Meeting fixtures: the "iPGA-R Teamoverleg" series of the programme team, in which the
regisseurspool takes part. The secretary works for the programme team; the district project
leader (``partner_stadsdeel``) comes as a guest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from regie.accounts.models import Membership, Role, User
from regie.meetings import services
from regie.meetings.models import Attendee, Meeting, MeetingSeries
from regie.organisations.models import Team


@pytest.fixture
def teams(personas: dict[str, User]) -> dict[str, Team]:
    return {t.kind: t for t in Team.objects.all()}


@pytest.fixture
def series(personas: dict[str, User], teams: dict[str, Team]) -> MeetingSeries:
    Membership.objects.filter(user=personas["secretaris"], role=Role.SECRETARIS).update(
        team=teams["programmateam"]
    )
    personas["secretaris"].__dict__.pop("active_memberships", None)
    created = MeetingSeries.objects.create(
        name="iPGA-R Teamoverleg", team=teams["programmateam"], default_location="Stadhuis"
    )
    created.other_teams.add(teams["regisseurspool"])
    return created


@pytest.fixture
def secretary(personas: dict[str, User], series: MeetingSeries) -> User:
    user = User.objects.get(pk=personas["secretaris"].pk)
    return user


@pytest.fixture
def meeting(series: MeetingSeries, secretary: User, personas: dict[str, User]) -> Meeting:
    """A meeting on 15 June 2021 with the standing agenda, everyone present, and the district
    project leader as a guest."""
    made = services.create_meeting(
        series, actor=secretary, date=dt.date(2021, 6, 15), chair=personas["teamleider"]
    )
    for attendee in made.attendees.all():
        services.set_presence(attendee, Attendee.Presence.PRESENT, actor=secretary)
    guest = services.invite(
        made,
        actor=secretary,
        user=personas["partner_stadsdeel"],
        organisation_name="Stadsdeel Noord",
        role_title="Projectleider",
    )
    services.set_presence(guest, Attendee.Presence.ALSO_PRESENT, actor=secretary)
    return made


def later(meeting: Meeting, secretary: Any, days: int = 28) -> Meeting:
    return services.create_meeting(
        meeting.series, actor=secretary, date=meeting.date + dt.timedelta(days=days)
    )
