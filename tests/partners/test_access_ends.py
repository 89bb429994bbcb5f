"""Partner access ends with the case and with the covenant (issue 10, point 13).

Closing a case ends every open registration on it at once, and withdrawing an organisation's
covenant ends all of that organisation's registrations: each with its reason, a timeline event,
an audit event and, where the registration gave access, an e-mail to the partner's contact, all
in the same transaction as the close or the withdrawal.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.cases import extensions
from regie.cases import services as cases
from regie.cases.models import Case, ClosingReason, Phase, TimelineEvent
from regie.organisations import services as organisation_services
from regie.partners.models import Registration
from tests.partners.conftest import activate


@pytest.fixture
def contacts(personas, signed) -> dict[str, Any]:
    """Stadsdeel Noord's partner user has an e-mail address; so has the registration's contact."""
    user = personas["partner_stadsdeel"]
    user.email = "projectleider@noord.example"
    user.save()
    return {"user": user.email, "contact": "t.bakker@noord.example"}


@pytest.fixture
def registrations(personas, shared_case: Case, signed, contacts) -> dict[str, Registration]:
    """On ``shared_case``: Noord active (from ``shared_case``), Buurtwerk ended, the school
    requested; Oost active with a period that lapsed before the expiry run saw it."""
    noord = Registration.objects.get(case=shared_case, organisation=signed["noord"])
    noord.contact_details = f"{contacts['contact']}, 020 555 0101"
    noord.save()
    school = activate(
        shared_case,
        signed["school"],
        ["phase"],
        personas["regisseur_a"],
        status=Registration.Status.REQUESTED,
    )
    lapsed = activate(shared_case, signed["oost"], ["phase"], personas["regisseur_a"])
    Registration.objects.filter(pk=lapsed.pk).update(
        starts_on=timezone.localdate() - timedelta(days=40),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    return {
        "noord": noord,
        "buurtwerk": Registration.objects.get(case=shared_case, organisation=signed["buurtwerk"]),
        "school": school,
        "oost": lapsed,
    }


def _close(client: Any, case: Case) -> Any:
    case.refresh_from_db()
    return client.post(
        reverse("cases:transition", args=[case.number]),
        {
            "target": Phase.AFGESLOTEN,
            "closing_reason": ClosingReason.objects.order_by("id")[0].pk,
            "reason": "Doelen bereikt",
            "version": case.version,
        },
        follow=True,
    )


def test_closing_the_case_ends_every_open_registration(
    login_as,
    personas,
    shared_case: Case,
    registrations,
    contacts,
    django_capture_on_commit_callbacks,
) -> None:
    partner = login_as("partner_stadsdeel")
    case_page = reverse("partners:case", args=[shared_case.number])
    assert partner.get(case_page).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = _close(login_as("regisseur_a"), shared_case)
    assert response.status_code == 200
    shared_case.refresh_from_db()
    assert shared_case.phase == Phase.AFGESLOTEN

    for key in ("noord", "school", "oost"):
        registration = Registration.objects.get(pk=registrations[key].pk)
        assert registration.status == Registration.Status.ENDED, key
        assert registration.end_reason == "casus afgesloten"
        assert registration.ended_by == personas["regisseur_a"]
        assert registration.ended_at is not None
    untouched = Registration.objects.get(pk=registrations["buurtwerk"].pk)
    assert untouched.status == Registration.Status.ENDED
    assert untouched.end_reason == ""

    # The partner's access has ended with the close.
    assert partner.get(case_page).status_code == 404

    # A timeline event and an audit event for each.
    timeline = TimelineEvent.objects.filter(
        case=shared_case, kind=TimelineEvent.Kind.PARTNER, reason="casus afgesloten"
    )
    assert timeline.count() == 3
    ended = AuditEvent.objects.filter(
        action="partners.registration.end", case_id=shared_case.number
    )
    assert ended.count() == 3
    assert {e.changes["cause"] for e in ended} == {"case_closed"}
    assert {e.actor for e in ended} == {"regisseur_a"}

    # One e-mail: to the contact of the one registration that gave access today.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([contacts["user"], contacts["contact"]])
    assert shared_case.number in message.subject
    assert "casus afgesloten" in message.body
    assert shared_case.person.last_name not in f"{message.subject} {message.body}"

    # The screen says what happened.
    shown = [str(m) for m in response.context["messages"]]
    assert any("Stadsdeel Noord" in m for m in shown), shown


def test_a_failure_in_the_close_leaves_everything_as_it_was(
    personas, shared_case: Case, registrations, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    """Nothing half-written: the registrations end in the close's own transaction."""

    def fail(case: Any, actor: Any) -> None:
        raise RuntimeError("after the partners")

    # Runs after the partners app's own callback, which has ended the registrations by then.
    monkeypatch.setattr(extensions, "_case_closed", [*extensions._case_closed, fail])
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        cases.transition(
            actor=personas["regisseur_a"],
            case=shared_case,
            target=Phase.AFGESLOTEN,
            closing_reason=ClosingReason.objects.order_by("id")[0],
            reason="Afgesloten na evaluatie.",
        )
    assert callbacks == []  # no e-mail waits for a commit that never comes
    assert Case.objects.get(pk=shared_case.pk).phase != Phase.AFGESLOTEN
    assert Registration.objects.get(pk=registrations["noord"].pk).status == "actief"
    assert not AuditEvent.objects.filter(action="partners.registration.end").exists()
    assert mail.outbox == []


