"""The benchmark's intake data: plain persons up to a total (for the duplicate check at scale)
and signals over two years with their Weegploeg sessions and decisions.

Written like the cases (``writing.Table``: ``COPY`` on PostgreSQL, ids reserved from the
tables' sequences), in big batches, without services. The persons' ``search_name``,
``given_key`` and ``surname_key`` are filled exactly as ``Person.save`` fills them
(``cases.names``), so the duplicate check's indexed lookups find them. Signals carry no audit
events and no messages: the benchmark measures the pages that list them and the check, not
the audit log's growth, which the cases already give it.

Every name is invented by combining common first and last names; no real person is described.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from regie.accounts.models import Role
from regie.bench.fiction import FIRST_NAMES, LAST_NAMES, SENTENCES
from regie.bench.world import USER_PREFIX, bench_user, build_world
from regie.bench.writing import Table, reserve_ids
from regie.cases.models import Person, Theme
from regie.cases.names import Name, normalise
from regie.intake.models import Signal, Stage, Status, TriageDecision, TriageSession
from regie.organisations.models import Organisation, Team

STEUNPUNT = f"{USER_PREFIX}steunpunt"
WEEGPLOEG = f"{USER_PREFIX}weegploeg"
PROGRAMMA = f"{USER_PREFIX}programma"
PERSON_BATCH = 50_000
SIGNAL_BATCH = 20_000
DAYS = 730
OPEN_SHARE = 0.03
# Sources of signals, as a programme's partners are (created when missing).
SOURCES = [
    ("Politie Eenheid Amsterdam", Organisation.Kind.POLITIE),
    ("GGD Amsterdam", Organisation.Kind.GGD),
    ("Scholengroep Bench (fictief)", Organisation.Kind.ONDERWIJS),
    ("Jeugdhulp Bench (fictief)", Organisation.Kind.JEUGDZORG),
    ("Welzijn Bench (fictief)", Organisation.Kind.WELZIJN),
]
Outcome = TriageDecision.Outcome
Progress = Callable[[str], None] | None


@dataclass(frozen=True)
class Staff:
    steunpunt: int
    weegploeg: int
    programma: int


def ensure_staff() -> Staff:
    """The intake's bench accounts: a Steunpunt member, a Weegploeg member and a
    programmamedewerker (idempotent, like ``world.build_world``)."""
    amsterdam = Organisation.objects.get(name="Gemeente Amsterdam")
    teams = {
        kind: Team.objects.get_or_create(
            organisation=amsterdam, name=name, defaults={"kind": kind}
        )[0]
        for name, kind in (
            ("Steunpunt Radicalisering", Team.Kind.STEUNPUNT),
            ("Weegploeg", Team.Kind.WEEGPLOEG),
            ("Programmateam iPGA-R", Team.Kind.PROGRAMMATEAM),
        )
    }
    return Staff(
        steunpunt=bench_user(
            STEUNPUNT, "Pieter", "Jansen", Role.STEUNPUNT, amsterdam, teams[Team.Kind.STEUNPUNT]
        ).user_id,
        weegploeg=bench_user(
            WEEGPLOEG, "Ingrid", "Vermeulen", Role.WEEGPLOEG, amsterdam, teams[Team.Kind.WEEGPLOEG]
        ).user_id,
        programma=bench_user(
            PROGRAMMA, "Noor", "Visser", Role.PROGRAMMA, amsterdam, teams[Team.Kind.PROGRAMMATEAM]
        ).user_id,
    )


def add_persons(total: int, *, seed: int = 2026, progress: Progress = None) -> int:
    """Plain persons (no case) until the table holds ``total``; returns how many were added."""
    rng = random.Random(seed + 1)  # noqa: S311 - fictional benchmark data, not security
    world = build_world(rng)
    keys: dict[tuple[str, str], tuple[str, str, str]] = {}
    added = 0
    started = time.perf_counter()
    today = timezone.localdate()
    now = timezone.now()
    while (missing := total - Person.objects.count()) > 0:
        n = min(PERSON_BATCH, missing)
        table = Table(
            Person,
            ["id", "first_name", "last_name", "date_of_birth", "bsn", "area_id", "search_name",
             "given_key", "surname_key", "created_at"],
        )  # fmt: skip
        areas = rng.choices(world.areas, world.area_weights, k=n)
        for person_id, area in zip(reserve_ids(Person, n), areas, strict=True):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if (first, last) not in keys:
                given, surname = Name(first, last).keys
                keys[first, last] = (normalise(f"{first} {last}"), given, surname)
            search, given, surname = keys[first, last]
            born = today - timedelta(days=rng.randint(12 * 365, 70 * 365))
            dob = born if rng.random() > 0.05 else None
            table.add(person_id, first, last, dob, "", area, search, given, surname, now)
        with transaction.atomic():
            table.write()
        added += n
        if progress is not None:
            progress(f"{added:>9,} persons added  {time.perf_counter() - started:6.1f} s")
    _analyze(Person._meta.db_table)
    return added


@dataclass
class _World:
    rng: random.Random
    now: datetime
    staff: Staff
    themes: list[int]
    areas: list[int]
    sources: list[int]
    persons: list[int]  # a sample of person ids, for the signals that led to instroom
    sessions: dict[date, int]
    session_days: dict[int, date]


def _signal_world(seed: int) -> _World:
    rng = random.Random(seed + 2)  # noqa: S311 - fictional benchmark data, not security
    world = build_world(rng)
    staff = ensure_staff()
    sources = [
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0].pk
        for name, kind in SOURCES
    ]
    # Ids have gaps (the case generator reserves them per chunk): a sample of real ones.
    persons = list(Person.objects.order_by("?").values_list("pk", flat=True)[:5000])
    # Sittings left by an earlier run that failed before its first signal was written.
    TriageSession.objects.filter(signals__isnull=True, decisions__isnull=True).delete()
    today = timezone.localdate()
    # A sitting every Tuesday over the two years, and the next one.
    tuesday = today - timedelta(days=(today.weekday() - 1) % 7)
    days = [tuesday - timedelta(weeks=w) for w in range(DAYS // 7, -2, -1)]
    sessions = TriageSession.objects.bulk_create(
        TriageSession(date=day, created_by_id=staff.weegploeg) for day in days
    )
    return _World(
        rng=rng,
        now=timezone.now(),
        staff=staff,
        themes=list(Theme.objects.order_by("order", "pk").values_list("pk", flat=True)),
        areas=world.areas,
        sources=sources,
        persons=persons,
        sessions={s.date: s.pk for s in sessions},
        session_days={s.pk: s.date for s in sessions},
    )


def add_signals(count: int, *, seed: int = 2026, progress: Progress = None) -> int:
    """``count`` signals over the last two years, unless the table holds that many already.
    Most are completed; those of the last weeks wait at the Steunpunt or the Weegploeg."""
    if Signal.objects.count() >= count:
        return 0
    if Signal.objects.exists():
        raise RuntimeError("the database holds some signals but fewer than asked; start afresh")
    w = _signal_world(seed)
    started = time.perf_counter()
    done = 0
    while done < count:
        n = min(SIGNAL_BATCH, count - done)
        _write_signals(w, done, n, count)
        done += n
        if progress is not None:
            progress(f"{done:>9,} / {count:,} signals  {time.perf_counter() - started:6.1f} s")
    for model in (Signal, Signal.themes.through, TriageDecision):
        _analyze(model._meta.db_table)
    return done


def _write_signals(w: _World, offset: int, n: int, count: int) -> None:
    signals = Table(
        Signal,
        ["id", "reference", "kind", "observation", "person_first_name", "person_last_name",
         "person_date_of_birth", "person_area_id", "person_id", "source_organisation_id",
         "urgency", "recorded_by_id", "recorded_on_behalf_of", "stage", "status", "handler_id",
         "session_id", "created_at", "updated_at", "stage_since", "forwarded_at", "closed_at",
         "closing_reason", "version"],
    )  # fmt: skip
    themes = Table(Signal.themes.through, ["signal_id", "theme_id"])
    decisions = Table(
        TriageDecision,
        ["signal_id", "session_id", "outcome", "motivation", "decided_by_id", "decided_at"],
    )
    rng, staff = w.rng, w.staff
    for k, signal_id in enumerate(reserve_ids(Signal, n)):
        # Spread evenly over two years, the newest last; recent ones are still open.
        age = timedelta(days=DAYS * (1 - (offset + k + 0.5) / count))
        created = w.now - age - timedelta(minutes=rng.randint(0, 600))
        consultation = rng.random() < 0.1
        first = last = ""
        dob = None
        area = person = None
        if not consultation:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            dob = (created - timedelta(days=rng.randint(12 * 365, 40 * 365))).date()
            area = rng.choice(w.areas)
        stage, status, forwarded, closed, session, outcome = _fate(w, created, consultation)
        if outcome == Outcome.INSTROOM and w.persons:
            person = rng.choice(w.persons)
        signals.add(
            signal_id,
            f"SIG-{timezone.localtime(created).year}-{offset + k + 1:06d}",
            Signal.Kind.CONSULTATION if consultation else Signal.Kind.SIGNAL,
            rng.choice(SENTENCES),
            first,
            last,
            dob,
            area,
            person,
            rng.choice(w.sources),
            Signal.Urgency.HIGH if rng.random() < 0.08 else Signal.Urgency.NORMAL,
            staff.steunpunt,
            "melder (bench)",
            stage,
            status,
            staff.steunpunt if status != Status.ONTVANGEN else None,
            session,
            created,
            closed or forwarded or created,
            closed or forwarded or created,
            forwarded,
            closed,
            "Advies gegeven." if stage == Stage.AFGEROND and not outcome else "",
            1,
        )
        themes.add(signal_id, rng.choice(w.themes))
        if outcome:
            decisions.add(signal_id, session, outcome, "Gewogen.", staff.weegploeg, closed)
    with transaction.atomic():
        signals.write()
        themes.write()
        decisions.write()


def _fate(
    w: _World, created: datetime, consultation: bool
) -> tuple[str, str, datetime | None, datetime | None, int | None, str]:
    """Stage, status, forwarded and closed moments, session and outcome of a signal."""
    rng = w.rng
    waited = (w.now - created).days
    # A working queue, not two weeks of signals at this volume: about a hundred are open.
    if waited < 12 and rng.random() < OPEN_SHARE:
        if consultation or rng.random() < 0.6:
            return Stage.STEUNPUNT, rng.choice(list(Status)[:2]), None, None, None, ""
        forwarded = created + timedelta(days=rng.randint(0, 2))
        session = _session(w, forwarded) if rng.random() < 0.5 else None
        return Stage.WEEGPLOEG, Status.IN_BEHANDELING, forwarded, None, session, ""
    forwarded = created + timedelta(days=rng.randint(1, 4))
    session = _session(w, forwarded)
    day = w.session_days.get(session or 0)
    if consultation or rng.random() < 0.35 or day is None or day >= w.now.date():
        # Completed by the Steunpunt (so is a recent one not among the open: its sitting is
        # still ahead, and the open ones are few on purpose).
        closed = created + timedelta(days=rng.randint(1, 6))
        return Stage.AFGEROND, Status.AFGEROND, None, min(closed, w.now), None, ""
    closed = max(forwarded, timezone.make_aware(datetime.combine(day, datetime.min.time())))
    outcome = rng.choices(list(Outcome), [30, 25, 30, 15])[0]
    return Stage.AFGEROND, Status.AFGEROND, forwarded, closed, session, outcome


def _session(w: _World, after: datetime) -> int | None:
    day = timezone.localtime(after).date()
    for shift in range(8):
        pk = w.sessions.get(day + timedelta(days=shift))
        if pk is not None:
            return pk
    return None


def _analyze(table: str) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
