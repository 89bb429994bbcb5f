"""Background tasks of the cases app (django-tasks)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from regie.cases import retention


@task()
def retention_task() -> dict[str, Any]:
    """Delete the closed cases whose retention period has ended (see ``cases.retention``).

    Scheduling: django-tasks has no periodic scheduler. Run ``regie retention run`` once a day
    from cron or a systemd timer (it calls the same service), or enqueue this task once a day
    from such a timer (``retention_task.enqueue()``); a ``regie db_worker`` then runs it.
    Running it more than once a day is harmless: a second run finds nothing due.

    Returns the report as plain JSON (case numbers and counts, no personal data), which the
    database backend stores as the task's result.
    """
    return retention.run(today=timezone.localdate()).as_dict()
