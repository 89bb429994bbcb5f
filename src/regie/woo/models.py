"""Configuration of the Woo suggestion engine: the grounds and the term lists per ground.

Both are data the functional administrator keeps in the admin: a ground's code is stored in
its canonical form (``regie.woo.grounds.canonical``) whatever spelling was typed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.woo.grounds import canonical


class Ground(models.Model):
    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("For example 5.1.2.e or 5.1.2,e.")
    )
    label = models.CharField(_("label"), max_length=200)
    article = models.CharField(_("article reference"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("Woo ground")
        verbose_name_plural = _("Woo grounds")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    def clean(self) -> None:
        try:
            self.code = canonical(self.code)
        except ValueError as error:
            raise ValidationError({"code": str(error)}) from error


class Term(models.Model):
    """A word or phrase always suggested for redaction on ``ground`` (e.g. the name of a
    security-sensitive team on 5.1.2.h), matched as a whole word, case-insensitively."""

    ground = models.ForeignKey(
        Ground, verbose_name=_("ground"), on_delete=models.PROTECT, related_name="terms"
    )
    text = models.CharField(_("text"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Woo term")
        verbose_name_plural = _("Woo terms")
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["text"], name="woo_term_unique_text")]

    def __str__(self) -> str:
        return f"{self.text} ({self.ground.code})"

    def clean(self) -> None:
        self.text = " ".join(self.text.split())
        if not self.text:
            raise ValidationError({"text": _("A term cannot be empty.")})
