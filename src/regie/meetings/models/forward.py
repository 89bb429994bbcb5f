"""The termijnagenda (forward agenda) and calendar feed tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.dates import short_date
from regie.meetings.models.series import Meeting, MeetingSeries
from regie.organisations.models import Team


class TermItem(models.Model):
    """A forward agenda (termijnagenda) entry."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        INTERVISIE = "intervisie", _("peer review (intervisie)")
        BIJEENKOMST = "bijeenkomst", _("meeting")
        TEAMUITJE = "teamuitje", _("team outing")
        OTHER = "other", _("other")

    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="term_items",
    )
    subject = models.CharField(_("subject"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    audience_teams = models.ManyToManyField(
        Team, verbose_name=_("audience (teams)"), blank=True, related_name="+"
    )
    audience_roles = models.JSONField(_("audience (roles)"), default=list, blank=True)
    period_text = models.CharField(_("when"), max_length=200, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    to_plan = models.BooleanField(_("still to be planned"), default=False)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="term_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forward agenda item")
        verbose_name_plural = _("forward agenda items")
        ordering = ["period_start", "id"]

    def __str__(self) -> str:
        return self.subject


class TermDate(models.Model):
    item = models.ForeignKey(
        TermItem,
        verbose_name=_("forward agenda item"),
        on_delete=models.CASCADE,
        related_name="dates",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"), null=True, blank=True)
    end_time = models.TimeField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["date", "start_time", "id"]

    def __str__(self) -> str:
        return short_date(self.date)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedToken(models.Model):
    """A revocable secret for a calendar feed: calendar apps cannot sign in, so the URL carries
    the credential. Only its hash is stored; a series feed is checked against the user's access
    each time it is read, so leaving the team ends it too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    series = models.ForeignKey(
        MeetingSeries,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for the personal feed.",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed {self.pk} of {self.user_id}"

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)
