"""Background tasks of the accounts app (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from regie.accounts import services_resets


@task()
def expire_resets_task() -> int:
    """``regie resets expire`` as a task: the number of reset requests marked expired."""
    return services_resets.expire_resets()
