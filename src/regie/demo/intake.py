"""About three hundred fictional signals over the last two years, so that the Steunpunt, the
Weegploeg, the submitters and the programme team's trends all have something to show.

Deterministic (seeded), dated relative to today. The history (signals long completed, their
Weegploeg sessions, decisions and messages) is written in bulk, in the shape the intake
services leave it: stage and status ``afgerond``, the decision's session the signal's session,
a linked person only after instroom (the case is one of the demo's own cases, opened on the
day of the decision). Those rows carry no audit events: they stand for work done before the
demo's accounts existed. What is still open (the queues on day one) goes through the services
and is audited; only its dates are moved back afterwards, so that some of it is overdue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.cases.models import Case, Phase, Theme
from regie.demo import data
from regie.demo.cases import FIRST, LAST
from regie.demo.story import moment
from regie.intake import services
from regie.intake.models import (
    Signal,
    SignalMessage,
    Stage,
    Status,
    TriageDecision,
    TriageSession,
)
from regie.organisations.models import Organisation

HISTORY = 280
DAYS = 730
Outcome = TriageDecision.Outcome
# The theme that rises month by month; anti-government sentiment stays flat (demonstrations
# alone do not bring more signals).
RISING = "Rechtsextremisme"
OBSERVATIONS = [
    "Deelt in de klasgroep filmpjes waarin geweld tegen andersdenkenden wordt verheerlijkt.",
    "Heeft zich teruggetrokken uit het sportteam en zegt dat de overheid de vijand is.",
    "Ouders melden dat hij 's nachts in besloten chatgroepen zit en zich afsluit.",
    "Draagt symbolen van een extremistische groepering en spreekt medeleerlingen daarop aan.",
    "Schreef in een opdracht dat geweld tegen de politie gerechtvaardigd is.",
    "De buurtregisseur ziet dat zij nieuwe contacten heeft die haar onder druk zetten.",
    "Verspreidt pamfletten met complotdenken over de gemeente en dreigt met acties.",
    "Maakt zich volgens de mentor snel boos over dierproeven en noemt sabotage een plicht.",
]
ADVICE = [
    "Blijf in gesprek en betrek de zorgcoördinator; meld opnieuw als het gedrag toeneemt.",
    "Bespreek de zorg met de ouders en vraag het wijkteam mee te denken.",
    "Er is geen aanleiding voor de aanpak; houd contact met de mentor.",
]
CLOSING = [
    "Advies gegeven aan de melder; geen verdere zorgen.",
    "Geen zorg over radicalisering: doorverwezen naar het wijkteam.",
    "Consultatie beantwoord.",
]
MOTIVATION = {
    Outcome.GEEN_ZORGEN: "Na weging geen zorgen over radicalisering.",
    Outcome.ADVIES: "Zorg is reëel maar vraagt geen aanpak; advies aan de melder.",
    Outcome.DOORVERWIJZING: "Passende hulp in de reguliere zorg.",
    Outcome.INSTROOM: "Meerdere signalen uit verschillende bronnen: instroom in de aanpak.",
}
CALLERS = ["mentor, basisschool", "wijkagent", "jongerenwerker", "moeder van een leerling"]


@dataclass
class World:
    rng: random.Random
    today: date
    users: dict[str, User]
    themes: list[Theme]
    areas: list[Organisation]
    sources: list[Organisation]
    referrals: list[Organisation]


def _world() -> World | None:
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    needed = {"steunpunt", "weegploeg", "aandachtsfunctionaris", "projectleider-noord"}
    if not needed <= users.keys():
        return None
    stadsdelen = [data.stadsdeel_name(n) for n in data.STADSDELEN]
    by_name = {o.name: o for o in Organisation.objects.all()}
    amstelland = [by_name[f"Gemeente {n}"] for n in data.AMSTELLAND]
    partners = [by_name[name] for name, _kind in data.PARTNERS]
    return World(
        rng=random.Random(1414),  # noqa: S311 - fictional demo data, not security
        today=timezone.localdate(),
        users=users,
        themes=list(Theme.objects.order_by("order", "pk")),
        # Amsterdam's districts three times as often as the Amstelland municipalities.
        areas=[by_name[n] for n in stadsdelen] * 3 + amstelland,
        sources=partners,
        referrals=[o for o in partners if o.kind in ("ggd", "jeugdzorg", "welzijn")],
    )


def _theme(world: World, age: int) -> Theme:
    # The rising theme's weight grows from 1 two years ago to 6 today; the others stay at 2.
    weights = [1 + 5 * (1 - age / DAYS) if t.name == RISING else 2.0 for t in world.themes]
    return world.rng.choices(world.themes, weights=weights)[0]


@dataclass
class Planned:
    signal: Signal
    theme: Theme
    outcome: str  # "" for a signal the Steunpunt closed itself
    decided: date | None
    case: Case | None
    # Kept apart from the model: ``auto_now_add`` overwrites ``signal.created_at`` on insert.
    created: datetime
    closed: datetime


def _submitted_by(world: World, signal: Signal) -> None:
    rng = world.rng
    pick = rng.random()
    if pick < 0.2:
        signal.submitter = world.users["aandachtsfunctionaris"]
    elif pick < 0.35:
        signal.submitter = world.users["projectleider-noord"]
    else:
        signal.recorded_by = world.users["steunpunt"]
        signal.recorded_on_behalf_of = rng.choice(CALLERS)
    if signal.submitter is not None:
        membership = signal.submitter.primary_membership
        signal.source_organisation_id = membership.organisation_id if membership else None
    else:
        signal.source_organisation = rng.choice(world.sources)


def _plan(world: World) -> list[Planned]:
    rng = world.rng
    # Instroom is the demo's own cases: each was opened on the day of its decision.
    intake_cases = list(
        Case.objects.exclude(phase=Phase.AANMELDING).select_related("person").order_by("pk")
    )
    rng.shuffle(intake_cases)
    planned: list[Planned] = []
    for case in intake_cases[:20]:
        decided = case.opened_on
        age = (world.today - decided).days + rng.randint(10, 30)
        planned.append(_signal(world, age, Outcome.INSTROOM, decided, case))
    while len(planned) < HISTORY:
        age = rng.randint(14, DAYS)
        roll = rng.random()
        if roll < 0.12:
            planned.append(_signal(world, age, "", None, None, consultation=True))
        elif roll < 0.4:
            planned.append(_signal(world, age, "", None, None))
        else:
            outcome = rng.choice([Outcome.GEEN_ZORGEN, Outcome.ADVIES, Outcome.DOORVERWIJZING])
            decided = world.today - timedelta(days=max(1, age - rng.randint(5, 14)))
            planned.append(_signal(world, age, outcome, decided, None))
    planned.sort(key=lambda p: p.created)
    return planned


def _signal(
    world: World,
    age: int,
    outcome: str,
    decided: date | None,
    case: Case | None,
    *,
    consultation: bool = False,
) -> Planned:
    rng = world.rng
    created = moment(world.today - timedelta(days=age), rng.randint(0, 480))
    signal = Signal(
        kind=Signal.Kind.CONSULTATION if consultation else Signal.Kind.SIGNAL,
        observation=rng.choice(OBSERVATIONS),
        urgency=Signal.Urgency.HIGH if rng.random() < 0.1 else Signal.Urgency.NORMAL,
        stage=Stage.AFGEROND,
        status=Status.AFGEROND,
        handler=world.users["steunpunt"],
    )
    _submitted_by(world, signal)
    if case is not None:
        signal.person = case.person
        signal.person_first_name = case.person.first_name
        signal.person_last_name = case.person.last_name
        signal.person_date_of_birth = case.person.date_of_birth
        signal.person_area = case.area
    elif not consultation:
        signal.person_first_name = rng.choice(FIRST)
        signal.person_last_name = rng.choice(LAST)
        born = world.today.year - rng.randint(14, 30)
        signal.person_date_of_birth = date(born, rng.randint(1, 12), rng.randint(1, 28))
        signal.person_area = rng.choice(world.areas)
        signal.person_is_aware = rng.choice([True, False, None])
    if decided is None:
        closed = created + timedelta(days=rng.randint(1, 6))
        signal.closing_reason = CLOSING[2] if consultation else rng.choice(CLOSING[:2])
    else:
        signal.forwarded_at = created + timedelta(days=rng.randint(1, 4))
        closed = moment(decided, 300)
    signal.closed_at = signal.stage_since = signal.updated_at = closed
    return Planned(signal, _theme(world, age), outcome, decided, case, created, closed)


def _references(planned: list[Planned]) -> None:
    numbers: dict[int, int] = {}
    for p in planned:
        year = timezone.localtime(p.created).year
        numbers[year] = numbers.get(year, 0) + 1
        p.signal.reference = f"{services.PREFIX}-{year}-{numbers[year]:04d}"


def _sessions(world: World, planned: list[Planned]) -> dict[date, TriageSession]:
    """A sitting on each day a decision was taken (the Weegploeg meets when it has work)."""
    days = sorted({p.decided for p in planned if p.decided is not None})
    sessions = TriageSession.objects.bulk_create(
        TriageSession(date=day, created_by=world.users["weegploeg"]) for day in days
    )
    by_day = dict(zip(days, sessions, strict=True))
    for day, session in by_day.items():
        TriageSession.objects.filter(pk=session.pk).update(created_at=moment(day - timedelta(7)))
    return by_day


def _write_history(world: World) -> None:
    planned = _plan(world)
    _references(planned)
    sessions = _sessions(world, planned)
    for p in planned:
        if p.decided is not None:
            p.signal.session = sessions[p.decided]
    signals = Signal.objects.bulk_create(p.signal for p in planned)
    # ``auto_now_add`` overwrote the story's dates on insert; they are put back per row.
    for p, signal in zip(planned, signals, strict=True):
        Signal.objects.filter(pk=signal.pk).update(created_at=p.created, updated_at=p.closed)
    Signal.themes.through.objects.bulk_create(
        Signal.themes.through(signal_id=s.pk, theme_id=p.theme.pk)
        for p, s in zip(planned, signals, strict=True)
    )
    _write_decisions(world, planned)
    _write_messages(world, planned)


def _write_decisions(world: World, planned: list[Planned]) -> None:
    decided = [p for p in planned if p.outcome]
    decisions = TriageDecision.objects.bulk_create(
        TriageDecision(
            signal=p.signal,
            session=p.signal.session,
            outcome=p.outcome,
            referred_to=world.rng.choice(world.referrals)
            if p.outcome == Outcome.DOORVERWIJZING
            else None,
            motivation=MOTIVATION[Outcome(p.outcome)],
            decided_by=world.users["weegploeg"],
            case=p.case,
        )
        for p in decided
    )
    for p, decision in zip(decided, decisions, strict=True):
        TriageDecision.objects.filter(pk=decision.pk).update(decided_at=p.closed)


def _write_messages(world: World, planned: list[Planned]) -> None:
    rows: list[tuple[SignalMessage, datetime]] = []
    steunpunt, weegploeg = world.users["steunpunt"], world.users["weegploeg"]
    for p in planned:
        signal = p.signal
        if signal.submitter is not None and world.rng.random() < 0.3:
            asked = p.created + timedelta(hours=20)
            rows.append((_msg(signal, "question", _QUESTION, steunpunt), asked))
            rows.append((_msg(signal, "answer", _ANSWER, signal.submitter), asked + timedelta(1)))
        if p.outcome == Outcome.ADVIES:
            rows.append((_msg(signal, "advice", world.rng.choice(ADVICE), weegploeg), p.closed))
        elif not p.outcome and signal.submitter is not None:
            rows.append((_msg(signal, "advice", world.rng.choice(ADVICE), steunpunt), p.closed))
    messages = SignalMessage.objects.bulk_create(m for m, _at in rows)
    for (_m, at), message in zip(rows, messages, strict=True):
        SignalMessage.objects.filter(pk=message.pk).update(created_at=at)


_QUESTION = "Kunt u aangeven sinds wanneer u dit gedrag ziet, en wie er nog meer van weet?"
_ANSWER = "Sinds de zomervakantie; de mentor en de ouders weten ervan."


def _msg(signal: Signal, kind: str, text: str, author: User) -> SignalMessage:
    return SignalMessage(signal=signal, kind=kind, text=text, author=author)


@dataclass(frozen=True)
class Open:
    """A signal still in a queue on day one: who sent it, how old it is, how far it got."""

    by: str
    days: int
    step: str  # new, picked_up, asked, forwarded, in_session
    urgent: bool = False
    consultation: bool = False


# Service levels: five days at the Steunpunt, ten at the Weegploeg (migration 0002).
OPEN = [
    Open("steunpunt", 0, "new", urgent=True),
    Open("aandachtsfunctionaris", 1, "new"),
    Open("projectleider-noord", 3, "new"),
    Open("steunpunt", 8, "new"),
    Open("aandachtsfunctionaris", 11, "new", consultation=True),
    Open("steunpunt", 2, "picked_up"),
    Open("projectleider-noord", 4, "picked_up", urgent=True),
    Open("steunpunt", 9, "picked_up"),
    Open("aandachtsfunctionaris", 6, "asked"),
    Open("projectleider-noord", 2, "asked"),
    Open("steunpunt", 3, "forwarded"),
    Open("aandachtsfunctionaris", 6, "forwarded"),
    Open("steunpunt", 14, "forwarded"),
    Open("projectleider-noord", 18, "forwarded", urgent=True),
    Open("steunpunt", 5, "in_session"),
    Open("aandachtsfunctionaris", 12, "in_session"),
    Open("steunpunt", 16, "in_session"),
]


def _write_open(world: World) -> None:
    rng = world.rng
    steunpunt, weegploeg = world.users["steunpunt"], world.users["weegploeg"]
    session = services.create_session(actor=weegploeg, on=world.today + timedelta(days=2))
    for item in OPEN:
        actor = world.users[item.by]
        recording = item.by == "steunpunt"
        person: dict[str, Any] = {}
        if not item.consultation:
            born = world.today.year - rng.randint(14, 30)
            person = {
                "person_first_name": rng.choice(FIRST),
                "person_last_name": rng.choice(LAST),
                "person_date_of_birth": date(born, rng.randint(1, 12), rng.randint(1, 28)),
                "person_area_id": rng.choice(world.areas).pk,
            }
        signal = services.submit(
            actor=actor,
            data=services.SignalData(
                observation=rng.choice(OBSERVATIONS),
                kind=Signal.Kind.CONSULTATION if item.consultation else Signal.Kind.SIGNAL,
                theme_ids=(_theme(world, item.days).pk,),
                observed_since=world.today - timedelta(days=item.days + 30),
                urgency=Signal.Urgency.HIGH if item.urgent else Signal.Urgency.NORMAL,
                source_organisation_id=rng.choice(world.sources).pk if recording else None,
                **person,
            ),
            on_behalf_of=rng.choice(CALLERS) if recording else "",
        )
        if item.step != "new":
            services.pick_up(actor=steunpunt, signal=signal)
        if item.step == "asked":
            services.ask_submitter(actor=steunpunt, signal=signal, text=_QUESTION)
        if item.step in ("forwarded", "in_session"):
            services.forward_to_weegploeg(actor=steunpunt, signal=signal)
        if item.step == "in_session":
            services.add_to_session(actor=weegploeg, signal=signal, session=session)
        _backdate(signal, item)


def _backdate(signal: Signal, item: Open) -> None:
    now = timezone.now()
    created = now - timedelta(days=item.days + (2 if signal.forwarded_at else 0), hours=1)
    fields: dict[str, Any] = {"created_at": created, "stage_since": created}
    if signal.forwarded_at is not None:
        fields["stage_since"] = fields["forwarded_at"] = now - timedelta(days=item.days)
    Signal.objects.filter(pk=signal.pk).update(**fields)
    SignalMessage.objects.filter(signal=signal).update(created_at=created + timedelta(hours=3))


@transaction.atomic
def load() -> int:
    """Loaded once, into a database without signals; needs the demo accounts and cases."""
    if Signal.objects.exists():
        return 0
    world = _world()
    if world is None:
        return 0
    _write_history(world)
    _write_open(world)
    return Signal.objects.count()
