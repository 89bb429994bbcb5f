"""Calendar feeds.

The feed itself (``feed``) is public: calendar apps fetch it without a session, so the secret in
the URL is the credential. It is looked up by its hash; an unknown, revoked or foreign token, an
inactive user, and a series feed of a user who is no longer in the series all get the same 404,
so the response never says whether a token ever existed. Every read is audited with the token's
user as the actor (the token's id, never the secret).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from regie.core import audit, policy
from regie.core.http import AuthenticatedRequest
from regie.core.policy import public, requires
from regie.meetings.calendar import feeds, selectors, services
from regie.meetings.minutes.selectors import series_for
from regie.meetings.models import FeedToken, MeetingSeries, hash_token
from regie.meetings.vocabulary import Meetings

# --- Termijnagenda ------------------------------------------------------------------------------


def _feed_url(request: HttpRequest, secret: str) -> str:
    return request.build_absolute_uri(reverse("meetings:feed", args=[secret]))


@dataclass(frozen=True)
class SeriesFeed:
    """A series on the feed settings page, with its working feed if the user has one."""

    series: MeetingSeries
    feed: FeedToken | None


def _target(request: HttpRequest, series_list: list[MeetingSeries]) -> MeetingSeries | None:
    """The series a post is about (``None``: the personal feed); only series the user can
    see, any other id is "not found"."""
    if not request.POST.get("series"):
        return None
    target = next((s for s in series_list if str(s.pk) == request.POST["series"]), None)
    if target is None:
        raise Http404
    return target


@requires(Meetings.ACTIONS)
def feed_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Create, renew and revoke one's calendar feeds. A new URL is shown once, right after it
    was made: only its hash is kept, so it cannot be shown again."""
    user = request.user
    series_list = list(series_for(user))
    new_url = ""
    new_for: MeetingSeries | None = None
    if request.method == "POST":
        target = _target(request, series_list)
        if request.POST.get("do") == "revoke":
            if services.revoke_feed_token(target, actor=user):
                messages.success(request, _("The calendar link no longer works."))
            return redirect("meetings:feeds")
        new_url = _feed_url(request, services.issue_feed_token(target, actor=user))
        new_for = target
    active = selectors.active_feeds(user)
    response = render(
        request,
        "meetings/calendar/feeds.html",
        {
            "series_list": [SeriesFeed(series, active.get(series.pk)) for series in series_list],
            "personal": active.get(None),
            "new_url": new_url,
            "new_for": new_for,
            "new_is_personal": bool(new_url) and new_for is None,
        },
    )
    if new_url:
        # The page holds a secret: keep it out of every cache.
        response["Cache-Control"] = "no-store"
    return response


@public
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = (
        FeedToken.objects.select_related("user", "series")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    user = found.user
    # Access is re-checked on every read: a user who left the series' teams loses the feed.
    if found.series is not None and not policy.permits(user, Meetings.VIEW, found.series):
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        if found.series is not None:
            calendar = feeds.series_calendar(user, found.series, request.build_absolute_uri)
        else:
            calendar = feeds.personal_calendar(user, request.build_absolute_uri)
    audit.record(
        action=Meetings.FEED_READ,
        actor=user,
        obj=found,
        changes={"series": found.series_id},
        independent=True,
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = 'inline; filename="regie.ics"'
    return response
