"""What runs when: the periodic tasks and their periods. Pure: no database.

A period is named by the local date of its due moment ("2026-12-03"): the scheduler enqueues a
task once for each period whose due moment has passed, and the period's name is the unique key
that lets several schedulers (one per node) run side by side without running anything twice.
Only the latest due period is enqueued: a scheduler that was down for three days runs each task
once, not three times. The tasks themselves are idempotent (a second retention run finds nothing
due), so that is enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Periodic:
    name: str  # stable: part of the unique key of each run
    task_path: str  # "module.attribute" of a django-tasks task
    at: time  # local time of day (REGIE_TIME_ZONE)


# In the order of the nightly jobs (docs/operations.md): retention first, the audit log's own
# pruning after it, reminders in the morning.
SCHEDULE: tuple[Periodic, ...] = (
    Periodic("retention", "regie.cases.tasks.retention_task", time(3, 15)),
    Periodic("partners-expire", "regie.partners.tasks.expire_task", time(3, 20)),
    Periodic("resets-expire", "regie.accounts.tasks.expire_resets_task", time(3, 25)),
    Periodic("audit-prune", "regie.audit.tasks.prune_task", time(3, 40)),
    Periodic("meetings-remind", "regie.meetings.tasks.remind_task", time(6, 30)),
)


def due_period(periodic: Periodic, now: datetime, zone: ZoneInfo) -> date:
    """The latest period of ``periodic`` whose due moment is not after ``now``."""
    local = now.astimezone(zone)
    today = local.date()
    due_today = datetime.combine(today, periodic.at, tzinfo=zone)
    return today if local >= due_today else today - timedelta(days=1)
