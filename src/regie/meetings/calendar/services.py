"""Writes for calendar feeds: issuing and revoking feed tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from regie.core import audit, policy
from regie.meetings.models import (
    FeedToken,
    MeetingSeries,
    hash_token,
)
from regie.meetings.recording import record
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def issue_feed_token(series: MeetingSeries | None = None, *, actor: User) -> str:
    """A new secret feed URL; an earlier one for the same feed is revoked. The secret is shown
    once and only its hash is kept."""
    if series is not None:
        policy.check(actor, Meetings.VIEW, series)
    revoke_feed_token(series, actor=actor)
    secret = FeedToken.new_secret()
    token = FeedToken.objects.create(user=actor, series=series, token_hash=hash_token(secret))
    record(Meetings.FEED_ISSUE, actor, token)
    return secret


@transaction.atomic
def revoke_feed_token(series: MeetingSeries | None = None, *, actor: User) -> int:
    revoked = FeedToken.objects.filter(user=actor, series=series, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit.record(
            action=Meetings.FEED_REVOKE,
            actor=actor,
            object_type="meetings.feedtoken",
            changes={"series": series.pk if series else None},
        )
    return revoked
