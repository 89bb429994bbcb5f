"""Intervention partners under the covenant: who may work on which case, and see what."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InformationCategory(models.Model):
    """A kind of information that a registration can share (configurable)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("information category")
        verbose_name_plural = _("information categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    """The covenant form: an organisation takes part in one case as intervention partner."""

    class Status(models.TextChoices):
        REQUESTED = "aangevraagd", _("requested")
        ACTIVE = "actief", _("active")
        ENDED = "beeindigd", _("ended")
        EXPIRED = "verlopen", _("expired")
        REJECTED = "afgewezen", _("rejected")

    # The id in every URL. Random, so that ids say nothing about how many registrations exist
    # or which ones belong to whom; the sequential primary key never leaves the server.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="registrations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    purpose = models.TextField(_("purpose"))
    categories = models.ManyToManyField(
        InformationCategory, verbose_name=_("shared information"), blank=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_details = models.CharField(_("contact details"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("partner registration")
        verbose_name_plural = _("partner registrations")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "starts_on", "ends_on"],
                name="registration_access_idx",
            ),
            models.Index(fields=["case", "status"], name="registration_case_idx"),
            models.Index(fields=["status", "ends_on"], name="registration_expiry_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(status__in=["aangevraagd", "actief"]),
                name="registration_one_open_per_partner",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="registration_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.case_id}"

    def audit_case_id(self) -> str:
        return str(self.case.number)
