"""Meeting series, meetings and their attendance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.dates import short_date
from regie.organisations.models import Team

if TYPE_CHECKING:
    from regie.accounts.models import User

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


def person_name(user: User | None, name: str) -> str:
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
