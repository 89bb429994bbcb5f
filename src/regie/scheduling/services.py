"""Enqueue each periodic task once per period, however many schedulers run."""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from regie.scheduling.models import ScheduledRun
from regie.scheduling.schedule import SCHEDULE, Periodic, due_period

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enqueued:
    name: str
    period: str
    task_result_id: str


def enqueue_due(
    now: datetime, *, schedule: tuple[Periodic, ...] = SCHEDULE, node: str = ""
) -> list[Enqueued]:
    """Enqueue every task whose latest due period has no run yet; what this call enqueued.

    The run's row and the task are written in one transaction: the unique key on (task, period)
    makes a second scheduler's insert fail, and it then enqueues nothing. Nothing is lost either:
    a scheduler killed between the two writes leaves neither."""
    zone = ZoneInfo(settings.TIME_ZONE)
    node = node or socket.gethostname()
    enqueued: list[Enqueued] = []
    for periodic in schedule:
        period = due_period(periodic, now, zone)
        if ScheduledRun.objects.filter(name=periodic.name, period=period).exists():
            continue  # the common case, without provoking an error in the database's log
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=periodic.name, period=period, node=node)
                result = import_string(periodic.task_path).enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another scheduler was first
        logger.info("scheduled %s for %s (task %s)", periodic.name, period, run.task_result_id)
        enqueued.append(Enqueued(periodic.name, period.isoformat(), run.task_result_id))
    return enqueued
