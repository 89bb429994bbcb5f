"""The case timeline: what happened to a case, stored untranslated and rendered in the
reader's language. Every service that changes a case writes here in its own transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from regie.cases.models import Case, TimelineEvent

if TYPE_CHECKING:
    from regie.accounts.models import User


def record(
    case: Case,
    kind: str,
    actor: User | None,
    summary: str,
    reason: str = "",
    **params: Any,
) -> None:
    """Store the untranslated message and its parameters; the timeline renders them in the
    reader's language (see ``TimelineEvent.text``)."""
    TimelineEvent.objects.create(
        params=params,
        case=case,
        kind=kind,
        at=timezone.now(),
        actor=actor if actor else None,
        summary=summary[:300],
        reason=reason,
    )


def add_timeline_event(
    *, case: Case, kind: str, actor: User | None, summary: str, reason: str = "", **params: Any
) -> None:
    """For other apps (partners, interventions): ``summary`` is an untranslated msgid
    (``gettext_noop``) with ``%(name)s`` parameters; a ``name`` parameter is hidden outside the
    regie team on protected cases."""
    record(case, kind, actor, summary, reason, **params)
