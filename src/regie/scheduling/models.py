"""One row per periodic task and period: the proof that it was enqueued, and the lock."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    name = models.CharField(_("task"), max_length=60)
    period = models.DateField(_("period"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    # The django-tasks result (django_tasks_db's DBTaskResult id, or the immediate backend's).
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)
    node = models.CharField(_("scheduler"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-period", "name"]
        constraints = [
            # Several schedulers (one per node) insert the same row: one wins, the rest skip.
            models.UniqueConstraint(fields=["name", "period"], name="scheduledrun_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period.isoformat()}"
