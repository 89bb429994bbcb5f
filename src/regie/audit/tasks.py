"""Background task of the audit app (django-tasks): the audit log's own retention."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from regie.audit import pruning


@task()
def prune_task() -> dict[str, Any]:
    """Archive and delete the audit events past retention (see ``audit.pruning``).

    Scheduling as for ``cases.tasks.retention_task``: django-tasks has no periodic scheduler, so
    run ``regie audit prune`` daily from cron or a systemd timer, or enqueue this task from such
    a timer for ``regie db_worker`` to run. A second run the same day finds nothing due.

    Returns the report as plain JSON (ids, counts and archive file names), which the database
    backend stores as the task's result. A failure (archive directory not writable, a broken
    chain) raises, so the task is recorded as failed; what earlier batches pruned stays pruned.
    """
    return pruning.prune().as_dict()
