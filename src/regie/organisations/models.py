from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("municipality")
        STADSDEEL = "stadsdeel", _("city district")
        AMSTELLAND = "amstelland", _("Amstelland municipality")
        POLITIE = "politie", _("police")
        OM = "om", _("public prosecution (OM)")
        GGD = "ggd", _("public health (GGD)")
        JEUGDZORG = "jeugdzorg", _("youth care")
        RECLASSERING = "reclassering", _("probation")
        WONINGCORPORATIE = "woningcorporatie", _("housing corporation")
        ONDERWIJS = "onderwijs", _("education")
        WELZIJN = "welzijn", _("social work")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    is_active = models.BooleanField(_("active"), default=True)
    covenant_signed_on = models.DateField(
        _("covenant signed on"),
        null=True,
        blank=True,
        help_text=_("Only organisations that signed the covenant can be intervention partners."),
    )
    covenant_document = models.CharField(
        _("covenant document"),
        max_length=200,
        blank=True,
        help_text=_("Reference of the signed covenant (document number or location)."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_signed_covenant(self) -> bool:
        return self.covenant_signed_on is not None


class Team(models.Model):
    class Kind(models.TextChoices):
        REGISSEURSPOOL = "regisseurspool", _("case directors' pool")
        PROGRAMMATEAM = "programmateam", _("programme team")
        STEUNPUNT = "steunpunt", _("Steunpunt")
        WEEGPLOEG = "weegploeg", _("Weegploeg")
        SECRETARIAAT = "secretariaat", _("secretariat")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="teams"
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
