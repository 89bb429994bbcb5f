"""Daily reminders for actions that are nearly due.

Owners of an open sub-action get one e-mail when its period ends within the series'
``reminder_days``; ``reminded_for`` makes a second run on the same day (or the next) send
nothing. Schedule `regie meetings remind` daily (cron/systemd timer) or enqueue
``remind_task``; django-tasks has no periodic scheduler.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from regie.meetings import services


@task()
def remind_task() -> int:
    return services.send_due_reminders(today=timezone.localdate())
