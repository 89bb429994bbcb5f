"""Reads of the calendar feeds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from regie.meetings.models import FeedToken

if TYPE_CHECKING:
    from regie.accounts.models import User


def active_feeds(user: User) -> dict[int | None, FeedToken]:
    """The user's feeds that work, by series id (``None``: the personal feed)."""
    return {
        token.series_id: token
        for token in FeedToken.objects.filter(user=user, revoked_at__isnull=True)
    }
