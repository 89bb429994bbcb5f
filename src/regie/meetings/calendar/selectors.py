"""Reads of the calendar feeds."""

from __future__ import annotations

from typing import Any

from regie.meetings.models import FeedToken


def active_feeds(user: Any) -> dict[int | None, FeedToken]:
    """The user's feeds that work, by series id (``None``: the personal feed)."""
    return {
        token.series_id: token
        for token in FeedToken.objects.filter(user=user, revoked_at__isnull=True)
    }
