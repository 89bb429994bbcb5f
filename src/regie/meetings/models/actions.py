"""The actielijst: actions, their sub-actions and owners."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.meetings.models.minutes import AgendaItem
from regie.meetings.models.series import Meeting, MeetingSeries, person_name


class Action(models.Model):
    """A row of the actielijst: raised at a meeting, made of one or more sub-actions."""

    series = models.ForeignKey(
        MeetingSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="actions"
    )
    raised_on = models.DateField(_("raised on"))
    raised_at = models.ForeignKey(
        Meeting,
        verbose_name=_("raised at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_raised",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    subject = models.CharField(_("subject"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["raised_on", "id"]
        indexes = [models.Index(fields=["series", "raised_on"], name="action_series_raised")]

    def __str__(self) -> str:
        return self.subject


class SubAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="subactions"
    )
    position = models.PositiveIntegerField(default=0)
    description = models.TextField(_("action"))
    due_text = models.CharField(
        _("due"),
        max_length=200,
        blank=True,
        help_text=_("A date or a period as people write it: 27 mei, z.s.m., Q3 2021, jaarlijks."),
    )
    due_start = models.DateField(null=True, blank=True)
    due_end = models.DateField(null=True, blank=True)
    due_kind = models.CharField(max_length=20, blank=True)
    recurring = models.BooleanField(_("yearly"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    reminded_for = models.DateField(
        null=True, blank=True, help_text="The due date a reminder was last sent for."
    )
    follows = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_by",
        help_text="For a yearly action: last year's sub-action this one re-opens.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("sub-action")
        verbose_name_plural = _("sub-actions")
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["due_end"], condition=Q(status="open"), name="subaction_open_due"),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def period_understood(self) -> bool:
        return self.due_end is not None or self.recurring or not self.due_text

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_end is not None and today > self.due_end


class ActionOwner(models.Model):
    subaction = models.ForeignKey(
        SubAction, verbose_name=_("sub-action"), on_delete=models.CASCADE, related_name="owners"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_ownerships",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="owner_has_identity"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return person_name(self.user, self.name)
