"""The scheduler: each periodic task once per period, however many schedulers run at once;
the worker runs what it enqueued; the functional administrator sees failures, not their data."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from regie.scheduling.models import ScheduledRun
from regie.scheduling.schedule import SCHEDULE, Periodic, due_period
from regie.scheduling.services import enqueue_due

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# 2026-12-03 04:00 in Amsterdam (UTC+1): the nightly tasks are due today, the reminder not yet.
NIGHT = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (datetime(2026, 12, 3, 3, 14, tzinfo=AMSTERDAM), date(2026, 12, 2)),
        (datetime(2026, 12, 3, 3, 15, tzinfo=AMSTERDAM), date(2026, 12, 3)),
        (datetime(2026, 12, 3, 23, 59, tzinfo=AMSTERDAM), date(2026, 12, 3)),
        (datetime(2026, 12, 4, 0, 0, tzinfo=AMSTERDAM), date(2026, 12, 3)),
        # The night the clocks go back (25 October 2026): 03:15 comes once, after 02:59 twice.
        (datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM, fold=1), date(2026, 10, 24)),
        (datetime(2026, 10, 25, 3, 15, tzinfo=AMSTERDAM), date(2026, 10, 25)),
    ],
)
def test_the_due_period_is_the_local_day_once_its_moment_has_passed(
    local: datetime, expected: date
) -> None:
    periodic = Periodic("retention", "x.y", time(3, 15))
    assert due_period(periodic, local.astimezone(UTC), AMSTERDAM) == expected


def test_every_scheduled_task_exists_and_names_are_unique() -> None:
    from django.utils.module_loading import import_string

    assert len({p.name for p in SCHEDULE}) == len(SCHEDULE)
    for periodic in SCHEDULE:
        assert hasattr(import_string(periodic.task_path), "enqueue"), periodic.task_path


# Transactional: the worker closes its database connection between tasks, as a real one does.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_each_task_is_enqueued_once_per_period_and_the_worker_runs_it() -> None:
    first = enqueue_due(NIGHT, node="node-a")
    assert sorted(r.name for r in first) == sorted(p.name for p in SCHEDULE)
    assert enqueue_due(NIGHT, node="node-b") == []
    assert ScheduledRun.objects.filter(period=date(2026, 12, 3)).count() == 4
    # 06:30 has not come today yet: the reminder's latest period is yesterday's.
    reminder = ScheduledRun.objects.filter(name="meetings-remind").get()
    assert reminder.period == date(2026, 12, 2)
    assert DBTaskResult.objects.count() == 5
    assert DBTaskResult.objects.filter(status="READY").count() == 5

    call_command("db_worker", batch=True, verbosity=0)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 5
    # Later the same morning: the reminder's period for today has come; nothing else.
    later = enqueue_due(datetime(2026, 12, 3, 6, 0, tzinfo=UTC), node="node-b")
    assert [r.name for r in later] == ["meetings-remind"]
    # A scheduler down for days runs each task once on its return, for the latest period.
    back = enqueue_due(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), node="node-a")
    assert len(back) == len(SCHEDULE)
    assert {r.period for r in back} == {"2026-12-07"}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_two_schedulers_at_once_enqueue_each_task_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent schedulers need PostgreSQL's row locks")
    schedulers = 4
    barrier = threading.Barrier(schedulers)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def scheduler(n: int) -> None:
        try:
            barrier.wait()
            for minute in range(0, 240, 10):  # four hours of passes, racing each other
                moment = datetime(2026, 12, 3, 2, 0, tzinfo=UTC).replace(
                    hour=2 + minute // 60, minute=minute % 60
                )
                results.append([r.name for r in enqueue_due(moment, node=f"node-{n}")])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=scheduler, args=(n,)) for n in range(schedulers)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    enqueued = [name for names in results for name in names]
    # 03:00 to 06:50 in Amsterdam: each task for 2 December, then each for 3 December.
    assert sorted(enqueued) == sorted([p.name for p in SCHEDULE] * 2)
    runs = list(ScheduledRun.objects.values_list("name", "period"))
    assert len(runs) == len(set(runs)) == 10
    assert DBTaskResult.objects.count() == 10


@pytest.mark.django_db
def test_scheduler_command_once_at_a_given_moment(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("scheduler", once=True, now="2026-12-03T04:00+01:00")
    out = capsys.readouterr().out
    assert "scheduler: enqueued retention for 2026-12-03" in out
    assert "scheduler: enqueued meetings-remind for 2026-12-02" in out
    call_command("scheduler", once=True, now="2026-12-03T04:00+01:00")
    assert "enqueued" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"once": True, "now": "gisteren"}, "--now must be ISO 8601"),
        ({"once": True, "now": "2026-12-03T04:00"}, "--now needs an offset"),
        ({"now": "2026-12-03T04:00+01:00"}, "--now only with --once"),
        ({"once": True, "interval": 0}, "--interval must be at least 1"),
    ],
)
@pytest.mark.django_db
def test_scheduler_command_refuses_bad_arguments_in_one_line(
    arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(CommandError, match=message) as raised:
        call_command("scheduler", **arguments)
    assert raised.value.returncode == 2
    assert not ScheduledRun.objects.exists()


@pytest.mark.django_db
def test_the_administrator_sees_a_failed_task_but_not_its_data(
    login_as: Callable[[str], Client],
) -> None:
    DBTaskResult.objects.create(
        status="FAILED",
        task_path="regie.cases.tasks.retention_task",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        exception_class_path="django.db.utils.IntegrityError",
        traceback='IntegrityError: duplicate key (bsn)=(123456782) "Jansen"',
        return_value=None,
    )
    page = login_as("beheerder").get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "retention_task" in text
    assert "IntegrityError" in text
    assert "123456782" not in text
    assert "Jansen" not in text
    result = DBTaskResult.objects.get()
    detail = login_as("beheerder").get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk])
    )
    assert detail.status_code == 200
    assert "123456782" not in detail.content.decode()
    listing = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    for persona in ("regisseur_a", "teamleider", "auditor"):
        refused = login_as(persona).get(listing)
        assert refused.status_code in (302, 403), persona