def test_reopening_does_not_bring_access_back(login_as, personas, shared_case, registrations):
    _close(login_as("regisseur_a"), shared_case)
    shared_case.refresh_from_db()
    cases.transition(
        actor=personas["teamleider"], case=shared_case, target=Phase.REGIE, reason="Terugval"
    )
    page = login_as("partner_stadsdeel").get(reverse("partners:case", args=[shared_case.number]))
    assert page.status_code == 404


@pytest.fixture
def noord_on_two_cases(personas, shared_case, make_case, signed, contacts) -> list[Registration]:
    second = make_case(personas["regisseur_b"])
    other = activate(second, signed["noord"], ["phase"], personas["regisseur_b"])
    pending = activate(
        make_case(personas["regisseur_b"]),
        signed["noord"],
        ["phase"],
        personas["regisseur_b"],
        status=Registration.Status.REQUESTED,
    )
    first = Registration.objects.get(case=shared_case, organisation=signed["noord"])
    return [first, other, pending]


def test_withdrawing_the_covenant_ends_all_registrations_of_the_organisation(
    login_as, personas, signed, noord_on_two_cases, contacts, django_capture_on_commit_callbacks
) -> None:
    oost = activate(noord_on_two_cases[0].case, signed["oost"], ["phase"], personas["regisseur_a"])
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.withdraw_covenant(
            actor=personas["beheerder"], organisation=signed["noord"]
        )

    noord = signed["noord"]
    noord.refresh_from_db()
    assert noord.covenant_signed_on is None
    assert not noord.has_signed_covenant
    for registration in noord_on_two_cases:
        registration.refresh_from_db()
        assert registration.status == Registration.Status.ENDED
        assert registration.end_reason == "convenant ingetrokken"
        assert registration.ended_by == personas["beheerder"]
    assert Registration.objects.get(pk=oost.pk).status == Registration.Status.ACTIVE

    withdrawal = AuditEvent.objects.get(action="organisations.organisation.covenant_withdraw")
    assert withdrawal.changes["covenant_signed_on"] == ["2021-06-15", None]
    ended = AuditEvent.objects.filter(action="partners.registration.end")
    assert {e.changes["cause"] for e in ended} == {"covenant_withdrawn"}
    assert ended.count() == 3
    assert TimelineEvent.objects.filter(reason="convenant ingetrokken").count() == 3
    # The two registrations that gave access are each announced to the partner's contacts.
    assert len(mail.outbox) == 2
    assert all(contacts["user"] in m.to for m in mail.outbox)
    assert (
        login_as("partner_stadsdeel").get(reverse("partners:cases")).context["registrations"] == []
    )


def test_withdrawing_needs_a_functional_administrator(personas, signed, noord_on_two_cases):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        organisation_services.withdraw_covenant(
            actor=personas["teamleider"], organisation=signed["noord"]
        )
    assert Registration.objects.filter(status=Registration.Status.ACTIVE).count() == 2


