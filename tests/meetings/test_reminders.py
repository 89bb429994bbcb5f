"""Reminder e-mails for actions that are nearly due: the service, the task and the command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.core.dates import long_date
from regie.meetings import services
from regie.meetings.actions import services as action_services
from regie.meetings.models import Action, MeetingSeries, SubAction
from regie.meetings.services import Owner, SubActionInput
from regie.meetings.tasks import remind_task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 5, 22)  # 27 May is five days on


@pytest.fixture(autouse=True)
def _locmem(settings: Settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _owners(personas: dict[str, User], *names: str) -> list[Owner]:
    for name in names:
        User.objects.filter(pk=personas[name].pk).update(email=f"{name}@example.org")
    return [Owner(user=personas[name]) for name in names]


def _action(secretary: User, series: MeetingSeries, due: str, owners: list[Owner]) -> Action:
    return services.add_action(
        series,
        actor=secretary,
        subject=f"Actie {due}",
        raised_on=dt.date(2021, 3, 23),
        subactions=[SubActionInput(description="Plant bijeenkomst", owners=owners, due_text=due)],
    )


def test_one_mail_to_user_owners_once(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    assert series.reminder_days == 7
    owners = [*_owners(personas, "regisseur_a", "regisseur_b"), Owner(name="Woordvoering BM")]
    _action(secretary, series, "27 mei", owners)
    assert services.send_due_reminders(TODAY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["regisseur_a@example.org", "regisseur_b@example.org"]
    # running text: the long form (issue 11 point 7), in the language the mail is written in
    assert long_date(dt.date(2021, 5, 27)) in message.body
    assert "Plant bijeenkomst" in message.body
    # Not twice: the same day, the next day, or through the command.
    assert services.send_due_reminders(TODAY) == 0
    assert services.send_due_reminders(TODAY + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="meetings.subaction.remind").count() == 1


def test_window_done_and_unknown(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    owners = _owners(personas, "regisseur_a")
    _action(secretary, series, "27 juni", owners)  # outside the 7-day window
    _action(secretary, series, "als het uitkomt", owners)  # no period: never reminded
    done = _action(secretary, series, "28 mei", owners)
    services.complete_subaction(done.subactions.get(), actor=secretary)
    _action(secretary, series, "20 mei", owners)  # overdue already: no "due soon" mail
    assert services.send_due_reminders(TODAY) == 0
    assert mail.outbox == []
    # Once the window is reached, the June one goes out.
    assert services.send_due_reminders(dt.date(2021, 6, 21)) == 1


def test_edited_due_date_is_reminded_again(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    action = _action(secretary, series, "27 mei", _owners(personas, "regisseur_a"))
    services.send_due_reminders(TODAY)
    sub = action.subactions.get()
    services.update_subaction(sub, actor=secretary, due_text="3 juni")
    assert services.send_due_reminders(dt.date(2021, 5, 30)) == 1
    assert len(mail.outbox) == 2


def test_inactive_owner_gets_nothing_and_inactive_series_is_skipped(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    owners = _owners(personas, "regisseur_a", "regisseur_b")
    _action(secretary, series, "27 mei", owners)
    User.objects.filter(pk=personas["regisseur_b"].pk).update(is_active=False)
    services.send_due_reminders(TODAY)
    assert mail.outbox[0].to == ["regisseur_a@example.org"]
    other = MeetingSeries.objects.create(name="Opgeheven", team=series.team, is_active=False)
    _action(secretary, other, "28 mei", owners)
    assert services.send_due_reminders(TODAY) == 0


def test_owner_without_email_is_marked_and_not_retried(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    action = _action(secretary, series, "27 mei", [Owner(name="Iemand extern")])
    assert services.send_due_reminders(TODAY) == 0
    assert action.subactions.get().reminded_for == dt.date(2021, 5, 27)


def test_failed_send_is_retried(
    series: MeetingSeries,
    secretary: User,
    personas: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    action = _action(secretary, series, "27 mei", _owners(personas, "regisseur_a"))

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("mail server down")

    monkeypatch.setattr(action_services, "send_mail", broken)  # where reminders send
    with pytest.raises(OSError, match="mail server down"):
        services.send_due_reminders(TODAY)
    sub = action.subactions.get()
    assert sub.reminded_for is None
    monkeypatch.undo()
    assert services.send_due_reminders(TODAY) == 1


def test_command_and_task(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    owners = _owners(personas, "regisseur_a")
    _action(secretary, series, "27 mei", owners)
    out = StringIO()
    call_command("meetings", "remind", "--date", "2021-05-22", stdout=out)
    assert out.getvalue().strip() == "meetings: 1 reminders sent"
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("meetings", "remind", "--date", "22-05-2021")
    # The task runs for today; freeze the clock on the day before the next action is due.
    _action(secretary, series, "3 juni", owners)
    with time_machine.travel(dt.datetime(2021, 5, 30, 9, tzinfo=dt.UTC), tick=False):
        result = remind_task.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 2
    assert SubAction.objects.filter(reminded_for__isnull=False).count() == 2


def test_demo_uses_the_console_backend() -> None:
    """`make demo` runs with REGIE_DEBUG=1 and no mail settings: reminders go to the console."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIE_")}
    env["REGIE_DEBUG"] = "1"
    code = "from regie import settings; print(settings.EMAIL_BACKEND)"
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "django.core.mail.backends.console.EmailBackend"
