"""The demo "iPGA-R Teamoverleg": three past meetings modelled on the seed minutes (fictional
names), the next meeting with its agenda ready, an open actielijst and a termijnagenda.

Dates are relative to today, so the actielijst always has something due soon and something
overdue. Everything goes through the meeting services, as the secretary would do it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.meetings import services
from regie.meetings.models import (
    AgendaItem,
    Attendee,
    Meeting,
    MeetingSeries,
    MinutesAdoption,
    TermItem,
)
from regie.meetings.services import Owner, SubActionInput
from regie.organisations.models import Team

SERIES = "iPGA-R Teamoverleg"

# Fictional district project leaders and guests (no real people).
GUESTS = [
    ("Marloes Smit", "Stadsdeel Centrum", "Projectleider radicalisering"),
    ("Rachid Benali", "Stadsdeel Nieuw-West", "Projectleider radicalisering"),
    ("Joost van Dam", "Stadsdeel Zuidoost", "Projectleider radicalisering"),
    ("Anouk Visser", "Directie OOV", "Beleidsadviseur aandachtsfunctionarissen"),
]


def _tuesday_before(day: dt.date, weeks: int) -> dt.date:
    start = day - dt.timedelta(weeks=weeks)
    return start - dt.timedelta(days=(start.weekday() - 1) % 7)


def _users(*usernames: str) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=usernames)}


@transaction.atomic
def load() -> None:
    if MeetingSeries.objects.filter(name=SERIES).exists():
        return
    teams = {t.name: t for t in Team.objects.all()}
    owner = teams.get("Programmateam iPGA-R")
    if owner is None:
        return
    people = _users("teamleider", "regisseur1", "regisseur2", "secretaris", "projectleider-noord")
    secretary = people["secretaris"]
    series = MeetingSeries.objects.create(
        name=SERIES,
        team=owner,
        description="Het tweewekelijkse overleg van het iPGA-R team: regisseurs en programmateam.",
        default_location="Stadhuis, kamer 3.14 / Teams",
        reminder_days=7,
    )
    series.other_teams.set(
        [t for n, t in teams.items() if n in ("Regisseurspool iPGA-R", "Secretariaat iPGA-R")]
    )
    today = timezone.localdate()
    dates = [_tuesday_before(today, weeks) for weeks in (10, 6, 2)]
    first = _first_meeting(secretary, series, dates[0], people)
    second = _second_meeting(secretary, series, dates[1], people, first)
    third = _third_meeting(secretary, series, dates[2], people, second)
    _actions(secretary, series, first, second, people, today)
    _term_agenda(secretary, series, teams, today, third)
    services.create_meeting(
        series,
        actor=secretary,
        date=_tuesday_before(today, -2),
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        chair=people["teamleider"],
        minute_taker=secretary,
    )


def _meeting(
    secretary: User, series: MeetingSeries, day: dt.date, people: dict[str, User]
) -> Meeting:
    meeting = services.create_meeting(
        series,
        actor=secretary,
        date=day,
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        chair=people["teamleider"],
        minute_taker=secretary,
    )
    for attendee in meeting.attendees.all():
        present = attendee.user_id != people["regisseur2"].pk or day.month % 2 == 0
        services.set_presence(
            attendee,
            Attendee.Presence.PRESENT if present else Attendee.Presence.ABSENT,
            actor=secretary,
            absence_reason="" if present else "afgemeld (cursus)",
        )
    return meeting


def _speaker(meeting: Meeting, user: User) -> Attendee | None:
    return meeting.attendees.filter(user=user).first()


def _points(
    secretary: User, item: AgendaItem, points: list[tuple[Attendee | None, str]], heading: str = ""
) -> None:
    for speaker, text in points:
        services.add_point(item, actor=secretary, text=text, speaker=speaker, heading=heading)


def _item(meeting: Meeting, standing: str) -> AgendaItem:
    return meeting.items.get(standing=standing)


def _first_meeting(
    secretary: User, series: MeetingSeries, day: dt.date, people: dict[str, User]
) -> Meeting:
    meeting = _meeting(secretary, series, day, people)
    lead = _speaker(meeting, people["teamleider"])
    youssef = _speaker(meeting, people["regisseur1"])
    opening = _item(meeting, "opening")
    services.add_decision(opening, actor=secretary, text="De agenda wordt vastgesteld.")
    pallet = services.add_item(
        meeting,
        actor=secretary,
        title="Actualisering interventiepallet",
        presenter="Marieke van Dalen",
    )
    _points(
        secretary,
        pallet,
        [
            (lead, "Marieke van Dalen licht het teruggebrachte basispallet toe."),
            (youssef, "Youssef Amrani vraagt of mentortrajecten in het basispallet blijven."),
            (lead, "Marieke van Dalen bevestigt dat; de GGD ontvangt een wijzigingsverzoek."),
        ],
    )
    services.add_decision(
        pallet, actor=secretary, text="Het basispallet wordt ter toetsing aan de GGD voorgelegd."
    )
    services.submit_minutes(meeting, actor=secretary)
    return meeting


def _second_meeting(
    secretary: User,
    series: MeetingSeries,
    day: dt.date,
    people: dict[str, User],
    first: Meeting,
) -> Meeting:
    meeting = _meeting(secretary, series, day, people)
    for name, organisation, role in GUESTS:
        guest = services.invite(
            meeting, actor=secretary, name=name, organisation_name=organisation, role_title=role
        )
        services.set_presence(guest, Attendee.Presence.ALSO_PRESENT, actor=secretary)
    noord = services.invite(
        meeting,
        actor=secretary,
        user=people["projectleider-noord"],
        organisation_name="Stadsdeel Noord",
        role_title="Projectleider radicalisering",
    )
    services.set_presence(noord, Attendee.Presence.ALSO_PRESENT, actor=secretary)
    lead = _speaker(meeting, people["teamleider"])
    sanne = _speaker(meeting, people["regisseur2"])
    intro = services.add_item(
        meeting,
        actor=secretary,
        title="Kennismaking met projectleiders stadsdelen",
        kind=AgendaItem.Kind.PRESENTATION,
    )
    services.reorder_items(
        meeting,
        [intro.pk, *meeting.items.exclude(pk=intro.pk).values_list("pk", flat=True)],
        actor=secretary,
    )
    _points(
        secretary,
        intro,
        [
            (lead, "Marieke van Dalen heet iedereen welkom en licht de werkwijze van de pool toe."),
            (noord, "Thomas Bakker merkt op dat borging en nazorg in het stadsdeel gemist worden."),
            (
                sanne,
                "Sanne de Wit geeft aan dat alleen need-to-know informatie met het stadsdeel "
                "wordt gedeeld wanneer het stadsdeel als interventiepartner optreedt.",
            ),
        ],
        heading="Discussie",
    )
    services.add_decision(
        intro,
        actor=secretary,
        text="De contactgegevens van de aandachtsfunctionarissen worden gedeeld met de regisseurs.",
    )
    services.add_decision(
        _item(meeting, "opening"), actor=secretary, text="De agenda wordt vastgesteld."
    )
    beeld = services.add_item(
        meeting,
        actor=secretary,
        title="Toelichting op het informatiebeeld",
        presenter="Anouk Visser",
        kind=AgendaItem.Kind.PRESENTATION,
        confidential=True,
    )
    _points(
        secretary,
        beeld,
        [(lead, "Het informatiebeeld is vertrouwelijk en wordt niet verder verspreid.")],
    )
    services.record_adoption(first, meeting, MinutesAdoption.Outcome.ADOPTED, actor=secretary)
    services.submit_minutes(meeting, actor=secretary)
    return meeting


def _third_meeting(
    secretary: User,
    series: MeetingSeries,
    day: dt.date,
    people: dict[str, User],
    second: Meeting,
) -> Meeting:
    meeting = _meeting(secretary, series, day, people)
    services.add_decision(
        _item(meeting, "opening"), actor=secretary, text="De agenda wordt vastgesteld."
    )
    services.record_adoption(
        second,
        meeting,
        MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES,
        actor=secretary,
        changes="Bij punt 1 is de functie van een gast gecorrigeerd.",
    )
    veiligheid = services.add_item(
        meeting, actor=secretary, title="Veiligheid van regisseurs bij casuïstiek in de media"
    )
    _points(
        secretary,
        veiligheid,
        [
            (
                _speaker(meeting, people["regisseur1"]),
                "Youssef Amrani vraagt om een vaste werkwijze wanneer een casus in de media komt.",
            )
        ],
    )
    services.defer_item(veiligheid, actor=secretary)
    services.submit_minutes(meeting, actor=secretary)
    return meeting


def _actions(
    secretary: User,
    series: MeetingSeries,
    first: Meeting,
    second: Meeting,
    people: dict[str, User],
    today: dt.date,
) -> None:
    lead = Owner(user=people["teamleider"])
    year = today.year
    rows: list[tuple[Meeting, str, list[SubActionInput]]] = [
        (
            first,
            "Bijeenkomst over kwetsbaarheid regisseurs bij casuïstiek in de media",
            [
                SubActionInput(
                    "Plant de bijeenkomst en vraagt iemand van Woordvoering om aan te sluiten.",
                    [lead],
                    (today - dt.timedelta(days=20)).strftime("%d-%m-%Y"),
                    done_on=today - dt.timedelta(days=21),
                )
            ],
        ),
        (
            first,
            "Teamuitje regisseurspool",
            [
                SubActionInput(
                    "Plant, in samenspraak met het secretariaat, een BBQ.",
                    [Owner(user=secretary)],
                    "voor de zomervakantie",
                )
            ],
        ),
        (
            first,
            "Familiebijeenkomsten",
            [
                SubActionInput(
                    "Regisseurs gaan binnen de caseload na welke casussen behoefte hebben aan "
                    "een familiebijeenkomst en koppelen dit terug.",
                    [Owner(user=people["regisseur1"]), Owner(user=people["regisseur2"])],
                    "z.s.m.",
                )
            ],
        ),
        (
            first,
            "Actualisering interventiepallet",
            [
                SubActionInput(
                    "Brengt het interventiepallet terug naar een basispallet.",
                    [lead],
                    "",
                    done_on=first.date,
                ),
                SubActionInput(
                    "Dient een wijzigingsverzoek in bij de GGD.",
                    [lead],
                    f"eerste helft {year}",
                ),
                SubActionInput("Het pallet wordt jaarlijks geactualiseerd.", [], "jaarlijks"),
            ],
        ),
        (
            second,
            "Verbinding tussen programmateam en regisseurspool",
            [
                SubActionInput(
                    "Organiseert een bijeenkomst tussen programmateam en regisseurspool.",
                    [Owner(name="Anouk Visser")],
                    f"tweede helft {year}",
                )
            ],
        ),
        (
            second,
            "Bijeenkomst over veiligheid met directeur OOV",
            [
                SubActionInput(
                    "Vraagt het secretariaat OOV een datum te zoeken.",
                    [Owner(user=secretary)],
                    "na overleg met OOV",
                )
            ],
        ),
    ]
    for meeting, subject, subactions in rows:
        services.add_action(
            series, actor=secretary, subject=subject, subactions=subactions, meeting=meeting
        )


def _term_agenda(
    secretary: User,
    series: MeetingSeries,
    teams: dict[str, Team],
    today: dt.date,
    meeting: Meeting,
) -> None:
    pool = [t for n, t in teams.items() if n == "Regisseurspool iPGA-R"]
    year = today.year
    entries: list[dict[str, Any]] = [
        {
            "subject": "Intervisiebijeenkomsten voor regisseurs",
            "kind": TermItem.Kind.INTERVISIE,
            "when_text": f"16/2, 15/4, 22/6, 23/9, 11/11 en 16/12 {year}",
            "audience_teams": pool,
        },
        {
            "subject": "Verdiepingstraining Regievoeren zonder Macht",
            "kind": TermItem.Kind.TRAINING,
            "dates": [today + dt.timedelta(days=d) for d in (9, 23, 37)],
            "audience_teams": pool,
        },
        {
            "subject": "Trainingsdagen voor leden Weegploeg",
            "kind": TermItem.Kind.TRAINING,
            "dates": [today + dt.timedelta(days=30), today + dt.timedelta(days=38)],
            "audience_roles": ["weegploeg"],
        },
        {
            "subject": "BBQ voor de regisseurspool",
            "kind": TermItem.Kind.TEAMUITJE,
            "when_text": "voor de zomervakantie",
            "to_plan": True,
            "audience_teams": pool,
        },
        {
            "subject": "Toelichting GGD op de ZRM",
            "kind": TermItem.Kind.BIJEENKOMST,
            "when_text": "",
            "to_plan": True,
            "meeting": meeting,
        },
        {
            "subject": "Bijeenkomst tussen programmateam en regisseurspool",
            "kind": TermItem.Kind.BIJEENKOMST,
            "when_text": f"2e helft {year}",
            "to_plan": True,
        },
    ]
    for entry in entries:
        services.add_term_item(series, actor=secretary, reference=dt.date(year, 1, 1), **entry)
