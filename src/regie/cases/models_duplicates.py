"""What someone decided when the duplicate check showed a possible match (issue 14)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.dates import short_date


class DuplicateDecision(models.Model):
    """One shown candidate and the answer: the same person, or another one. Kept with the
    persons it names, so retention removes it with them."""

    class Decision(models.TextChoices):
        SAME = "same", _("same person")
        DIFFERENT = "different", _("different person")

    candidate = models.ForeignKey(
        "cases.Person", on_delete=models.CASCADE, related_name="duplicate_decisions"
    )
    # The person registered after "different person" (empty for "same person").
    new_person = models.ForeignKey(
        "cases.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.CharField(_("match"), max_length=20)
    score = models.PositiveSmallIntegerField(_("score"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({short_date(self.decided_at)})"

    def audit_case_id(self) -> str:
        return self.case.number if self.case is not None else ""
