"""Intervention partners under the covenant: who may work on which case, and see what."""

from __future__ import annotations

import uuid
from datetime import date

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


class JoinRequest(models.Model):
    """A partner's request to join a case, kept for every number typed (issue 10, point 1).

    Whether the number names an open case, a closed one or none at all, the partner gets the
    same record and sees the same status until the regie team decides or the request expires;
    only a request that matches an open case creates a registration for the regie team to
    decide on. The record holds no purpose or contact details (those go into that registration),
    so an unmatched request keeps nothing beyond the number, who asked and when.
    """

    class PartnerStatus(models.TextChoices):
        """What the partner reads; never whether the number matched a case."""

        REQUESTED = "aangevraagd", _("requested")
        GRANTED = "toegekend", _("granted")
        REJECTED = "afgewezen", _("rejected")
        EXPIRED = "verlopen", _("expired")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="join_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    case_number = models.CharField(_("case number"), max_length=20)
    expires_on = models.DateField(_("expires on"))
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("partner registration"),
        null=True,
        blank=True,
        # Retention deletes a case with its registrations; the partner's own record of having
        # asked stays until it is removed with the other old requests.
        on_delete=models.SET_NULL,
        related_name="join_request",
    )

    class Meta:
        verbose_name = _("request to join a case")
        verbose_name_plural = _("requests to join a case")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "requested_at"], name="joinrequest_org_idx"),
            models.Index(fields=["expires_on"], name="joinrequest_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.case_number}"

    def audit_case_id(self) -> str:
        # Only a matched request names a case in the log; the typed number of an unmatched one
        # is in the denied ``partners.registration.request_unmatched`` event.
        registration = self.registration
        return str(registration.case.number) if registration is not None else ""

    def partner_status(self, today: date) -> str:
        registration = self.registration
        if registration is not None and registration.decided_at is not None:
            if registration.status == Registration.Status.REJECTED:
                return self.PartnerStatus.REJECTED
            return self.PartnerStatus.GRANTED
        # Undecided, whether matched or not: the same text, and the same expiry date.
        if today <= self.expires_on:
            return self.PartnerStatus.REQUESTED
        return self.PartnerStatus.EXPIRED
