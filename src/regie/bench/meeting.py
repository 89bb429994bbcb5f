"""The meeting the benchmark edits: shaped like the demo's largest meeting (the second meeting of
the demo "iPGA-R Teamoverleg": every member of the series invited and present, four guests and a
district project leader also present, the standing agenda plus items with points and
decisions), made once in the bench database through the meeting services, as a secretary would.

The bench teamleider manages it (a managing role in the programme team); the regisseurs of the
pool are its other members. It stays a draft whose meeting lies in the past, so every edit of
the page is allowed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.meetings import services
from regie.meetings.models import AgendaItem, Attendee, Meeting, MeetingSeries, MinutePoint
from regie.organisations.models import Team

SERIES = "Bench iPGA-R Teamoverleg"

GUESTS = [
    ("Marloes Smit", "Stadsdeel Centrum", "Projectleider radicalisering"),
    ("Rachid Benali", "Stadsdeel Nieuw-West", "Projectleider radicalisering"),
    ("Joost van Dam", "Stadsdeel Zuidoost", "Projectleider radicalisering"),
    ("Anouk Visser", "Directie OOV", "Beleidsadviseur aandachtsfunctionarissen"),
    ("Thomas Bakker", "Stadsdeel Noord", "Projectleider radicalisering"),
]

# (title, kind, points, decisions), as in the demo's second meeting and the seed minutes.
ITEMS = [
    ("Kennismaking met projectleiders stadsdelen", AgendaItem.Kind.PRESENTATION, 6, 1),
    ("Toelichting op het informatiebeeld", AgendaItem.Kind.PRESENTATION, 4, 1),
    ("Actualisering interventiepallet", AgendaItem.Kind.DECISION, 5, 2),
    ("Veiligheid van regisseurs bij casuïstiek in de media", AgendaItem.Kind.STANDARD, 4, 1),
]


@dataclass
class BenchMeeting:
    meeting: Meeting
    item: AgendaItem
    point: MinutePoint
    attendees: list[Attendee]

    def edit(self, i: int) -> tuple[str, dict[str, str]]:
        """One of three edits a secretary makes during the meeting, each a real save."""
        kind = i % 3
        if kind == 0:
            point = self.point
            url = reverse("meetings:point_edit", args=[point.pk])
            return url, {
                f"pt{point.pk}-text": f"Besproken (versie {i}).",
                f"pt{point.pk}-speaker": "",
            }
        if kind == 1:
            url = reverse("meetings:attendance", args=[self.meeting.pk])
            data = {}
            for n, row in enumerate(self.attendees):
                absent = row.kind == "member" and (n + i) % 7 == 0
                data[f"att{row.pk}-presence"] = (
                    "absent" if absent else ("also_present" if row.kind == "guest" else "present")
                )
                data[f"att{row.pk}-absence_reason"] = "afgemeld" if absent else ""
            return url, data
        item = self.item
        url = reverse("meetings:item_edit", args=[item.pk])
        return url, {
            f"item{item.pk}-title": item.title,
            f"item{item.pk}-kind": item.kind,
            f"item{item.pk}-presenter": f"Presentator {i}",
            f"item{item.pk}-notes": "",
        }


def bench_meeting(secretary: User) -> BenchMeeting:
    """The bench meeting, made on first use."""
    meeting = (
        Meeting.objects.filter(series__name=SERIES, status=Meeting.Status.CONCEPT)
        .order_by("-date", "-id")
        .first()
    )
    if meeting is None:
        meeting = _make(secretary)
    item = meeting.items.filter(points__isnull=False).order_by("position").first()
    assert item is not None
    point = item.points.order_by("position", "id").first()
    assert point is not None
    return BenchMeeting(meeting, item, point, list(meeting.attendees.order_by("position", "id")))


def _make(secretary: User) -> Meeting:
    programme = Team.objects.get(kind=Team.Kind.PROGRAMMATEAM, name="Programmateam iPGA-R")
    series, _created = MeetingSeries.objects.get_or_create(
        name=SERIES, defaults={"team": programme, "default_location": "Stadhuis, kamer 3.14"}
    )
    series.other_teams.set(Team.objects.filter(kind=Team.Kind.REGISSEURSPOOL))
    meeting = services.create_meeting(
        series,
        actor=secretary,
        date=timezone.localdate() - dt.timedelta(days=7),
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        chair=secretary,
        minute_taker=secretary,
    )
    for row in meeting.attendees.all():
        services.set_presence(row, Attendee.Presence.PRESENT, actor=secretary)
    for name, organisation, role in GUESTS:
        guest = services.invite(
            meeting, actor=secretary, name=name, organisation_name=organisation, role_title=role
        )
        services.set_presence(guest, Attendee.Presence.ALSO_PRESENT, actor=secretary)
    speakers = [a for a in meeting.attendees.all() if a.attended]
    opening = meeting.items.get(standing="opening")
    services.add_decision(opening, actor=secretary, text="De agenda wordt vastgesteld.")
    for title, kind, points, decisions in ITEMS:
        item = services.add_item(meeting, actor=secretary, title=title, kind=kind)
        for n in range(points):
            services.add_point(
                item,
                actor=secretary,
                text=f"Punt {n + 1} bij {title.lower()}: toelichting en vragen.",
                speaker=speakers[n % len(speakers)],
            )
        for n in range(decisions):
            services.add_decision(
                item, actor=secretary, text=f"Besluit {n + 1} bij {title.lower()}."
            )
    return meeting
