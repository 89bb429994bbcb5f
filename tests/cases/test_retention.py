"""Retention: closed cases past their date are deleted whole, leave a tombstone without
personal data, and the audit chain still verifies."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import timezone

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.audit.services import verify_chain
from regie.cases import retention, services
from regie.cases.models import (
    Case,
    ClosingReason,
    FlagType,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Person,
    Phase,
    Task,
    Theme,
    TimelineEvent,
    Tombstone,
    ZrmAssessment,
    ZrmScore,
)
from regie.cases.tasks import retention_task
from regie.core import audit as core_audit
from regie.organisations.models import Organisation


def build_case(
    personas: dict[str, User],
    organisations: dict[str, Organisation],
    *,
    first_name: str = "Ilse",
    last_name: str = "Vermeer",
    date_of_birth: date = date(1999, 4, 3),
    bsn: str = "",
    person: Person | None = None,
    regisseur: str = "regisseur_a",
    close: bool = True,
    journal_text: str = "Huisbezoek afgelegd.",
    flags: tuple[str, ...] = (),
) -> Case:
    """A case made through the services, so it has a timeline and an audit history."""
    lead = personas["teamleider"]
    director = personas[regisseur]
    case = services.create_case(
        actor=lead,
        person=person,
        person_data=None
        if person is not None
        else services.PersonData(
            first_name, last_name, date_of_birth, bsn, organisations["noord"].pk
        ),
        theme=Theme.objects.first(),  # type: ignore[arg-type]
        area=organisations["noord"],
        regisseur=director,
        summary="Aangemeld door de Weegploeg.",
    )
    services.transition(actor=director, case=case, target=Phase.INSTROOM, reason="Duiding")
    services.transition(actor=director, case=case, target=Phase.REGIE, reason="Regie")
    if flags:
        services.set_flags(
            actor=director, case=case, flags=list(FlagType.objects.filter(code__in=flags))
        )
    services.add_journal_entry(
        actor=director,
        case=case,
        occurred_on=date(2026, 3, 2),
        category=JournalCategory.objects.first(),  # type: ignore[arg-type]
        text=journal_text,
        visibility="regie",
    )
    services.add_task(
        actor=director,
        case=case,
        title="Evaluatie plannen",
        due_on=date(2026, 4, 1),
        assignee=lead,
        kind=Task.Kind.REVIEW,
    )
    domains = list(LifeDomain.objects.order_by("order")[:4])
    services.add_zrm(
        actor=director,
        case=case,
        assessed_on=date(2026, 3, 5),
        scores=dict(zip(domains, [2, 3, 4, 5], strict=True)),
        note="Eerste meting.",
    )
    if close:
        services.transition(
            actor=lead,
            case=case,
            target=Phase.AFGESLOTEN,
            closing_reason=ClosingReason.objects.first(),
            reason="Afgesloten na evaluatie.",
        )
    case.refresh_from_db()
    return case


@pytest.fixture
def closed_case(personas, organisations) -> Case:
    return build_case(personas, organisations)


def _attached(case_pk: int) -> dict[str, int]:
    return {
        "journal": JournalEntry.objects.filter(case_id=case_pk).count(),
        "tasks": Task.objects.filter(case_id=case_pk).count(),
        "zrm": ZrmAssessment.objects.filter(case_id=case_pk).count(),
        "scores": ZrmScore.objects.filter(assessment__case_id=case_pk).count(),
        "timeline": TimelineEvent.objects.filter(case_id=case_pk).count(),
    }


def test_closing_sets_the_deletion_date(closed_case: Case, settings) -> None:
    today = timezone.localdate()
    assert closed_case.closed_on == today
    assert closed_case.delete_after == today.replace(year=today.year + 5)


def test_deletes_a_case_past_its_date_with_everything_attached(closed_case: Case) -> None:
    pk, number, person_pk = closed_case.pk, closed_case.number, closed_case.person_id
    assert all(_attached(pk).values())
    day = closed_case.delete_after
    assert day is not None

    report = retention.run(today=day)

    assert report.deleted == [number]
    assert (report.cases_deleted, report.persons_deleted, report.failed) == (1, 1, [])
    assert not Case.objects.filter(pk=pk).exists()
    assert not Person.objects.filter(pk=person_pk).exists()
    assert set(_attached(pk).values()) == {0}
    tombstone = Tombstone.objects.get(case_number=number)
    assert (tombstone.opened_on, tombstone.closed_on, tombstone.deleted_on) == (
        closed_case.opened_on,
        closed_case.closed_on,
        day,
    )
    assert tombstone.reason == "retention period ended"


def test_one_audit_event_per_case_without_personal_data(closed_case: Case) -> None:
    day = closed_case.delete_after
    assert day is not None
    retention.run(today=day)

    event = AuditEvent.objects.get(action="cases.retention.delete")
    tombstone = Tombstone.objects.get(case_number=closed_case.number)
    assert (event.object_type, event.object_id, event.case_id) == (
        "cases.case",
        str(closed_case.pk),
        closed_case.number,
    )
    assert event.changes == {"tombstone": tombstone.pk, "person_deleted": True}
    assert event.actor == retention.SYSTEM_ACTOR
    stored = json.dumps(
        AuditEvent.objects.filter(pk=event.pk).values().get(), default=str
    ).casefold()
    assert "ilse" not in stored
    assert "vermeer" not in stored


def test_the_audit_chain_still_verifies(personas, organisations) -> None:
    cases = [
        build_case(personas, organisations, first_name=name, last_name="Jansen")
        for name in ("Anna", "Bram", "Cas")
    ]
    before = verify_chain()
    assert before.intact
    day = cases[0].delete_after
    assert day is not None

    report = retention.run(today=day)

    assert report.cases_deleted == 3
    after = verify_chain()
    assert after.intact, after.reason
    assert after.count == before.count + 3
    # The history of the deleted cases is still there, under their case numbers only.
    assert AuditEvent.objects.filter(
        case_id=cases[0].number, action="cases.journal.create"
    ).exists()


def test_the_audit_command_verifies_after_retention(closed_case: Case) -> None:
    day = closed_case.delete_after
    assert day is not None
    call_command("retention", "run", "--today", day.isoformat(), stdout=StringIO())
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().startswith("audit chain intact")


def test_cases_not_yet_due_and_open_cases_are_kept(
    closed_case: Case, personas, organisations
) -> None:
    day = closed_case.delete_after
    assert day is not None
    # Open, yet with a (stale) deletion date in the past: never deleted.
    open_case = build_case(personas, organisations, first_name="Open", close=False)
    Case.objects.filter(pk=open_case.pk).update(delete_after=day - timedelta(days=400))

    report = retention.run(today=day - timedelta(days=1))
    assert report.deleted == []
    assert retention.run(today=day + timedelta(days=1)).deleted == [closed_case.number]
    assert Case.objects.filter(pk=open_case.pk).exists()
    assert not Tombstone.objects.filter(case_number=open_case.number).exists()


def test_the_person_stays_while_another_case_remains(personas, organisations) -> None:
    first = build_case(personas, organisations)
    second = build_case(personas, organisations, person=first.person, close=False)
    day = first.delete_after
    assert day is not None

    report = retention.run(today=day)

    assert (report.deleted, report.persons_deleted) == ([first.number], 0)
    assert Person.objects.filter(pk=first.person_id).exists()
    assert Case.objects.filter(pk=second.pk).exists()
    assert AuditEvent.objects.get(action="cases.retention.delete").changes["person_deleted"] is (
        False
    )


def test_a_failure_rolls_back_that_case_only(personas, organisations, monkeypatch) -> None:
    good = build_case(personas, organisations, first_name="Goed")
    bad = build_case(personas, organisations, first_name="Fout")
    day = bad.delete_after
    assert day is not None
    before = _attached(bad.pk)
    real_record = core_audit.record

    def failing_record(**kwargs: Any) -> None:
        # Fails after the tombstone, the case and the person were already deleted.
        if kwargs.get("case_id") == bad.number:
            raise RuntimeError("disk full")
        real_record(**kwargs)

    monkeypatch.setattr(core_audit, "record", failing_record)

    report = retention.run(today=day)

    assert report.deleted == [good.number]
    assert report.failed == [bad.number]
    assert report.summary() == "retention: 1 cases deleted, 1 persons deleted, 1 failed"
    assert Case.objects.filter(pk=bad.pk).exists()
    assert Person.objects.filter(pk=bad.person_id).exists()
    assert _attached(bad.pk) == before
    assert not Tombstone.objects.filter(case_number=bad.number).exists()
    assert not Case.objects.filter(pk=good.pk).exists()
    assert verify_chain().intact


def test_dry_run_lists_and_deletes_nothing(closed_case: Case) -> None:
    day = closed_case.delete_after
    assert day is not None
    report = retention.run(today=day, dry_run=True)
    assert report.due == [closed_case.number]
    assert report.deleted == []
    assert Case.objects.filter(pk=closed_case.pk).exists()
    assert not Tombstone.objects.exists()


# --- regie retention run --------------------------------------------------------------------


def test_command_prints_one_summary_line(closed_case: Case) -> None:
    day = closed_case.delete_after
    assert day is not None
    out = StringIO()
    call_command("retention", "run", "--today", day.isoformat(), stdout=out)
    assert out.getvalue() == "retention: 1 cases deleted, 1 persons deleted, 0 failed\n"
    assert not Case.objects.filter(pk=closed_case.pk).exists()


def test_command_defaults_to_today(closed_case: Case) -> None:
    out = StringIO()
    call_command("retention", "run", stdout=out)
    assert out.getvalue() == "retention: 0 cases deleted, 0 persons deleted, 0 failed\n"
    assert Case.objects.filter(pk=closed_case.pk).exists()


def test_command_dry_run_lists_case_numbers_only(closed_case: Case) -> None:
    day = closed_case.delete_after
    assert day is not None
    out = StringIO()
    call_command("retention", "run", "--today", day.isoformat(), "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        closed_case.number,
        "retention (dry run): 1 cases due, nothing deleted",
    ]
    assert "Vermeer" not in out.getvalue()
    assert Case.objects.filter(pk=closed_case.pk).exists()


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "01-02-2026", ""])
def test_command_refuses_a_bad_date(db, value: str) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("retention", "run", "--today", value)
    assert caught.value.returncode == 1
    assert "\n" not in str(caught.value)


def test_command_line_exit_status_for_a_bad_date(db, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(["regie", "retention", "run", "--today", "2026-02-30"]).execute()
    assert caught.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "2026-02-30" in err


def test_command_exits_1_when_a_case_fails(closed_case: Case, monkeypatch) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(core_audit, "record", broken)
    day = closed_case.delete_after
    assert day is not None
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("retention", "run", "--today", day.isoformat(), stdout=out)
    assert caught.value.returncode == 1
    assert closed_case.number in str(caught.value)
    assert out.getvalue() == "retention: 0 cases deleted, 0 persons deleted, 1 failed\n"


# --- The scheduled task ---------------------------------------------------------------------


def test_enqueued_task_deletes_due_cases(
    make_case: Callable[..., Case], personas, settings
) -> None:
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    today = timezone.localdate()
    due = make_case(
        personas["regisseur_a"],
        phase=Phase.AFGESLOTEN,
        closed_on=today - timedelta(days=5 * 366),
        delete_after=today - timedelta(days=1),
    )
    kept = make_case(
        personas["regisseur_a"],
        phase=Phase.AFGESLOTEN,
        closed_on=today,
        delete_after=today + timedelta(days=1),
    )

    result = retention_task.enqueue()

    assert result.status == "SUCCESSFUL"
    summary = result.return_value
    assert summary is not None
    assert summary["deleted"] == [due.number]
    assert summary["cases_deleted"] == 1
    assert not Case.objects.filter(pk=due.pk).exists()
    assert Case.objects.filter(pk=kept.pk).exists()
    assert Tombstone.objects.filter(case_number=due.number, deleted_on=today).exists()
