"""Bulk generator of fictional cases for the performance benchmark (``regie bench generate``).

Realistic shapes, written fast: no services and no per-row saves. Rows are built in memory per
chunk of cases and written with PostgreSQL ``COPY`` (``bulk_create`` on other databases), with
primary keys reserved from the tables' own sequences so children can point at their parents.

What a case gets (averages): ~20 journal entries, ~3 ZRM assessments with a score for every
life domain, ~3 tasks, a timeline event and an audit event for every change the services would
have recorded (registration, assignment, phase changes, journal, ZRM, tasks, flags) and a few
audited reads. The audit rows continue the hash chain: each chunk starts with one event written
through the kernel's audit façade (which takes the chain lock until the chunk commits), and the
chunk's events are chained onto it with ``compute_hash`` and inserted in that order, so
``regie audit verify`` holds afterwards. This bulk insert is the one place besides the façade
that writes audit rows; it only ever runs on a benchmark database.

Every name is invented by combining common first and last names; no real person is described.
BSNs come from the 999xxxxxx range, which is used for test data and passes the elfproef.
"""

from __future__ import annotations

import json
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, Role, User
from regie.audit.chain import compute_hash
from regie.audit.models import AuditEvent
from regie.cases.models import (
    Case,
    ClosingReason,
    FlagType,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Person,
    Phase,
    Task,
    Theme,
    TimelineEvent,
    Visibility,
    ZrmAssessment,
    ZrmScore,
)
from regie.cases.vocabulary import Cases
from regie.core import audit as audit_log
from regie.core.dates import add_years
from regie.core.vocabulary import Kernel, read_of
from regie.organisations.models import Organisation, Team

USER_PREFIX = "bench-"
TEAMLEIDER = f"{USER_PREFIX}teamleider"
REGISSEURS = 15
AMSTERDAM = "Gemeente Amsterdam"

# Districts weighted roughly by where the programme's cases come from.
STADSDELEN: list[tuple[str, int]] = [
    ("Stadsdeel Centrum", 6),
    ("Stadsdeel Nieuw-West", 22),
    ("Stadsdeel Noord", 14),
    ("Stadsdeel Oost", 12),
    ("Stadsdeel West", 11),
    ("Stadsdeel Zuid", 7),
    ("Stadsdeel Zuidoost", 14),
    ("Stadsdeel Weesp", 1),
]
AMSTELLAND: list[tuple[str, int]] = [
    ("Gemeente Aalsmeer", 2),
    ("Gemeente Amstelveen", 5),
    ("Gemeente Diemen", 3),
    ("Gemeente Ouder-Amstel", 1),
    ("Gemeente Uithoorn", 2),
]

