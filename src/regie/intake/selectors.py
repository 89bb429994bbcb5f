"""Reads of signals: the Steunpunt's queue and overdue list, the Weegploeg's list, and what a
submitter may know about their own signals. Each list is a fixed number of queries (plain rows
plus one query for the themes of all rows), whatever the number of signals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When
from django.utils import timezone

from regie.core import audit, policy
from regie.core.vocabulary import view_of
from regie.intake.models import (
    ServiceLevel,
    Signal,
    SignalMessage,
    Stage,
    Status,
    TriageSession,
)
from regie.intake.vocabulary import Intake

if TYPE_CHECKING:
    from regie.accounts.models import User
    from regie.core.http import Actor

# When the beheerder has not set a service level for a stage (migration 0002 installs these).
DEFAULT_DAYS = {Stage.STEUNPUNT: 5, Stage.WEEGPLOEG: 10}


@dataclass(frozen=True)
class QueueRow:
    pk: int
    reference: str
    kind: str
    urgency: str
    status: str
    stage: str
    created_at: datetime
    stage_since: datetime
    handler: str
    session_date: date | None
    session_pk: int | None
    themes: tuple[str, ...]
    age_days: int
    allowed_days: int

    @property
    def overdue(self) -> bool:
        return self.age_days > self.allowed_days

    @property
    def kind_label(self) -> str:
        return str(Signal.Kind(self.kind).label)

    @property
    def urgency_label(self) -> str:
        return str(Signal.Urgency(self.urgency).label)


def service_days() -> dict[str, int]:
    days: dict[str, int] = {str(k): v for k, v in DEFAULT_DAYS.items()}
    days.update(ServiceLevel.objects.values_list("stage", "days"))
    return days


def _themes(ids: list[int]) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = defaultdict(list)
    through = Signal.themes.through.objects.filter(signal_id__in=ids)
    for signal_id, name in through.order_by("theme__name").values_list("signal_id", "theme__name"):
        names[signal_id].append(name)
    return {k: tuple(v) for k, v in names.items()}


def _rows(signals: QuerySet[Signal], today: date | None = None) -> list[QueueRow]:
    today = today or timezone.localdate()
    days = service_days()
    raw = list(
        signals.values_list(
            "pk",
            "reference",
            "kind",
            "urgency",
            "status",
            "stage",
            "created_at",
            "stage_since",
            "handler__first_name",
            "handler__last_name",
            "session__date",
            "session_id",
        )
    )
    themes = _themes([r[0] for r in raw])
    rows = []
    for pk, ref, kind, urgency, status, stage, created, since, first, last, on, sid in raw:
        age = (today - timezone.localtime(since).date()).days
        rows.append(
            QueueRow(
                pk,
                ref,
                kind,
                urgency,
                status,
                stage,
                created,
                since,
                # No handler yet: the joined names are NULL.
                f"{first or ''} {last or ''}".strip(),
                on,
                sid,
                themes.get(pk, ()),
                age,
                days.get(stage, 0),
            )
        )
    return rows


def _urgent_first(signals: QuerySet[Signal]) -> QuerySet[Signal]:
    rank = When_(
        When(urgency=Signal.Urgency.HIGH, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return signals.annotate(rank=rank).order_by("rank", "stage_since", "pk")


def steunpunt_queue(user: Actor, today: date | None = None) -> list[QueueRow]:
    """The signals at the Steunpunt, urgent first, then the oldest first."""
    policy.check(user, Intake.QUEUE)
    signals = policy.visible(user, Signal).filter(stage=Stage.STEUNPUNT)
    return _rows(_urgent_first(signals), today)


def weegploeg_list(user: Actor, today: date | None = None) -> list[QueueRow]:
    """The signals forwarded to the Weegploeg and not yet decided, the oldest first."""
    policy.check(user, Intake.TRIAGE)
    signals = policy.visible(user, Signal).filter(stage=Stage.WEEGPLOEG)
    return _rows(_urgent_first(signals), today)


def session_rows(user: Actor, session: TriageSession, today: date | None = None) -> list[QueueRow]:
    """The signals of one triage session (decided ones too: the session's record)."""
    policy.check(user, Intake.TRIAGE)
    signals = policy.visible(user, Signal).filter(session=session)
    return _rows(_urgent_first(signals), today)


def overdue(user: Actor, today: date | None = None) -> list[QueueRow]:
    """Open signals (either stage the user sees) that have waited longer than their stage's
    service level."""
    policy.check(user, Intake.SIGNAL_VIEW)
    signals = policy.visible(user, Signal).exclude(stage=Stage.AFGEROND)
    return [row for row in _rows(_urgent_first(signals), today) if row.overdue]


@dataclass(frozen=True)
class OwnRow:
    """What a submitter may know about a signal: no stage, no handler, no outcome, no case."""

    reference: str
    kind: str
    status: str
    created_at: datetime
    open_question: bool

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def kind_label(self) -> str:
        return str(Signal.Kind(self.kind).label)


def own_signals(user: User) -> list[OwnRow]:
    """The user's own signals, newest first (two queries)."""
    policy.check(user, Intake.OWN_SIGNALS)
    raw = list(
        Signal.objects.filter(submitter_id=user.pk)
        .order_by("-created_at", "-pk")
        .values_list("pk", "reference", "kind", "status", "created_at")
    )
    waiting = _open_questions([r[0] for r in raw])
    return [
        OwnRow(ref, kind, status, created, pk in waiting) for pk, ref, kind, status, created in raw
    ]


def _open_questions(ids: list[int]) -> set[int]:
    """Signals whose last question has no answer after it."""
    last: dict[int, tuple[str, datetime]] = {}
    rows = (
        SignalMessage.objects.filter(signal_id__in=ids)
        .exclude(kind=SignalMessage.Kind.ADVICE)
        .order_by("signal_id", "created_at", "pk")
        .values_list("signal_id", "kind", "created_at")
    )
    for signal_id, kind, created in rows:
        last[signal_id] = (kind, created)
    return {pk for pk, (kind, _at) in last.items() if kind == SignalMessage.Kind.QUESTION}


@dataclass(frozen=True)
class OwnSignal:
    pk: int
    row: OwnRow
    observation: str
    messages: list[tuple[str, str, datetime]]  # kind, text, created


def own_signal(user: User, reference: str) -> OwnSignal | None:
    """One of the user's own signals with its thread; ``None`` for any other reference (the
    page answers 404, the same as for one that does not exist). Not through ``visible``: the
    ``Signal`` scope leaves submitters out on purpose (``rules``)."""
    signal = Signal.objects.filter(submitter_id=user.pk, reference=reference).first()
    if signal is None:
        # Logged as ``policy.get_for_user`` logs a row outside the scope: the same for another's
        # signal and for one that does not exist.
        audit.record(
            action=view_of(Signal._meta.label_lower),
            actor=user,
            object_type=Signal._meta.label_lower,
            object_id=f"reference={reference}",
            result=audit.DENIED,
            independent=True,
        )
        return None
    if not policy.authorize(user, Intake.OWN_SIGNALS, signal):
        return None
    audit.note_read(signal)
    messages = list(
        SignalMessage.objects.filter(signal=signal).values_list("kind", "text", "created_at")
    )
    row = OwnRow(
        signal.reference,
        signal.kind,
        signal.status,
        signal.created_at,
        signal.pk in _open_questions([signal.pk]),
    )
    return OwnSignal(signal.pk, row, signal.observation, messages)


@dataclass(frozen=True)
class Age:
    days: int
    allowed_days: int

    @property
    def overdue(self) -> bool:
        return self.days > self.allowed_days


def age_of(signal: Signal, today: date | None = None) -> Age:
    """How long ``signal`` has been in its stage, against that stage's service level."""
    today = today or timezone.localdate()
    days = (today - timezone.localtime(signal.stage_since).date()).days
    # A completed signal waits for no one: no service level applies to it.
    return Age(days, service_days().get(signal.stage, days))