def test_an_organisation_without_a_covenant_cannot_withdraw_it(personas, organisations) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        organisation_services.withdraw_covenant(
            actor=personas["beheerder"], organisation=organisations["noord"]
        )


@pytest.fixture
def admin_client(login_as) -> Any:
    return login_as("beheerder")


def test_the_admin_withdraws_through_the_service(
    admin_client, signed, noord_on_two_cases, contacts
) -> None:
    changelist = reverse("admin:organisations_organisation_changelist")
    confirm = admin_client.post(
        changelist,
        {"action": "withdraw_covenant", "_selected_action": [signed["noord"].pk]},
    )
    assert confirm.status_code == 200  # a confirmation page first; nothing has changed yet
    assert Registration.objects.filter(status=Registration.Status.ACTIVE).count() == 2
    assert "Stadsdeel Noord" in confirm.content.decode()
    done = admin_client.post(
        changelist,
        {
            "action": "withdraw_covenant",
            "_selected_action": [signed["noord"].pk],
            "confirm": "yes",
        },
        follow=True,
    )
    assert done.status_code == 200
    signed["noord"].refresh_from_db()
    assert signed["noord"].covenant_signed_on is None
    assert not Registration.objects.filter(
        organisation=signed["noord"],
        status__in=[Registration.Status.ACTIVE, Registration.Status.REQUESTED],
    ).exists()
    assert AuditEvent.objects.filter(action="organisations.organisation.covenant_withdraw").exists()


def test_the_admin_form_does_not_clear_the_covenant_date(
    admin_client, signed, noord_on_two_cases
) -> None:
    """Clearing the date in the form would leave the registrations running: refused."""
    noord = signed["noord"]
    url = reverse("admin:organisations_organisation_change", args=[noord.pk])
    response = admin_client.post(
        url,
        {
            "name": noord.name,
            "kind": noord.kind,
            "parent": noord.parent_id or "",
            "is_active": "on",
            "covenant_signed_on": "",
            "covenant_document": "",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["covenant_signed_on"]
    noord.refresh_from_db()
    assert noord.covenant_signed_on == date(2021, 6, 15)
    assert Registration.objects.filter(status=Registration.Status.ACTIVE).count() == 2
    # A correction of the date stays possible in the form.
    corrected = admin_client.post(
        url,
        {
            "name": noord.name,
            "kind": noord.kind,
            "parent": noord.parent_id or "",
            "is_active": "on",
            "covenant_signed_on": "2021-06-16",
            "covenant_document": noord.covenant_document,
        },
    )
    assert corrected.status_code == 302
    noord.refresh_from_db()
    assert noord.covenant_signed_on == date(2021, 6, 16)


def test_the_daily_run_ends_what_was_left_open(
    personas, own_case, make_case, signed, capsys, django_capture_on_commit_callbacks
) -> None:
    """Registrations from before this rule, or closed around the services, end with the next
    `regie partners expire`."""
    closed = make_case(personas["regisseur_a"], phase=Phase.AFGESLOTEN)
    on_closed = activate(closed, signed["noord"], ["phase"], personas["regisseur_a"])
    unsigned = activate(own_case, signed["oost"], ["phase"], personas["regisseur_a"])
    still = activate(own_case, signed["noord"], ["phase"], personas["regisseur_a"])
    type(signed["oost"]).objects.filter(pk=signed["oost"].pk).update(covenant_signed_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("partners", "expire")
    assert "2 ended (case closed or covenant withdrawn)" in capsys.readouterr().out
    on_closed.refresh_from_db()
    unsigned.refresh_from_db()
    assert (on_closed.status, on_closed.end_reason) == ("beeindigd", "casus afgesloten")
    assert (unsigned.status, unsigned.end_reason) == ("beeindigd", "convenant ingetrokken")
    assert on_closed.ended_by is None
    assert Registration.objects.get(pk=still.pk).status == Registration.Status.ACTIVE
    actors = set(
        AuditEvent.objects.filter(action="partners.registration.end").values_list(
            "actor", flat=True
        )
    )
    assert actors == {""}