# fmt: off
FIRST_NAMES = [
    "Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Milan", "Bram", "Thijs", "Ruben", "Jesse",
    "Luuk", "Sven", "Jens", "Tim", "Stijn", "Joep", "Mees", "Teun", "Guus", "Yassin", "Amir",
    "Bilal", "Ayoub", "Ilias", "Omar", "Rayan", "Ibrahim", "Mohamed", "Adam", "Hamza", "Anas",
    "Youssef", "Soufiane", "Mehmet", "Emre", "Burak", "Kerem", "Yusuf", "Mustafa", "Çağan",
    "Ömer", "Şükrü", "Gökhan", "Jayden", "Dylan", "Kevin", "Mitchell", "Rodney", "Shurwin",
    "Quincy", "Mark", "Jeroen", "Pieter", "Koen", "René", "André", "José", "Noël", "Sanne",
    "Lisa", "Fleur", "Nora", "Mila", "Zoë", "Chloé", "Anouk", "Sara", "Selin", "Emma", "Julia",
    "Tess", "Sophie", "Lotte", "Eva", "Noor", "Lieke", "Iris", "Yasmina", "Fatima", "Salma",
    "Imane", "Aya", "Hajar", "Nisrine", "Büşra", "Elif", "Zeynep", "Gülşen", "Ayşe", "Naomi",
    "Shanice", "Chantal", "Mireille", "Hélène", "Inês", "Anaïs", "Maëlle", "Renée", "Dewi",
    "Priya", "Anjali",
]
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
    "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "Kaya", "Yılmaz", "Öztürk", "Çelik",
    "Şahin", "Doğan", "Demir", "Aydın", "Arslan", "Koç", "Kurt", "Özdemir", "Kılıç", "Benali",
    "Bouzid", "El Idrissi", "El Amrani", "Ait Taleb", "Haddou", "Ouali", "Tahiri", "Zerouali",
    "Boukhari", "El Khatib", "Azzouzi", "Pinas", "Doelwijt", "Sedney", "Biharie", "Ramdin",
    "Mohan", "Santos", "Gonçalves", "Müller", "Nowak", "Kowalski", "Lefèvre", "Brandão",
    "Nuñez", "Hoogendoorn", "Wijnaldum", "Sanchez", "Ferreira", "Amrani", "Boumediane",
    "Chaïbi", "Mahabier", "Ramautar", "Tjon-A-Fat", "Kartosen",
]
# fmt: on
REGISSEUR_NAMES = [
    ("Youssef", "Amrani"),
    ("Sanne", "de Wit"),
    ("Marloes", "Kuipers"),
    ("Hakan", "Yücel"),
    ("Ilse", "Veenstra"),
    ("Dennis", "Groenewegen"),
    ("Nadia", "El Ouali"),
    ("Jasper", "Timmermans"),
    ("Rachida", "Bennani"),
    ("Wouter", "Kramer"),
    ("Esther", "Vermeer"),
    ("Kofi", "Mensah"),
    ("Annelies", "Bouma"),
    ("Tarik", "Chahid"),
    ("Mirjam", "Zwart"),
]

SENTENCES = [
    "Huisbezoek afgelegd samen met de wijkagent.",
    "Betrokkene was open over de dagbesteding en de contacten online.",
    "Telefonisch contact met moeder; zij maakt zich zorgen over nieuwe vrienden.",
    "Casusoverleg met GGD en reclassering: afgesproken om een mentor in te zetten.",
    "Betrokkene is gestart met een traject bij het leerwerkbedrijf.",
    "Afspraak afgezegd door betrokkene; nieuwe afspraak gepland over twee weken.",
    "Overleg met school: de aanwezigheid is verbeterd.",
    "De zorgcoördinator van school blijft betrokken.",
    "Informatie ontvangen van de woningcorporatie over overlast.",
    "Gesprek gevoerd met een sleutelfiguur uit de wijk, die bereid is mee te denken.",
    "Schuldhulpverlening aangevraagd; de intake staat gepland.",
    "Evaluatie plan van aanpak: doelen op werk en huisvesting deels behaald.",
    "Signalen van de jongerenwerker besproken in het Steunpunt.",
    "Betrokkene heeft de afspraak bij de psycholoog nagekomen.",
    "De mentor meldt dat het contact goed verloopt.",
    "Afgesproken dat de regisseur contact opneemt met de huisarts.",
    "Zus van betrokkene aanwezig bij het gesprek; zij steunt het plan.",
    "Uitkering is aangevraagd en inmiddels toegekend.",
    "Tijdens het gesprek kwamen uitspraken op sociale media ter sprake.",
    "Betrokkene wil graag een opleiding in de techniek starten.",
    "Terugkoppeling gegeven aan de melder, zonder inhoudelijke details.",
    "Geen nieuwe signalen ontvangen sinds het vorige overleg.",
    "Het netwerk rond betrokkene is in kaart gebracht.",
    "Familiebijeenkomst voorbereid met de ouders.",
]
SUMMARIES = [
    "Aangemeld via het Steunpunt na signalen van school en wijkteam.",
    "Melding van de politie na uitingen op sociale media.",
    "Aangemeld door de reclassering in aanloop naar de vrijlating.",
    "Zorgen van familie over een snelle verandering in gedrag en contacten.",
    "Signalen van de jongerenwerker over deelname aan besloten online groepen.",
]
ZRM_NOTES = ["Afgenomen tijdens huisbezoek.", "Samen met de mentor ingevuld.", ""]
TASKS = [
    "Contact opnemen met school",
    "Terugkoppeling aan de melder",
    "Overleg met de wijkagent plannen",
    "Aanvraag schuldhulpverlening controleren",
    "Huisbezoek plannen",
    "Verslag casusoverleg rondsturen",
]
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/138.0.0.0 Safari/537.36"
)

