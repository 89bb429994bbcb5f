"""The agenda and the minutes: agenda items, minute points, decisions, adoption and errata."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.meetings.models.series import Attendee, Meeting


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", _("standard")
        PRESENTATION = "presentation", _("presentation")
        DECISION = "decision", _("for decision")
        DEFERRED = "deferred", _("deferred")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    standing = models.CharField(max_length=30, blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Left out of what guests see and of exports for guests."),
    )
    notes = models.TextField(_("minutes text"), blank=True)
    deferred = models.BooleanField(
        _("deferred"), default=False, help_text=_("Moves on to the next meeting's agenda.")
    )
    deferred_from = models.ForeignKey(
        "self",
        verbose_name=_("deferred from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deferred_to",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "deferred_from"],
                condition=Q(deferred_from__isnull=False),
                name="item_deferred_once_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class MinutePoint(models.Model):
    """A point of discussion under an agenda item, attributed to a speaker."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="points"
    )
    position = models.PositiveIntegerField(default=0)
    speaker = models.ForeignKey(
        Attendee,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="points",
    )
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("point")
        verbose_name_plural = _("points")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Decision(models.Model):
    """A BESLUIT: a first-class record, listed in the series' besluitenlijst."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["meeting", "position"], name="decision_meeting")]

    def __str__(self) -> str:
        return self.text[:60]


class MinutesAdoption(models.Model):
    """What a later meeting did with earlier minutes under its "Vaststellen verslag" item."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        ADOPTED_WITH_CHANGES = "adopted_with_changes", _("adopted with changes")
        DEFERRED = "deferred", _("deferred")

    minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("minutes of"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("at meeting"),
        on_delete=models.CASCADE,
        related_name="adoptions_made",
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    changes = models.TextField(_("changes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adoption of minutes")
        verbose_name_plural = _("adoptions of minutes")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.minutes_of} → {self.outcome}"


class Erratum(models.Model):
    """A correction to adopted minutes: the minutes themselves stay as adopted."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="errata"
    )
    text = models.TextField(_("correction"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("erratum")
        verbose_name_plural = _("errata")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
