"""Team meetings: series, meetings with their attendance, agenda and minutes, decisions, the
actielijst and the termijnagenda.

Minutes go from concept to *ter vaststelling* to *vastgesteld*; adoption is recorded at a later
meeting of the same series (``MinutesAdoption``) and locks the minutes, after which a change is
only possible as an ``Erratum``. Actions belong to the series, not to one meeting: they are
raised at a meeting and roll from meeting to meeting until done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.dates import short_date
from regie.organisations.models import Team

# The items every new meeting of a series starts with, unless the series says otherwise. The
# key marks the items the product itself works with: the agenda is adopted under "opening",
# the previous minutes and the open actions come up under "previous_minutes".
STANDING_OPENING = "opening"
STANDING_PREVIOUS_MINUTES = "previous_minutes"
STANDING_CLOSING = "closing"
DEFAULT_TEMPLATE: list[dict[str, object]] = [
    {"key": STANDING_OPENING, "title": "Agenda en mededelingen", "minutes": 5},
    {
        "key": STANDING_PREVIOUS_MINUTES,
        "title": "Vaststellen verslag vorige vergadering + actualiseren actielijst",
        "minutes": 10,
    },
    {"key": STANDING_CLOSING, "title": "WVTTK en sluiting", "minutes": 5},
]


def person_name(user: Any, name: str) -> str:
    """Attendees and action owners are a user or, for someone without an account, a name."""
    if user is not None:
        return str(user.get_full_name() or user.get_username())
    return name


class MeetingSeries(models.Model):
    """A recurring meeting such as "iPGA-R Teamoverleg". Members of its teams get access."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    team = models.ForeignKey(
        Team,
        verbose_name=_("owning team"),
        on_delete=models.PROTECT,
        related_name="meeting_series",
    )
    other_teams = models.ManyToManyField(
        Team,
        verbose_name=_("participating teams"),
        blank=True,
        related_name="+",
        help_text=_("Members of these teams also take part and see the series."),
    )
    description = models.TextField(_("description"), blank=True)
    default_location = models.CharField(_("usual place"), max_length=200, blank=True)
    template = models.JSONField(
        _("standing agenda"),
        default=list,
        blank=True,
        help_text=_("The items a new meeting starts with."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before due)"),
        default=7,
        help_text=_("Owners of an open action get an e-mail this many days before it is due."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The standing agenda is a list of items with a title; ``key`` and ``minutes`` are
        optional (the keys the product knows are opening, previous_minutes and closing)."""
        template = self.template or []
        valid = isinstance(template, list) and all(
            isinstance(entry, dict)
            and isinstance(entry.get("title"), str)
            and entry["title"].strip()
            and isinstance(entry.get("key", ""), str)
            and isinstance(entry.get("minutes", 0), int)
            for entry in template
        )
        if not valid:
            raise ValidationError(
                {
                    "template": _(
                        'Write the standing agenda as a list such as [{"title": "Agenda en '
                        'mededelingen", "key": "opening", "minutes": 5}].'
                    )
                }
            )

    def standing_items(self) -> list[dict[str, object]]:
        return list(self.template) if self.template else list(DEFAULT_TEMPLATE)


class Meeting(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft minutes")
        SUBMITTED = "ter_vaststelling", _("submitted for adoption")
        ADOPTED = "vastgesteld", _("adopted")

    series = models.ForeignKey(
        MeetingSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"), null=True, blank=True)
    end_time = models.TimeField(_("end"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minute-taker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("minutes status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    submitted_at = models.DateTimeField(_("submitted for adoption at"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_document = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The minutes as adopted (documents.snapshot): what exports use from then on.",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["series", "-date"], name="meeting_series_date")]

    def __str__(self) -> str:
        return f"{self.series.name} {short_date(self.date)}"

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def minutes_locked(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def minutes_read_only(self) -> bool:
        """Out for adoption or adopted: nothing in the minutes changes until they are taken back
        to draft (out for adoption) or, once adopted, ever (an erratum is added instead)."""
        return self.status != self.Status.CONCEPT

    @property
    def starts_at(self) -> dt.datetime:
        """The start in local time; without a start time the meeting starts on its day."""
        moment = dt.datetime.combine(self.date, self.start_time or dt.time.min)
        return timezone.make_aware(moment)

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at


class Attendee(models.Model):
    """An invitee: a member, a user from another organisation, or an external name."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("member")
        GUEST = "guest", _("guest")

    class Presence(models.TextChoices):
        INVITED = "invited", _("invited")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        ALSO_PRESENT = "also_present", _("also present")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendees"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("For someone without an account.")
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role_title = models.CharField(_("role"), max_length=200, blank=True)
    kind = models.CharField(_("invited as"), max_length=10, choices=Kind.choices)
    presence = models.CharField(
        _("attendance"), max_length=20, choices=Presence.choices, default=Presence.INVITED
    )
    absence_reason = models.CharField(_("sent apologies"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="attendee_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="attendee_has_identity"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return person_name(self.user, self.name)

    @property
    def attended(self) -> bool:
        return self.presence in (self.Presence.PRESENT, self.Presence.ALSO_PRESENT)


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