# Phase mix of a running programme: most cases in regie or nazorg, a fifth closed.
PHASE_MIX: list[tuple[str, int]] = [
    (Phase.AANMELDING, 5),
    (Phase.INSTROOM, 10),
    (Phase.REGIE, 40),
    (Phase.NAZORG, 25),
    (Phase.AFGESLOTEN, 20),
]
JOURNAL_MEAN: dict[str, int] = {
    Phase.AANMELDING: 3,
    Phase.INSTROOM: 8,
    Phase.REGIE: 22,
    Phase.NAZORG: 26,
    Phase.AFGESLOTEN: 22,
}
# Days since registration, per phase (how long such a case has typically been running).
AGE_DAYS: dict[str, tuple[int, int]] = {
    Phase.AANMELDING: (1, 45),
    Phase.INSTROOM: (20, 150),
    Phase.REGIE: (90, 1400),
    Phase.NAZORG: (300, 2400),
    Phase.AFGESLOTEN: (200, 2900),
}
PATH: list[str] = [Phase.AANMELDING, Phase.INSTROOM, Phase.REGIE, Phase.NAZORG]


class Refused(Exception):
    """The database is not one the generator may fill."""


def normalise(text: str) -> str:
    """The same normalisation as ``Person.search_name`` (lower case, no accents)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def ensure_allowed(*, not_production: bool) -> None:
    if not settings.DEBUG and not not_production:
        raise Refused(
            "refused: REGIE_DEBUG=0. This fills the database with fictional cases; run it "
            "with REGIE_DEBUG=1 or pass --i-know-this-is-not-production."
        )
    others = User.objects.exclude(username__startswith=USER_PREFIX)
    if others.exists():
        raise Refused(
            f"refused: the database holds {others.count()} account(s) that are not bench "
            f"accounts ({USER_PREFIX}*); use a separate database such as regie_bench."
        )


def existing_cases() -> int:
    return Case.objects.count()


# --- Writing rows -------------------------------------------------------------------------


class Table:
    """Rows for one model, written with COPY on PostgreSQL and bulk_create elsewhere.

    ``attnames`` are the columns the generator fills; every other concrete field gets its
    default, so a field added later with a default does not break the generator.
    """

    def __init__(self, model: type[models.Model], attnames: Sequence[str]) -> None:
        self.model = model
        by_name = {f.attname: f for f in model._meta.concrete_fields}
        missing = [name for name in attnames if name not in by_name]
        if missing:
            raise RuntimeError(f"{model.__name__} has no field(s) {missing}")
        self.names = list(attnames)
        self.fields = [by_name[name] for name in attnames]
        self.extra: list[tuple[models.Field[Any, Any], Any]] = []
        for f in model._meta.concrete_fields:
            if (
                f.attname in attnames
                or f.primary_key
                or getattr(f, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
            ):
                continue
            self.extra.append((f, _default(f)))
        self.json = [isinstance(f, models.JSONField) for f in self.fields]
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def write(self) -> int:
        count = len(self.rows)
        if count:
            if connection.vendor == "postgresql":
                self._copy()
            else:
                self._bulk_create()
        self.rows = []
        return count

    def _copy(self) -> None:
        quote = connection.ops.quote_name
        columns = [f.column for f in self.fields] + [f.column for f, _ in self.extra]
        extra = tuple(_for_copy(f, value) for f, value in self.extra)
        json_at = [i for i, is_json in enumerate(self.json) if is_json]
        sql = (
            f"COPY {quote(self.model._meta.db_table)} "
            f"({', '.join(quote(c) for c in columns)}) FROM STDIN"
        )
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in self.rows:
                if json_at:
                    values = list(row)
                    for i in json_at:
                        values[i] = json.dumps(values[i], ensure_ascii=False)
                    copy.write_row((*values, *extra))
                else:
                    copy.write_row((*row, *extra))

    def _bulk_create(self) -> None:
        extra = {f.attname: value for f, value in self.extra}
        objects = [
            self.model(**extra, **dict(zip(self.names, row, strict=True))) for row in self.rows
        ]
        self.model._default_manager.bulk_create(objects, batch_size=500)


def _default(f: models.Field[Any, Any]) -> Any:
    if f.has_default():
        return f.get_default()
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return timezone.now()
    if f.null:
        return None
    raise RuntimeError(
        f"regie.bench does not know how to fill {f.model.__name__}.{f.name}; "
        "add it to regie/bench/generator.py"
    )


def _for_copy(f: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(f, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    return value


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for ``count`` new rows, taken from the table's own sequence."""
    if count == 0:
        return []
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
    start = (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    start = max(start, _LOCAL_NEXT.get(table, 1))
    _LOCAL_NEXT[table] = start + count
    return list(range(start, start + count))


_LOCAL_NEXT: dict[str, int] = {}


# --- The world: organisations, users, configuration -----------------------------------------


@dataclass
class Actor:
    user_id: int
    username: str
    full_name: str
    role: str


@dataclass
class World:
    areas: list[int]
    area_weights: list[int]
    themes: list[int]
    theme_names: dict[int, str]
    theme_weights: list[int]
    flags: dict[str, tuple[int, str]]
    categories: list[tuple[int, str]]
    domains: list[int]
    reasons: list[tuple[int, str]]
    teamleider: Actor
    regisseurs: list[Actor]
    regisseur_weights: list[float]


@transaction.atomic
def build_world(rng: random.Random) -> World:
    amsterdam, _ = Organisation.objects.get_or_create(
        name=AMSTERDAM, defaults={"kind": Organisation.Kind.GEMEENTE}
    )
    areas: list[int] = []
    weights: list[int] = []
    for name, weight in STADSDELEN:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.STADSDEEL, "parent": amsterdam}
        )
        areas.append(org.pk)
        weights.append(weight)
    for name, weight in AMSTELLAND:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.AMSTELLAND}
        )
        areas.append(org.pk)
        weights.append(weight)

    # In their teams, as the demo's and a real programme's staff are.
    pool, programme = (
        Team.objects.get_or_create(organisation=amsterdam, name=name, defaults={"kind": kind})[0]
        for name, kind in (
            ("Regisseurspool iPGA-R", Team.Kind.REGISSEURSPOOL),
            ("Programmateam iPGA-R", Team.Kind.PROGRAMMATEAM),
        )
    )
    teamleider = _bench_user(
        TEAMLEIDER, "Marieke", "van Dalen", Role.TEAMLEIDER, amsterdam, programme
    )
    regisseurs = [
        _bench_user(f"{USER_PREFIX}regisseur{i:02d}", first, last, Role.REGISSEUR, amsterdam, pool)
        for i, (first, last) in enumerate(REGISSEUR_NAMES[:REGISSEURS], start=1)
    ]
    themes = list(Theme.objects.filter(is_active=True).order_by("order", "name"))
    if not themes:
        raise RuntimeError("no themes: run the migrations first")
    flags = {f.code: (f.pk, f.name) for f in FlagType.objects.all()}
    categories = [(c.pk, c.name) for c in JournalCategory.objects.filter(is_active=True)]
    domains = [d.pk for d in LifeDomain.objects.filter(is_active=True)]
    reasons = [(r.pk, r.name) for r in ClosingReason.objects.filter(is_active=True)]
    if not (categories and domains and reasons):
        raise RuntimeError("journal categories, life domains or closing reasons are missing")
    return World(
        areas=areas,
        area_weights=weights,
        themes=[t.pk for t in themes],
        theme_names={t.pk: t.name for t in themes},
        # The first themes in the configured order are the most frequent.
        theme_weights=[max(1, 40 - 8 * i) for i in range(len(themes))],
        flags=flags,
        categories=categories,
        domains=domains,
        reasons=reasons,
        teamleider=teamleider,
        regisseurs=regisseurs,
        # Caseloads are not perfectly balanced.
        regisseur_weights=[rng.uniform(0.7, 1.3) for _ in regisseurs],
    )


