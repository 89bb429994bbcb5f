"""One generated case's life, as the services would have recorded it: the person, registration,
assignment, phase changes, journal, ZRM assessments, tasks, flags and a few audited reads, with
a timeline event and an audit event for every change. Rows go into the chunk's ``Batch``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings

from regie.bench.fiction import (
    AGE_DAYS,
    FIRST_NAMES,
    JOURNAL_MEAN,
    LAST_NAMES,
    PATH,
    PHASE_MIX,
    SENTENCES,
    SUMMARIES,
    TASKS,
    USER_AGENT,
    ZRM_NOTES,
    normalise,
)
from regie.bench.world import AMSTERDAM, Actor, World
from regie.bench.writing import Batch, Stats, reserve_ids
from regie.cases.models import (
    Case,
    JournalEntry,
    Person,
    Phase,
    Task,
    TimelineEvent,
    Visibility,
    ZrmAssessment,
)
from regie.cases.names import Name
from regie.cases.vocabulary import Cases
from regie.core.dates import add_years
from regie.core.vocabulary import read_of


@dataclass
class Plan:
    """The dates of what happens on one case, decided before ids are reserved."""

    opened: date
    end: date
    journal: list[date]
    zrm: list[date]
    tasks: list[tuple[str, str, date, date | None]]


class Generator:
    def __init__(self, world: World, rng: random.Random, today: date) -> None:
        self.world = world
        self.rng = rng
        self.today = today
        self.prefix = str(getattr(settings, "REGIE_CASE_PREFIX", "PGA"))
        self.retention_years = int(getattr(settings, "REGIE_RETENTION_YEARS", 5))
        self.numbers: dict[int, int] = {}
        # Persons whose cases are all closed (id, district, closed on): some come back later
        # with a new case.
        self.returning: list[tuple[int, int, date]] = []
        self.bsn_stem = 99_900_000
        self.timeline_params = any(f.name == "params" for f in TimelineEvent._meta.concrete_fields)
        self.batch = Batch(self.timeline_params)

    # -- helpers --

    def _moment(self, day: date, hour_from: int = 7, hour_to: int = 17) -> datetime:
        seconds = self.rng.randint(hour_from * 3600, hour_to * 3600)
        micro = self.rng.randint(0, 999_999)
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return midnight + timedelta(seconds=seconds, microseconds=micro)

    def _day_between(self, start: date, end: date) -> date:
        span = (end - start).days
        return start + timedelta(days=self.rng.randint(0, max(0, span)))

    def _number(self, opened: date) -> str:
        seq = self.numbers.get(opened.year, 0) + 1
        self.numbers[opened.year] = seq
        return f"{self.prefix}-{opened.year}-{seq:04d}"

    def _bsn(self) -> str:
        """The next unused BSN in the 999xxxxxx test range that passes the elfproef."""
        while True:
            self.bsn_stem += 1
            stem = f"{self.bsn_stem:08d}"
            check = sum(int(d) * w for d, w in zip(stem, range(9, 1, -1), strict=True)) % 11
            if check < 10:
                return stem + str(check)

    def _tl(
        self,
        case_id: int,
        kind: str,
        at: datetime,
        actor: Actor | None,
        summary: str,
        reason: str = "",
        **params: Any,
    ) -> None:
        actor_id = actor.user_id if actor else None
        if self.timeline_params:
            self.batch.timeline.add(case_id, kind, at, actor_id, summary, reason, params)
        else:
            self.batch.timeline.add(case_id, kind, at, actor_id, (summary % params)[:300], reason)

    def _ev(
        self,
        at: datetime,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: int | str,
        case_number: str = "",
        changes: dict[str, Any] | None = None,
    ) -> None:
        self.batch.events.append(
            {
                "occurred_at": at,
                "actor_id": actor.user_id,
                "actor": actor.username,
                "on_behalf_of": "",
                "role": actor.role,
                "organisation": AMSTERDAM,
                "action": action,
                "object_type": object_type,
                "object_id": str(object_id),
                "case_id": case_number,
                "result": "ok",
                "ip": f"10.20.{self.rng.randint(0, 15)}.{self.rng.randint(1, 254)}",
                "user_agent": USER_AGENT,
                "request_id": f"{self.rng.getrandbits(128):032x}",
                "changes": changes or {},
            }
        )

    # -- one chunk --

    def build(self, count: int, stats: Stats) -> Batch:
        """The rows of the next ``count`` cases, with their ids reserved."""
        rng = self.rng
        self.batch = batch = Batch(self.timeline_params)
        batch.cases_count = count
        phases = rng.choices([p for p, _ in PHASE_MIX], [w for _, w in PHASE_MIX], k=count)
        # One id per case; a returning person leaves a gap in the sequence, which is harmless.
        person_ids = iter(reserve_ids(Person, count))
        case_ids = reserve_ids(Case, count)
        plans = [self._plan(phase) for phase in phases]
        journal_ids = iter(reserve_ids(JournalEntry, sum(len(p.journal) for p in plans)))
        zrm_ids = iter(reserve_ids(ZrmAssessment, sum(len(p.zrm) for p in plans)))
        task_ids = iter(reserve_ids(Task, sum(len(p.tasks) for p in plans)))
        for case_id, phase, plan in zip(case_ids, phases, plans, strict=True):
            returning = None
            if self.returning and rng.random() < 0.08:
                pick = rng.randrange(len(self.returning))
                if self.returning[pick][2] < plan.opened:
                    returning = self.returning.pop(pick)
            self._case(case_id, phase, returning, plan, person_ids, journal_ids, zrm_ids, task_ids)
            stats.persons += int(returning is None)
        stats.cases += count
        return batch

    def _plan(self, phase: str) -> Plan:
        rng = self.rng
        low, high = AGE_DAYS[phase]
        opened = self.today - timedelta(days=rng.randint(low, high))
        if phase == Phase.AFGESLOTEN:
            end = min(self.today - timedelta(days=1), opened + timedelta(rng.randint(120, 1500)))
        else:
            end = self.today
        n_journal = max(1, round(rng.gauss(JOURNAL_MEAN[phase], 5)))
        journal = sorted(self._day_between(opened, end) for _ in range(n_journal))
        if phase == Phase.AANMELDING:
            n_zrm = 0
        elif phase == Phase.INSTROOM:
            n_zrm = 1
        elif phase == Phase.NAZORG:
            n_zrm = 4
        else:
            n_zrm = 3 + int(rng.random() < 0.35)
        span = max(1, (end - opened).days)
        zrm = [
            opened + timedelta(days=min(span, 20 + k * max(30, span // (n_zrm + 1))))
            for k in range(n_zrm)
        ]
        tasks: list[tuple[str, str, date, date | None]] = []
        if phase == Phase.AFGESLOTEN:
            for _ in range(rng.randint(2, 3)):
                due = self._day_between(opened, end)
                tasks.append((Task.Kind.FOLLOW_UP, rng.choice(TASKS), due, due))
        else:
            if phase != Phase.AANMELDING:
                due = self.today + timedelta(days=rng.randint(-20, 90))
                tasks.append((Task.Kind.REVIEW, "Evaluatie plan van aanpak", due, None))
                past = self._day_between(opened, self.today)
                tasks.append((Task.Kind.REVIEW, "Evaluatie plan van aanpak", past, past))
            for _ in range(rng.randint(0, 2)):
                due = self.today + timedelta(days=rng.randint(-15, 45))
                done = due if due < self.today and rng.random() < 0.6 else None
                tasks.append((Task.Kind.FOLLOW_UP, rng.choice(TASKS), due, done))
        return Plan(opened, end, journal, zrm, tasks)

    def _case(
        self,
        case_id: int,
        phase: str,
        returning: tuple[int, int, date] | None,
        plan: Plan,
        person_ids: Any,
        journal_ids: Any,
        zrm_ids: Any,
        task_ids: Any,
    ) -> None:
        rng = self.rng
        world = self.world
        tl = world.teamleider
        opened, end = plan.opened, plan.end
        area = rng.choices(world.areas, world.area_weights)[0]
        unassigned = phase in (Phase.AANMELDING, Phase.INSTROOM) and rng.random() < 0.3
        regisseur = (
            None if unassigned else rng.choices(world.regisseurs, world.regisseur_weights)[0]
        )
        director = regisseur or tl
        number = self._number(opened)
        created = self._moment(opened)

        # Person: new, or one whose earlier case closed before this one opened.
        if returning is None:
            person_id = next(person_ids)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            age = min(70, 14 + int(rng.expovariate(1 / 9)))
            dob = None
            if rng.random() > 0.05:
                dob = opened - timedelta(days=age * 365 + rng.randint(0, 364))
            bsn = self._bsn() if rng.random() < 0.2 else ""
            given_key, surname_key = Name(first, last).keys
            self.batch.persons.add(
                person_id,
                first,
                last,
                dob,
                bsn,
                area,
                normalise(f"{first} {last}"),
                given_key,
                surname_key,
                created,
            )
            self._ev(created, tl, Cases.PERSON_CREATE, "cases.person", person_id)
        else:
            person_id, area, _closed = returning
        if phase == Phase.AFGESLOTEN and rng.random() < 0.3:
            self.returning.append((person_id, area, end))

        theme = rng.choices(world.themes, world.theme_weights)[0]
        self._tl(case_id, TimelineEvent.Kind.CREATED, created, tl, "Case registered")
        self._ev(
            created,
            tl,
            Cases.CASE_CREATE,
            "cases.case",
            case_id,
            number,
            {"phase": [None, Phase.AANMELDING], "theme": [None, world.theme_names[theme]]},
        )
        version = 1
        if regisseur is not None:
            at = created + timedelta(minutes=rng.randint(5, 600))
            self._tl(
                case_id,
                TimelineEvent.Kind.ASSIGNMENT,
                at,
                tl,
                "Assigned to %(name)s",
                name=regisseur.full_name,
            )
            self._ev(
                at,
                tl,
                Cases.CASE_ASSIGN,
                "cases.case",
                case_id,
                number,
                {"regisseur": [None, regisseur.username]},
            )
            version += 1

        # Phase changes along the path, spread over the case's life.
        steps = PATH[: PATH.index(phase) + 1] if phase != Phase.AFGESLOTEN else None
        if steps is None:
            steps = PATH[: rng.choices([1, 2, 3, 4], [5, 10, 40, 45])[0]]
        targets = [*steps[1:], *([Phase.AFGESLOTEN] if phase == Phase.AFGESLOTEN else [])]
        span = max(1, (end - opened).days)
        phase_since = created
        closing: tuple[int, str] | None = None
        for k, target in enumerate(targets, start=1):
            day = opened + timedelta(days=min(span, span * k // (len(targets) + 1)))
            if target == Phase.AFGESLOTEN:
                day = end
            at = self._moment(day)
            source = steps[k - 1] if k - 1 < len(steps) else steps[-1]
            params: dict[str, Any] = {"source": source, "target": target}
            summary = "Phase: %(source)s → %(target)s"
            if target == Phase.AFGESLOTEN:
                closing = rng.choice(world.reasons)
                params["closing_reason"] = closing[1]
                summary = "Phase: %(source)s → %(target)s (%(closing_reason)s)"
            self._tl(
                case_id,
                TimelineEvent.Kind.PHASE,
                at,
                director,
                summary,
                "Besproken in het casusoverleg.",
                **params,
            )
            self._ev(
                at,
                director,
                Cases.CASE_TRANSITION,
                "cases.case",
                case_id,
                number,
                {"phase": [source, target]},
            )
            phase_since = at
            version += 1

        # Journal
        for day in plan.journal:
            entry_id = next(journal_ids)
            category_id, category = rng.choice(world.categories)
            author = director if rng.random() < 0.9 else tl
            at = self._moment(day)
            text = " ".join(rng.sample(SENTENCES, rng.randint(1, 4)))
            # Regie team only: sharing with partners needs registered partners (not generated).
            visibility = Visibility.REGIE_TEAM.value
            self.batch.journal.add(
                entry_id, case_id, day, author.user_id, category_id, text, visibility, 1, at, at
            )
            self._tl(
                case_id,
                TimelineEvent.Kind.JOURNAL,
                at,
                author,
                "Journal entry: %(category)s",
                category=category,
            )
            self._ev(at, author, Cases.JOURNAL_CREATE, "cases.journalentry", entry_id, number)

        # ZRM: a base profile that improves a little with every assessment.
        base = {d: rng.randint(1, 4) for d in world.domains}
        for k, day in enumerate(plan.zrm):
            zrm_id = next(zrm_ids)
            at = self._moment(day)
            self.batch.assessments.add(
                zrm_id, case_id, day, director.user_id, rng.choice(ZRM_NOTES), at
            )
            for domain, score in base.items():
                self.batch.scores.add(
                    zrm_id, domain, max(1, min(5, score + k // 2 + rng.randint(-1, 1)))
                )
            self._tl(
                case_id,
                TimelineEvent.Kind.ZRM,
                at,
                director,
                "ZRM assessment of %(date)s",
                date=day.isoformat(),
            )
            self._ev(at, director, Cases.ZRM_CREATE, "cases.zrmassessment", zrm_id, number)

        # Tasks; the next review date is the earliest open review task (as the services keep it).
        next_review: date | None = None
        for kind, title, due, done in plan.tasks:
            task_id = next(task_ids)
            made = self._moment(max(opened, min(due, self.today) - timedelta(days=14)))
            self.batch.tasks.add(task_id, case_id, kind, title, due, director.user_id, done, made)
            self._tl(
                case_id,
                TimelineEvent.Kind.TASK,
                made,
                director,
                "Task: %(title)s (due %(due)s)",
                title=title,
                due=due.isoformat(),
            )
            self._ev(made, director, Cases.TASK_CREATE, "cases.task", task_id, number)
            if done is not None:
                at = self._moment(done)
                self._tl(
                    case_id,
                    TimelineEvent.Kind.TASK,
                    at,
                    director,
                    "Task done: %(title)s",
                    title=title,
                )
                self._ev(at, director, Cases.TASK_COMPLETE, "cases.task", task_id, number)
            elif kind == Task.Kind.REVIEW and (next_review is None or due < next_review):
                next_review = due

        # Flags on open cases.
        if phase != Phase.AFGESLOTEN:
            chosen = [
                code
                for code, p in (
                    ("familiebijeenkomst", 0.06),
                    ("veiligheidsrisico", 0.03),
                    ("media", 0.01),
                )
                if code in world.flags and rng.random() < p
            ]
            if chosen:
                at = self._moment(self._day_between(opened, self.today))
                for code in chosen:
                    flag_id, flag_name = world.flags[code]
                    self.batch.case_flags.add(case_id, flag_id)
                    self._tl(
                        case_id,
                        TimelineEvent.Kind.FLAG,
                        at,
                        director,
                        "Flag set: %(flag)s",
                        flag=flag_name,
                    )
                self._ev(
                    at,
                    director,
                    Cases.CASE_FLAGS,
                    "cases.case",
                    case_id,
                    number,
                    {"flags": [[], sorted(chosen)]},
                )
                version += 1

        # A few audited reads of the case page.
        for _ in range(rng.randint(1, 5)):
            at = self._moment(self._day_between(opened, end))
            self._ev(at, director, read_of(Cases.VIEW), "cases.case", case_id, number)

        closed_on = end if phase == Phase.AFGESLOTEN else None
        delete_after = add_years(end, self.retention_years) if closed_on else None
        self.batch.cases.add(
            case_id,
            number,
            person_id,
            theme,
            area,
            regisseur.user_id if regisseur else None,
            phase,
            phase_since,
            opened,
            closed_on,
            closing[0] if closing else None,
            delete_after,
            next_review,
            rng.choice(SUMMARIES),
            version,
            created,
            max(phase_since, created),
        )
