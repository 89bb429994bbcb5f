"""The scheduled runs and the background tasks' results, read-only, for the functional
administrator: did last night's work run, and did it fail?

A task's traceback and return value stay out of these screens: an exception's message can quote
a row's values (a database error names the key it collided on), and the administrator does
not see case data. The traceback is in the worker's log; the screen shows which task failed,
when, and the exception's class."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from regie.core import policy
from regie.core.admin_site import ReadOnlyAdmin, site
from regie.scheduling.models import ScheduledRun
from regie.scheduling.vocabulary import Scheduling


class _ReadOnly(ReadOnlyAdmin):
    def _allowed(self, request: HttpRequest) -> bool:
        return policy.permits(request.user, Scheduling.VIEW)


@admin.register(ScheduledRun, site=site)
class ScheduledRunAdmin(_ReadOnly):
    list_display = ["name", "period", "enqueued_at", "node", "task_result_id"]
    list_filter = ["name"]
    date_hierarchy = "period"


@admin.register(DBTaskResult, site=site)
class TaskResultAdmin(_ReadOnly):
    list_display = ["task_label", "status", "enqueued_at", "started_at", "finished_at", "failure"]
    list_filter = ["status", "task_path"]
    ordering = ["-enqueued_at"]
    fields = ("task_path", "status", "enqueued_at", "started_at", "finished_at", "failure")
    readonly_fields = fields

    @admin.display(description=_("task"), ordering="task_path")
    def task_label(self, obj: DBTaskResult[..., Any]) -> str:
        return str(obj.task_path).rsplit(".", 1)[-1]

    @admin.display(description=_("failure"))
    def failure(self, obj: DBTaskResult[..., Any]) -> str:
        path = str(obj.exception_class_path or "")
        return path.rsplit(".", 1)[-1]