def _bench_user(
    username: str, first: str, last: str, role: str, organisation: Organisation, team: Team
) -> Actor:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, is_demo=True)
        user.set_unusable_password()
        user.save()
    Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"function_title": "Bench", "team": team},
    )
    # A confirmed second factor, so the benchmark can open a verified session.
    TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    return Actor(user.pk, username, user.get_full_name(), role)


# --- Cases ----------------------------------------------------------------------------------


@dataclass
class Stats:
    cases: int = 0
    persons: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    write_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def count(self, name: str, n: int, seconds: float = 0.0) -> None:
        self.rows[name] = self.rows.get(name, 0) + n
        self.write_seconds[name] = self.write_seconds.get(name, 0.0) + seconds


@dataclass
class Plan:
    """The dates of what happens on one case, decided before ids are reserved."""

    opened: date
    end: date
    journal: list[date]
    zrm: list[date]
    tasks: list[tuple[str, str, date, date | None]]


# fmt: off
AUDIT_FIELDS = [
    "occurred_at", "actor_id", "actor", "on_behalf_of", "role", "organisation", "action",
    "object_type", "object_id", "case_id", "result", "ip", "user_agent", "request_id",
    "changes", "prev_hash", "hash",
]
# fmt: on


class Batch:
    """The rows of one chunk of cases, in the order they are written."""

    def __init__(self, timeline_params: bool) -> None:
        self.cases_count = 0
        # fmt: off
        self.persons = Table(Person, [
            "id", "first_name", "last_name", "date_of_birth", "bsn", "area_id", "search_name",
            "created_at",
        ])
        self.cases = Table(Case, [
            "id", "number", "person_id", "theme_id", "area_id", "regisseur_id", "phase",
            "phase_since", "opened_on", "closed_on", "closing_reason_id", "delete_after",
            "next_review_on", "summary", "version", "created_at", "updated_at",
        ])
        self.case_flags = Table(Case.flags.through, ["case_id", "flagtype_id"])
        self.journal = Table(JournalEntry, [
            "id", "case_id", "occurred_on", "author_id", "category_id", "text", "visibility",
            "version", "created_at", "updated_at",
        ])
        self.tasks = Table(Task, [
            "id", "case_id", "kind", "title", "due_on", "assignee_id", "done_on", "created_at",
        ])
        self.assessments = Table(ZrmAssessment, [
            "id", "case_id", "assessed_on", "assessor_id", "note", "created_at",
        ])
        # fmt: on
        self.scores = Table(ZrmScore, ["assessment_id", "domain_id", "score"])
        timeline_fields = ["case_id", "kind", "at", "actor_id", "summary", "reason"]
        if timeline_params:
            timeline_fields.append("params")
        self.timeline = Table(TimelineEvent, timeline_fields)
        self.audit = Table(AuditEvent, AUDIT_FIELDS)
        # Audit events without their hashes: those are chained on when the batch is written.
        self.events: list[dict[str, Any]] = []

    def tables(self) -> list[tuple[str, Table]]:
        return [
            ("persons", self.persons),
            ("cases", self.cases),
            ("case flags", self.case_flags),
            ("journal entries", self.journal),
            ("ZRM assessments", self.assessments),
            ("ZRM scores", self.scores),
            ("tasks", self.tasks),
            ("timeline events", self.timeline),
        ]


