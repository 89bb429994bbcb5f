"""Daily expiry of registrations past their end date.

Access already ends at the end date (every check compares with today); this task records it:
status ``verlopen``, a timeline event and an audit event. Schedule `regie partners expire`
daily (cron/systemd timer) or enqueue ``expire_task``; django-tasks has no periodic scheduler.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from regie.partners import services


@task()
def expire_task() -> int:
    today = timezone.localdate()
    expired = services.expire_due(today=today)
    services.end_left_open()
    services.remove_old_join_requests(today=today)
    return expired
