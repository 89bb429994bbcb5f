from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEAMLEIDER = "teamleider", _("team leader")
    PROGRAMMA = "programmamedewerker", _("programme team member")
    REGISSEUR = "regisseur", _("case director")
    PROJECTLEIDER = "projectleider", _("district project leader")
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", _("designated contact")
    STEUNPUNT = "steunpunt", _("Steunpunt member")
    WEEGPLOEG = "weegploeg", _("Weegploeg member")
    PARTNER = "partner", _("partner organisation user")
    SECRETARIS = "secretaris", _("secretary")
    WOO = "woo", _("Woo coordinator")
    AUDITOR = "auditor", _("privacy officer / auditor")
    BEHEERDER = "beheerder", _("functional administrator")


# The regie team: the roles that direct cases and see them beyond need-to-know sharing.
REGIE_TEAM = frozenset({Role.TEAMLEIDER, Role.PROGRAMMA, Role.REGISSEUR})
# Roles through which an organisation's staff can work on a case as intervention partner.
PARTNER_ROLES = frozenset({Role.PROJECTLEIDER, Role.AANDACHTSFUNCTIONARIS, Role.PARTNER})
# Roles with rights over other people's data or accounts: resetting such an account needs a
# functional administrator as the second person, never a team leader.
ELEVATED_ROLES = frozenset({Role.AUDITOR, Role.BEHEERDER})


class User(AbstractUser):
    """A person who logs in. Roles come from memberships, never from Django's flags."""

    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Whether this account can log in. Deactivate or reactivate it with the actions on "
            "the user list; accounts are not deleted."
        ),
    )
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by 'regie demo'; such accounts are refused outside development."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def active_memberships(self) -> list[Membership]:
        """Current memberships, loaded once per request (the user object is per request)."""
        # Through the model's manager rather than ``self.memberships``: building the related
        # manager on every request cost a fifth of this query's time.
        return list(
            Membership.objects.current()
            .filter(user_id=self.pk)
            .select_related("organisation", "team")
            .order_by("-is_primary", "id")
        )

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.active_memberships)

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def has_any_role(self) -> bool:
        return bool(self.active_memberships)

    def in_regie_team(self) -> bool:
        return self.has_role(*REGIE_TEAM)

    def is_functional_admin(self) -> bool:
        # Django's superuser flag is only a bootstrap for the very first administrator.
        return self.is_superuser or self.has_role(Role.BEHEERDER)

    def has_elevated_rights(self) -> bool:
        return self.is_superuser or self.has_role(*ELEVATED_ROLES)

    @property
    def primary_membership(self) -> Membership | None:
        memberships = self.active_memberships
        return memberships[0] if memberships else None

    def audit_identity(self) -> tuple[str, str]:
        membership = self.primary_membership
        if membership is None:
            return ("", "")
        return (membership.role, membership.organisation.name)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: date | None = None) -> MembershipQuerySet:
        """The memberships in force ``on`` a day (today by default): started, and not ended
        before it. The one definition of "current" every selector uses."""
        day = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class Membership(models.Model):
    """Gives a user a role in an organisation, optionally within one of its teams."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    team = models.ForeignKey(
        "organisations.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    function_title = models.CharField(_("function"), max_length=120, blank=True)
    is_primary = models.BooleanField(_("primary"), default=True)
    starts_on = models.DateField(_("starts on"), default=date.today)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "-is_primary", "id"]
        indexes = [models.Index(fields=["user", "ends_on"], name="membership_user_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        team = f" / {self.team}" if self.team_id else ""
        return f"{self.user}: {self.get_role_display()} ({self.organisation}{team})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A membership cannot end before it starts.")
        team = self.team if self.team_id else None
        if (
            team is not None
            and self.organisation_id
            and team.organisation_id != self.organisation_id
        ):
            errors["team"] = _("This team does not belong to the chosen organisation.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def where(self) -> str:
        """The organisation, and the team when there is one: "Gemeente Amsterdam / Pool"."""
        return f"{self.organisation} / {self.team}" if self.team_id else str(self.organisation)


class UserSession(models.Model):
    """Sessions per user, so deactivation and logout-everywhere can end them all."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"


# The product owner's decision: a reset needs its second person within 24 hours.
RESET_APPROVAL_WINDOW = timedelta(hours=24)


class ResetRequest(models.Model):
    """A request to reset another account's password or second factor (four eyes).

    Nothing happens to the account until a second person approves; see docs/permissions.md.
    """

    class Kind(models.TextChoices):
        PASSWORD = "password", _("password")
        SECOND_FACTOR = "second_factor", _("second factor")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved and carried out")
        REJECTED = "rejected", _("rejected")
        EXPIRED = "expired", _("expired")

    target = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="reset_requests"
    )
    kind = models.CharField(_("what to reset"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("reset request")
        verbose_name_plural = _("reset requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Two open requests for the same reset would let one approval hide another.
            models.UniqueConstraint(
                fields=["target", "kind"],
                condition=Q(status="pending"),
                name="resetrequest_one_pending",
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="resetrequest_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def expires_at(self) -> datetime:
        return self.requested_at + RESET_APPROVAL_WINDOW

    def is_expired(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def is_open(self) -> bool:
        """Still waiting and within its window: only then can it be approved."""
        return self.status == self.Status.PENDING and not self.is_expired()

    @property
    def shown_status(self) -> str:
        # Until `regie resets expire` marks it, a request past its window is expired all the same.
        if self.status == self.Status.PENDING and self.is_expired():
            return str(self.Status.EXPIRED.label)
        return str(self.get_status_display())