def write_batch(batch: Batch, stats: Stats) -> None:
    """One transaction per batch. The batch's audit events are chained onto the head of the log
    while holding its lock: the first event goes through the façade (which takes the lock until
    this transaction commits), the others follow it with ``compute_hash``, in id order."""
    with transaction.atomic():
        for name, table in batch.tables():
            started = time.perf_counter()
            stats.count(name, table.write(), time.perf_counter() - started)
        started = time.perf_counter()
        audit_log.record(
            action=Kernel.BENCH_GENERATE,
            actor_name="regie bench generate",
            changes={"cases": batch.cases_count},
        )
        head = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        if head is None:
            raise RuntimeError("the audit log has no head after writing to it")
        prev = head
        for values in batch.events:
            values["prev_hash"] = prev
            values["hash"] = prev = compute_hash(values)
            batch.audit.add(*(values[name] for name in AUDIT_FIELDS))
        batch.events = []
        stats.count("audit events", batch.audit.write() + 1, time.perf_counter() - started)
        started = time.perf_counter()
    # Commit: the deferred foreign-key checks run here.
    stats.count("(commit)", 0, time.perf_counter() - started)


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
            self.batch.persons.add(
                person_id, first, last, dob, bsn, area, normalise(f"{first} {last}"), created
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


def generate(
    *,
    cases: int,
    seed: int = 2026,
    chunk: int = 1000,
    progress: Callable[[str], None] | None = None,
) -> Stats:
    """Add ``cases`` fictional cases (with everything attached) to an empty case table.

    On PostgreSQL the next chunk is built while the previous one is written by a second
    thread (on its own connection), so Python and the database each keep a core busy.
    """
    existing = existing_cases()
    if existing:
        raise Refused(
            f"refused: the database already holds {existing:,} cases; generate into a fresh "
            "database (drop it, or pick another BENCH_DATABASE_URL)"
        )
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - fictional benchmark data, not security
    world = build_world(rng)
    gen = Generator(world, rng, timezone.localdate())
    stats = Stats()
    done = 0

    def report() -> None:
        if progress is not None:
            elapsed = time.perf_counter() - started
            rate = stats.cases / elapsed if elapsed else 0.0
            progress(f"{done:>8,} / {cases:,} cases  {elapsed:7.1f} s  ({rate:,.0f} cases/s)")

    if connection.vendor != "postgresql":
        while done < cases:
            n = min(chunk, cases - done)
            write_batch(gen.build(n, stats), stats)
            done += n
            report()
    else:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-writer") as writer:
            pending: Future[None] | None = None
            while done < cases:
                n = min(chunk, cases - done)
                batch = gen.build(n, stats)
                if pending is not None:
                    pending.result()
                    report()
                pending = writer.submit(_write_in_thread, batch, stats)
                done += n
            if pending is not None:
                pending.result()
            writer.submit(_close_connection).result()
        report()
    analyze()
    stats.seconds = time.perf_counter() - started
    return stats


def _write_in_thread(batch: Batch, stats: Stats) -> None:
    write_batch(batch, stats)


def _close_connection() -> None:
    connection.close()


def analyze() -> None:
    """Fresh planner statistics and visibility maps after a bulk load (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    tables = [
        m._meta.db_table
        for m in (
            Person,
            Case,
            Case.flags.through,
            JournalEntry,
            ZrmAssessment,
            ZrmScore,
            Task,
            TimelineEvent,
            AuditEvent,
        )
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
