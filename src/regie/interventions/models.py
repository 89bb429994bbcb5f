"""The interventiepallet: versioned catalogues of interventions, the change requests that shape
the next version, and the interventions agreed on a case."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from regie.organisations.models import Organisation


def new_lineage(name: str = "") -> str:
    """A key that follows one intervention through every catalogue version."""
    stem = slugify(name)[:40]
    suffix = uuid.uuid4().hex[:8]
    return f"{stem}-{suffix}" if stem else suffix


class Domain(models.TextChoices):
    ZORG = "zorg", _("care")
    VEILIGHEID = "veiligheid", _("safety")
    BEIDE = "beide", _("care and safety")


class CatalogueVersion(models.Model):
    """One edition of the pallet, e.g. "Basispallet 2026". Exactly one is current; archived
    versions stay readable because case interventions keep pointing at their rows."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CURRENT = "current", _("current")
        ARCHIVED = "archived", _("archived")

    name = models.CharField(_("name"), max_length=120, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_on = models.DateField(
        _("yearly review on"),
        help_text=_("The date of the yearly review; a reminder shows a month before."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="current"),
                name="catalogue_one_current",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.CURRENT


class Intervention(models.Model):
    version = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("catalogue version"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    lineage = models.CharField(
        _("lineage"),
        max_length=64,
        help_text=_("The same key in every version: follows one intervention through time."),
    )
    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    typical_partner_kind = models.CharField(
        _("typical executing partner"),
        max_length=32,
        choices=Organisation.Kind.choices,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Retired interventions stay in the version that retired them, inactive."),
    )

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["version", "is_active", "name"], name="intervention_version_idx"),
            models.Index(fields=["lineage"], name="intervention_lineage_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "lineage"], name="intervention_one_per_line"
            ),
            models.UniqueConstraint(fields=["version", "name"], name="intervention_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ChangeRequest(models.Model):
    """A wijzigingsverzoek: add, change or retire an intervention in the next version."""

    class Kind(models.TextChoices):
        ADD = "add", _("addition")
        CHANGE = "change", _("change")
        RETIRE = "retire", _("retirement")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    target = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    name = models.CharField(_("proposed name"), max_length=200, blank=True)
    domain = models.CharField(
        _("proposed domain"), max_length=20, choices=Domain.choices, blank=True
    )
    typical_partner_kind = models.CharField(
        _("proposed executing partner"),
        max_length=32,
        choices=Organisation.Kind.choices,
        blank=True,
    )
    description = models.TextField(_("proposed description"), blank=True)
    motivation = models.TextField(_("motivation"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)
    applied_in = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("applied in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applied_changes",
    )

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["status", "applied_in"], name="change_request_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="add", target__isnull=True) & ~Q(name=""))
                | Q(kind__in=["change", "retire"], target__isnull=False),
                name="change_request_target",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(review_reason=""),
                name="change_request_reject_reason",
            ),
            models.CheckConstraint(
                condition=Q(applied_in__isnull=True) | Q(status="accepted"),
                name="change_request_applied_accepted",
            ),
        ]

    def __str__(self) -> str:
        subject = self.target.name if self.target_id and self.target else self.name
        return f"{self.get_kind_display()}: {subject}"

    @property
    def subject(self) -> str:
        return self.target.name if self.target is not None else self.name


class CaseIntervention(models.Model):
    """An intervention agreed on a case, carried out by the regie team or a registered partner."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("planned")
        LOPEND = "lopend", _("in progress")
        AFGEROND = "afgerond", _("completed")
        GESTOPT = "gestopt", _("stopped")

    # The id in the URLs, as for partner registrations: random, so the links a partner sees say
    # nothing about how many interventions are agreed on other cases.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="interventions",
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.PROTECT,
        related_name="case_interventions",
    )
    executor = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("carried out by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_interventions",
        help_text=_("Empty: the regie team itself."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.GEPLAND
    )
    outcome = models.TextField(_("outcome"), blank=True)
    shared_with_partners = models.BooleanField(
        _("shared with partners"),
        default=False,
        help_text=_(
            "Registered partners that receive the agreed interventions see this intervention."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case intervention")
        verbose_name_plural = _("case interventions")
        ordering = ["starts_on", "id"]
        indexes = [
            models.Index(fields=["case", "starts_on", "id"], name="case_intervention_case_idx"),
            models.Index(fields=["executor", "case"], name="case_intervention_exec_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="case_intervention_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.intervention.name} ({self.case_id})"

    def audit_case_id(self) -> str:
        return str(self.case.number)
