"""Interventions on a case: chosen from the current pallet, carried out by the regie team or a
registered partner, on the timeline and in the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from regie.audit.models import AuditEvent
from regie.cases.models import Phase, TimelineEvent
from regie.core.locking import Conflict
from regie.interventions import services
from regie.interventions.models import CaseIntervention
from regie.partners.models import Registration
from tests.interventions.fixtures import pick

Status = CaseIntervention.Status


def test_adding_an_internal_intervention(personas, own_case, add_intervention) -> None:
    item = add_intervention(own_case, "Familiebijeenkomst")
    assert item.executor is None
    assert item.intervention.version.is_current
    event = TimelineEvent.objects.get(case=own_case, kind=TimelineEvent.Kind.INTERVENTION)
    assert event.actor == personas["regisseur_a"]
    with translation.override("en"):
        assert (
            event.text == "Intervention added: Familiebijeenkomst (carried out by the regie team)"
        )
    audit = AuditEvent.objects.get(action="interventions.case.add", object_id=str(item.pk))
    assert audit.case_id == own_case.number
    assert audit.changes["intervention"] == [None, "Familiebijeenkomst"]
    assert audit.changes["version"] == [None, "Basispallet 2026"]


def test_a_registered_partner_can_carry_out(
    organisations, own_case, register, add_intervention
) -> None:
    register(own_case, organisations["noord"])
    item = add_intervention(own_case, "Woonbegeleiding", executor=organisations["noord"])
    assert item.executor == organisations["noord"]
    event = TimelineEvent.objects.get(case=own_case, kind=TimelineEvent.Kind.INTERVENTION)
    assert "Stadsdeel Noord" in event.text


@pytest.mark.parametrize(
    "registration",
    [
        None,
        {"status": Registration.Status.ENDED},
        {"status": Registration.Status.EXPIRED},
        {"status": Registration.Status.REQUESTED},
        {"status": Registration.Status.REJECTED},
        # Still marked active, but its end date has passed (the expiry task has not run yet).
        {"ends_on": "yesterday"},
        {"starts_on": "tomorrow"},
    ],
)
def test_an_organisation_without_active_registration_is_refused(
    organisations, own_case, make_case, personas, register, add_intervention, registration
) -> None:
    noord = organisations["noord"]
    # A registration on another case does not count either.
    register(make_case(personas["regisseur_a"]), noord)
    if registration is not None:
        today = timezone.localdate()
        dates = {"yesterday": today - timedelta(days=1), "tomorrow": today + timedelta(days=1)}
        kwargs = {
            key: dates.get(value, value) if isinstance(value, str) else value
            for key, value in registration.items()
        }
        if "starts_on" in kwargs:
            kwargs["ends_on"] = today + timedelta(days=30)
        if "ends_on" in kwargs and "starts_on" not in kwargs:
            kwargs["starts_on"] = today - timedelta(days=30)
        register(own_case, noord, **kwargs)
    with pytest.raises(ValidationError) as exc:
        add_intervention(own_case, executor=noord)
    assert exc.value.code == "executor"
    assert "Stadsdeel Noord" in exc.value.messages[0]
    assert "no active registration" in exc.value.messages[0]
    assert not CaseIntervention.objects.exists()
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.INTERVENTION).exists()


def test_only_the_current_pallet_can_be_chosen(personas, own_case, add_intervention) -> None:
    old_mentor = pick("Mentortraject")
    services.publish_version(actor=personas["teamleider"], name="Basispallet 2027")
    with pytest.raises(ValidationError) as exc:
        services.add_case_intervention(
            actor=personas["regisseur_a"],
            case=own_case,
            data=services.CaseInterventionData(
                intervention=old_mentor, executor=None, starts_on=timezone.localdate()
            ),
        )
    assert exc.value.code == "intervention"
    item = add_intervention(own_case, "Mentortraject")
    assert item.intervention.version.name == "Basispallet 2027"


def test_only_who_directs_an_open_case_adds(personas, own_case, add_intervention) -> None:
    for name in ("regisseur_b", "partner_stadsdeel", "auditor", "aandachtsfunctionaris"):
        with pytest.raises(PermissionDenied):
            add_intervention(own_case, actor=personas[name])
    add_intervention(own_case, actor=personas["teamleider"])
    own_case.phase = Phase.AFGESLOTEN
    own_case.save()
    with pytest.raises(PermissionDenied):
        add_intervention(own_case)


def test_the_end_date_is_not_before_the_start(personas, own_case) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.add_case_intervention(
            actor=personas["regisseur_a"],
            case=own_case,
            data=services.CaseInterventionData(
                intervention=pick("Dagbesteding"),
                executor=None,
                starts_on=today,
                ends_on=today - timedelta(days=1),
            ),
        )


def _update(item: CaseIntervention, actor: Any, **changes: Any) -> CaseIntervention:
    values: dict[str, Any] = {
        "executor": item.executor,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "status": item.status,
        "outcome": item.outcome,
        "shared_with_partners": item.shared_with_partners,
    }
    values.update(changes)
    return services.update_case_intervention(actor=actor, item=item, **values)


def test_updates_are_on_the_timeline_and_in_the_audit_log(
    personas, own_case, add_intervention
) -> None:
    item = add_intervention(own_case, "Schuldhulpverlening")
    regisseur = personas["regisseur_a"]
    item = _update(item, regisseur, status=Status.LOPEND)
    item = _update(item, regisseur, outcome="Budgetplan gemaakt")
    item = _update(item, regisseur, status=Status.AFGEROND, ends_on=timezone.localdate())
    with translation.override("en"):
        texts = [
            e.text
            for e in TimelineEvent.objects.filter(
                case=own_case, kind=TimelineEvent.Kind.INTERVENTION
            ).order_by("id")
        ]
    assert texts == [
        "Intervention added: Schuldhulpverlening (carried out by the regie team)",
        "Intervention started: Schuldhulpverlening",
        "Intervention updated: Schuldhulpverlening",
        "Intervention completed: Schuldhulpverlening",
    ]
    updates = AuditEvent.objects.filter(
        action="interventions.case.update", object_id=str(item.pk)
    ).order_by("id")
    assert [sorted(e.changes) for e in updates] == [["status"], ["outcome"], ["ends_on", "status"]]
    assert updates[0].changes["status"] == ["gepland", "lopend"]
    assert item.version == 4


def test_nothing_changed_writes_nothing(personas, own_case, add_intervention) -> None:
    item = add_intervention(own_case)
    _update(item, personas["regisseur_a"])
    assert TimelineEvent.objects.filter(kind=TimelineEvent.Kind.INTERVENTION).count() == 1
    assert not AuditEvent.objects.filter(action="interventions.case.update").exists()


def test_a_stale_update_is_refused(personas, own_case, add_intervention) -> None:
    item = add_intervention(own_case)
    seen = item.version
    _update(item, personas["teamleider"], status=Status.LOPEND)
    with pytest.raises(Conflict) as exc:
        _update(item, personas["regisseur_a"], outcome="Mijn versie", expected_version=seen)
    # What differs between the stale form and the stored row, field by field.
    assert exc.value.changes["outcome"] == ("Mijn versie", "")
    assert exc.value.changes["status"][1] == Status.LOPEND
    item.refresh_from_db()
    assert item.outcome == ""


def test_changing_the_executor_is_checked_again(
    personas, organisations, own_case, register, add_intervention
) -> None:
    item = add_intervention(own_case)
    with pytest.raises(ValidationError) as exc:
        _update(item, personas["regisseur_a"], executor=organisations["oost"])
    assert "Stadsdeel Oost" in exc.value.messages[0]
    register(own_case, organisations["oost"])
    item = _update(item, personas["regisseur_a"], executor=organisations["oost"])
    assert item.executor == organisations["oost"]


def test_regie_updates_need_to_direct_the_case(personas, own_case, add_intervention) -> None:
    item = add_intervention(own_case)
    with pytest.raises(PermissionDenied):
        _update(item, personas["regisseur_b"], status=Status.LOPEND)
    _update(item, personas["teamleider"], status=Status.LOPEND)


def _progress(item: CaseIntervention, actor: Any, **changes: Any) -> CaseIntervention:
    values: dict[str, Any] = {
        "status": item.status,
        "ends_on": item.ends_on,
        "outcome": item.outcome,
    }
    values.update(changes)
    return services.partner_update_case_intervention(actor=actor, item=item, **values)


def test_the_executing_partner_reports_progress(
    personas, organisations, own_case, register, add_intervention
) -> None:
    registration = register(own_case, organisations["noord"], categories=())
    item = add_intervention(own_case, "Woonbegeleiding", executor=organisations["noord"])
    partner = personas["partner_stadsdeel"]
    item = _progress(item, partner, status=Status.LOPEND, outcome="Eerste huisbezoek gedaan")
    assert item.status == Status.LOPEND
    event = TimelineEvent.objects.filter(kind=TimelineEvent.Kind.INTERVENTION).latest("id")
    assert event.actor == partner
    assert event.text == "Intervention started: Woonbegeleiding"
    audit = AuditEvent.objects.get(action="interventions.case.partner_update")
    assert audit.actor == "partner_stadsdeel"
    assert audit.changes["outcome"] == "(changed)"  # free text stays out of the log

    # Others may not: another partner, or the same partner once its registration ended.
    with pytest.raises(PermissionDenied):
        _progress(item, personas["partner_other"], status=Status.GESTOPT)
    registration.status = Registration.Status.ENDED
    registration.save()
    with pytest.raises(PermissionDenied):
        _progress(item, partner, status=Status.AFGEROND)


def test_a_partner_cannot_update_what_it_does_not_carry_out(
    personas, organisations, own_case, register, add_intervention
) -> None:
    register(own_case, organisations["noord"])
    shared = add_intervention(own_case, "Mentortraject", shared=True)
    with pytest.raises(PermissionDenied):
        _progress(shared, personas["partner_stadsdeel"], status=Status.LOPEND)
    # The regie team uses its own service, not the partner's.
    with pytest.raises(PermissionDenied):
        _progress(shared, personas["regisseur_a"], status=Status.LOPEND)


def test_retention_deletes_case_interventions_with_the_case(
    organisations, own_case, register, add_intervention
) -> None:
    from regie.cases import retention

    register(own_case, organisations["noord"])
    item = add_intervention(own_case, "Woonbegeleiding", executor=organisations["noord"])
    chosen = item.intervention
    today = timezone.localdate()
    own_case.phase = Phase.AFGESLOTEN
    own_case.closed_on = today - timedelta(days=800)
    own_case.delete_after = today - timedelta(days=1)
    own_case.save()
    report = retention.run(today=today)
    assert report.deleted == [own_case.number]
    assert not CaseIntervention.objects.filter(pk=item.pk).exists()
    # The pallet itself is not case data and stays.
    chosen.refresh_from_db()


def test_admin_shows_the_pallet_read_only(login_as) -> None:
    from django.urls import reverse

    client = login_as("beheerder")
    for model in ("catalogueversion", "intervention", "changerequest"):
        assert client.get(reverse(f"admin:interventions_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:interventions_{model}_add")).status_code == 403
    assert (
        login_as("teamleider").get(reverse("admin:interventions_intervention_changelist"))
    ).status_code == 403
