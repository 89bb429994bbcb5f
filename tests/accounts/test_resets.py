"""Issue 10, point 10: one administrator cannot take over an account.

A reset of another account's password or second factor is a request that a second person
approves within 24 hours (another administrator; the team leader for the regie team's staff,
never for auditors and administrators); the owner is e-mailed when it is requested and when it
takes effect; the direct paths in the admin are closed.
"""

from __future__ import annotations

import re
import smtplib
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import ResetRequest, Role, User
from regie.audit.models import AuditEvent
from tests.conftest import PASSWORD, PERSONAS, make_user, verify_session

NEW_PASSWORD = "een heel nieuw wachtwoord voor regie"


@pytest.fixture
def staff(personas: dict[str, User], organisations: dict[str, Any]) -> dict[str, User]:
    """The personas with e-mail addresses, plus a second administrator."""
    for user in personas.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    second = make_user("beheerder_2", (organisations["amsterdam"], Role.BEHEERDER, None))
    second.email = "beheerder_2@example.org"
    second.save(update_fields=["email"])
    return {**personas, "beheerder_2": second}


@pytest.fixture
def client_as(staff: dict[str, User]) -> Any:
    def login(name: str) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        verify_session(client, staff[name])
        return client

    return login


def request_url(user: User, kind: str = "password") -> str:
    return reverse("accounts:reset_request", args=[user.pk]) + f"?kind={kind}"


def ask(client: Client, target: User, kind: str = ResetRequest.Kind.PASSWORD) -> Any:
    return client.post(
        reverse("accounts:reset_request", args=[target.pk]),
        {"kind": kind, "reason": "Lost her phone; asked by telephone, call-back verified."},
    )


def decide(client: Client, reset: ResetRequest, decision: str = "approve", note: str = "") -> Any:
    return client.post(
        reverse("accounts:reset_decide", args=[reset.pk]), {"decision": decision, "note": note}
    )


def messages_of(client: Client, response: Any) -> list[str]:
    page = client.get(response["Location"])
    return [str(m) for m in page.context["messages"]]


# --- The direct paths in the admin are closed --------------------------------------------------


def test_admin_does_not_set_another_accounts_password(client_as, staff, mailoutbox) -> None:
    target = staff["regisseur_b"]
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    response = client_as("beheerder").post(
        url,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:reset_request", args=[target.pk])
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
    assert not target.check_password(NEW_PASSWORD)
    assert not AuditEvent.objects.filter(action="admin.accounts.user.password_change").exists()


def test_admin_password_form_of_another_account_leads_to_the_request(client_as, staff) -> None:
    target = staff["regisseur_b"]
    response = client_as("beheerder").get(
        reverse("admin:auth_user_password_change", args=[target.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:reset_request", args=[target.pk])
    assert b'name="reason"' in response.content


def test_admin_cannot_delete_anothers_authenticator(client_as, staff) -> None:
    device = TOTPDevice.objects.create(user=staff["regisseur_b"], name="app", confirmed=True)
    client = client_as("beheerder")
    one = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    bulk = client.post(
        reverse("admin:otp_totp_totpdevice_changelist"),
        {"action": "delete_selected", "_selected_action": [str(device.pk)], "post": "yes"},
    )
    assert one.status_code == 403
    assert bulk.status_code in (200, 302)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not AuditEvent.objects.filter(action="admin.otp_totp.totpdevice.delete").exists()


def test_user_page_offers_the_reset_requests(client_as, staff) -> None:
    target = staff["regisseur_b"]
    page = client_as("beheerder").get(reverse("admin:accounts_user_change", args=[target.pk]))
    assert page.status_code == 200
    assert request_url(target, "password").encode() in page.content
    assert request_url(target, "second_factor").encode() in page.content


# --- Requesting ---------------------------------------------------------------------------------


def test_request_changes_nothing_yet_and_emails_the_owner(client_as, staff, mailoutbox) -> None:
    target = staff["regisseur_b"]
    response = ask(client_as("beheerder"), target)
    reset = ResetRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:reset", args=[reset.pk])
    assert reset.status == ResetRequest.Status.PENDING
    assert reset.requested_by == staff["beheerder"]
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
    assert [m.to for m in mailoutbox] == [["regisseur_b@example.org"]]
    assert "call-back verified" in mailoutbox[0].body
    event = AuditEvent.objects.get(action="accounts.reset.request")
    assert event.actor == "beheerder"
    assert event.changes["user"] == "regisseur_b"
    assert event.changes["kind"] == "password"


@pytest.mark.parametrize("persona", ["teamleider", "regisseur_a", "auditor", "outsider"])
def test_only_administrators_request_resets(client_as, staff, persona: str) -> None:
    client = client_as(persona)
    assert client.get(request_url(staff["regisseur_b"])).status_code == 403
    assert ask(client, staff["regisseur_b"]).status_code == 403
    assert not ResetRequest.objects.exists()


def test_nobody_requests_a_reset_of_their_own_account(client_as, staff) -> None:
    client = client_as("beheerder")
    assert client.get(request_url(staff["beheerder"])).status_code == 403
    assert ask(client, staff["beheerder"]).status_code == 403
    assert not ResetRequest.objects.exists()


def test_request_needs_a_reason(client_as, staff, mailoutbox) -> None:
    response = client_as("beheerder").post(
        reverse("accounts:reset_request", args=[staff["regisseur_b"].pk]),
        {"kind": "password", "reason": "   "},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert not ResetRequest.objects.exists()
    assert mailoutbox == []


def test_request_for_an_account_without_email_is_refused(client_as, staff, mailoutbox) -> None:
    target = staff["regisseur_b"]
    target.email = ""
    target.save(update_fields=["email"])
    response = ask(client_as("beheerder"), target)
    assert response.status_code == 400
    assert "has no e-mail address" in str(response.context["form"].non_field_errors())
    assert not ResetRequest.objects.exists()
    assert mailoutbox == []


def test_second_factor_request_needs_a_second_factor(client_as, staff) -> None:
    response = ask(client_as("beheerder"), staff["regisseur_b"], ResetRequest.Kind.SECOND_FACTOR)
    assert response.status_code == 400
    assert "no second factor yet" in str(response.context["form"].non_field_errors())
    assert not ResetRequest.objects.exists()


def test_one_waiting_request_per_account_and_kind(client_as, staff) -> None:
    client = client_as("beheerder")
    ask(client, staff["regisseur_b"])
    again = ask(client_as("beheerder_2"), staff["regisseur_b"])
    assert again.status_code == 400
    assert "already waiting" in str(again.context["form"].non_field_errors())
    assert ResetRequest.objects.count() == 1


def test_request_that_cannot_be_mailed_is_not_made(client_as, staff) -> None:
    with mock.patch(
        "regie.accounts.mail.send_mail", side_effect=smtplib.SMTPException("mail server down")
    ):
        response = ask(client_as("beheerder"), staff["regisseur_b"])
    assert response.status_code == 400
    assert "could not be sent" in str(response.context["form"].non_field_errors())
    assert not ResetRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="accounts.reset.request").exists()


# --- Approving: a second person ----------------------------------------------------------------


def pending(client_as: Any, target: User, kind: str = ResetRequest.Kind.PASSWORD) -> ResetRequest:
    assert ask(client_as("beheerder"), target, kind).status_code == 302
    return ResetRequest.objects.get(target=target, kind=kind, status="pending")


def test_second_administrator_approves_a_password_reset(client_as, staff, mailoutbox) -> None:
    target = staff["regisseur_b"]
    owner = Client()
    verify_session(owner, target)
    reset = pending(client_as, target)
    approver = client_as("beheerder_2")
    assert approver.get(reverse("accounts:reset", args=[reset.pk])).context["may_decide"]

    response = decide(approver, reset)

    assert response.status_code == 302
    assert messages_of(approver, response) == [
        "Approved: the old password no longer works, the owner is logged out everywhere and "
        "has been e-mailed a link to choose a new password."
    ]
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.APPROVED
    assert reset.decided_by == staff["beheerder_2"]
    target.refresh_from_db()
    assert not target.has_usable_password()
    assert owner.get(reverse("accounts:home")).status_code == 302  # logged out everywhere
    assert not Session.objects.filter(session_key=owner.session.session_key).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.reset.request", "accounts.reset.approve", "accounts.reset.effect"} <= actions
    assert "auth.sessions_ended" in actions

    # The owner chooses the new password with the e-mailed link; nobody else saw it.
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["regisseur_b@example.org"]
    link = re.search(r"https?://\S+", mailoutbox[1].body)
    assert link is not None
    browser = Client()
    form_page = browser.get(link.group(0), follow=True)
    assert form_page.context["validlink"]
    saved = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert saved.status_code == 302
    assert saved["Location"] == reverse("accounts:login")
    target.refresh_from_db()
    assert target.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action="accounts.reset.password_set", actor="regisseur_b"
    ).exists()
    # The link works once.
    assert not Client().get(link.group(0), follow=True).context["validlink"]
    assert NEW_PASSWORD not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_second_factor_reset_removes_every_device(client_as, staff, mailoutbox) -> None:
    target = staff["regisseur_b"]
    owner = Client()
    verify_session(owner, target)
    services.create_recovery_codes(actor=target, user=target, reason="enrolment")
    reset = pending(client_as, target, ResetRequest.Kind.SECOND_FACTOR)
    assert TOTPDevice.objects.filter(user=target).exists()

    response = decide(client_as("teamleider"), reset)

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    target.refresh_from_db()
    assert target.check_password(PASSWORD)  # the password stays
    assert owner.get(reverse("accounts:home")).status_code == 302
    effect = AuditEvent.objects.get(action="accounts.reset.effect")
    assert effect.changes["devices_removed"] == 2
    assert "tweede factor" in mailoutbox[-1].body  # the owner is written to in Dutch
    # At the next login the owner sets up a new authenticator app.
    fresh = Client()
    login = fresh.post(reverse("accounts:login"), {"username": "regisseur_b", "password": PASSWORD})
    assert login["Location"] == reverse("accounts:enrol")


def test_requester_never_approves_their_own_request(client_as, staff) -> None:
    reset = pending(client_as, staff["regisseur_b"])
    client = client_as("beheerder")
    assert not client.get(reverse("accounts:reset", args=[reset.pk])).context["may_decide"]
    assert decide(client, reset).status_code == 403
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.PENDING
    assert staff["regisseur_b"].check_password(PASSWORD)
    assert AuditEvent.objects.filter(
        action="accounts.reset.decide", actor="beheerder", result="denied"
    ).exists()


def test_owner_does_not_approve_a_reset_of_their_own_account(client_as, staff) -> None:
    reset = pending(client_as, staff["teamleider"])
    assert decide(client_as("teamleider"), reset).status_code == 403
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.PENDING


@pytest.mark.parametrize("target", ["auditor", "beheerder_2"])
def test_team_leader_cannot_approve_for_accounts_with_more_rights(
    client_as, staff, target: str
) -> None:
    reset = pending(client_as, staff[target])
    teamleider = client_as("teamleider")
    assert teamleider.get(reverse("accounts:reset", args=[reset.pk])).status_code == 404
    assert decide(teamleider, reset).status_code == 404
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.PENDING
    assert staff[target].check_password(PASSWORD)


@pytest.mark.parametrize("extra_role", [Role.AUDITOR, Role.BEHEERDER])
def test_regie_staff_with_more_rights_is_left_to_administrators(
    client_as, staff, organisations, extra_role: str
) -> None:
    target = staff["regisseur_b"]
    target.memberships.create(organisation=organisations["amsterdam"], role=extra_role)
    reset = pending(client_as, target)
    assert decide(client_as("teamleider"), reset).status_code == 404
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.PENDING
    assert decide(client_as("beheerder_2"), reset).status_code == 302
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.APPROVED


def test_another_administrator_approves_for_an_auditor(client_as, staff) -> None:
    reset = pending(client_as, staff["auditor"])
    assert decide(client_as("beheerder_2"), reset).status_code == 302
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.APPROVED


def test_team_leader_approves_only_for_the_regie_teams_staff(client_as, staff) -> None:
    partner = pending(client_as, staff["partner_stadsdeel"])
    regisseur = pending(client_as, staff["regisseur_a"])
    teamleider = client_as("teamleider")
    assert decide(teamleider, partner).status_code == 404
    assert decide(teamleider, regisseur).status_code == 302
    partner.refresh_from_db()
    regisseur.refresh_from_db()
    assert partner.status == ResetRequest.Status.PENDING
    assert regisseur.status == ResetRequest.Status.APPROVED


def test_a_membership_that_ended_does_not_make_regie_staff(client_as, staff) -> None:
    target = staff["regisseur_b"]
    target.memberships.update(ends_on=timezone.localdate() - timedelta(days=1))
    reset = pending(client_as, target)
    assert decide(client_as("teamleider"), reset).status_code == 404


@pytest.mark.parametrize("persona", ["regisseur_a", "auditor", "partner_stadsdeel", "outsider"])
def test_others_cannot_see_or_decide(client_as, staff, persona: str) -> None:
    reset = pending(client_as, staff["regisseur_b"])
    client = client_as(persona)
    assert client.get(reverse("accounts:resets")).status_code == 403
    assert client.get(reverse("accounts:reset", args=[reset.pk])).status_code == 403
    assert decide(client, reset).status_code == 403


def test_rejection_needs_a_note_and_changes_nothing(client_as, staff, mailoutbox) -> None:
    reset = pending(client_as, staff["regisseur_b"])
    client = client_as("beheerder_2")
    without = decide(client, reset, "reject")
    assert messages_of(client, without) == ["Say why you reject the request."]
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.PENDING
    decide(client, reset, "reject", "Owner did not ask for this.")
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.REJECTED
    assert reset.decision_note == "Owner did not ask for this."
    assert staff["regisseur_b"].check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="accounts.reset.reject", actor="beheerder_2").exists()
    assert decide(client, reset).status_code == 302  # a decided request stays decided
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.REJECTED


def test_approval_that_cannot_be_mailed_changes_nothing(client_as, staff) -> None:
    target = staff["regisseur_b"]
    reset = pending(client_as, target)
    client = client_as("beheerder_2")
    with mock.patch(
        "regie.accounts.mail.send_mail", side_effect=smtplib.SMTPException("mail server down")
    ):
        response = decide(client, reset)
    assert messages_of(client, response) == [
        "The e-mail to the account's owner could not be sent, so nothing was done."
    ]
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.PENDING
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action__in=["accounts.reset.approve"]).exists()


# --- 24 hours -------------------------------------------------------------------------------


def test_a_request_older_than_24_hours_cannot_be_approved(client_as, staff) -> None:
    target = staff["regisseur_b"]
    reset = pending(client_as, target)
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        client = client_as("beheerder_2")
        page = client.get(reverse("accounts:reset", args=[reset.pk]))
        assert not page.context["may_decide"]
        response = decide(client, reset)
        assert messages_of(client, response) == [
            "This request is more than 24 hours old and has expired; nothing was changed."
        ]
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.EXPIRED
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="accounts.reset.expire").count() == 1
    assert not AuditEvent.objects.filter(action="accounts.reset.approve").exists()


def test_within_24_hours_it_can(client_as, staff) -> None:
    reset = pending(client_as, staff["regisseur_b"])
    with time_machine.travel(timezone.now() + timedelta(hours=23, minutes=59)):
        decide(client_as("beheerder_2"), reset)
    reset.refresh_from_db()
    assert reset.status == ResetRequest.Status.APPROVED


def test_expire_command_marks_old_requests(client_as, staff, capsys) -> None:
    start = timezone.now()
    old = pending(client_as, staff["regisseur_b"])
    with time_machine.travel(start + timedelta(hours=20)):
        fresh = pending(client_as, staff["regisseur_a"])
    with time_machine.travel(start + timedelta(hours=25)):
        call_command("resets", "expire")
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == ResetRequest.Status.EXPIRED
    assert fresh.status == ResetRequest.Status.PENDING
    assert "resets: 1 requests expired" in capsys.readouterr().out
    event = AuditEvent.objects.get(action="accounts.reset.expire")
    assert event.object_id == str(old.pk)
    assert event.actor == ""


# --- Where the second person finds them ---------------------------------------------------------


def test_waiting_requests_are_listed_and_announced_to_who_may_decide(client_as, staff) -> None:
    reset = pending(client_as, staff["regisseur_b"])
    detail = reverse("accounts:reset", args=[reset.pk])
    for persona in ("beheerder_2", "teamleider"):
        client = client_as(persona)
        listing = client.get(reverse("accounts:resets"))
        assert listing.status_code == 200
        assert detail.encode() in listing.content
        home = client.get(reverse("accounts:home")).content.decode()
        assert 'id="panel-resets-waiting"' in home
    # Not for the one who asked, nor for the owner.
    assert 'id="panel-resets-waiting"' not in client_as("beheerder").get("/").content.decode()
    assert 'id="panel-resets-waiting"' not in client_as("regisseur_b").get("/").content.decode()


def test_list_shows_a_request_past_its_window_as_expired(client_as, staff) -> None:
    pending(client_as, staff["regisseur_b"])
    with time_machine.travel(timezone.now() + timedelta(hours=30)):
        listing = client_as("beheerder_2").get(reverse("accounts:resets"))
        assert listing.context["waiting"] == []
        assert [r.shown_status for r in listing.context["earlier"]] == ["expired"]


# --- The e-mail address the messages go to ----------------------------------------------------


def test_changing_someone_elses_email_tells_the_old_address(
    client_as, staff, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    target = staff["regisseur_b"]
    url = reverse("admin:accounts_user_change", args=[target.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("beheerder").post(
            url,
            {
                "username": target.username,
                "first_name": target.first_name,
                "last_name": target.last_name,
                "email": "someone.else@example.org",
                "is_active": "on",
                # The memberships inline (issue 11), left as it is.
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["regisseur_b@example.org"]]
    assert "someone.else@example.org" in mailoutbox[0].body


# --- Every persona against the pages with an object ------------------------------------------

# A request about regisseur_b (regie team): administrators and the team leader see it.
DETAIL = {"beheerder": 200, "beheerder_2": 200, "teamleider": 200}
# The request form for regisseur_b's account: administrators only.
REQUEST_FORM = {"beheerder": 200, "beheerder_2": 200}


@pytest.mark.parametrize("persona", [*PERSONAS, "beheerder_2"])
def test_persona_matrix_of_the_reset_pages(client_as, staff, persona: str) -> None:
    reset = pending(client_as, staff["regisseur_b"])
    client = client_as(persona)
    detail = client.get(reverse("accounts:reset", args=[reset.pk]))
    form = client.get(request_url(staff["regisseur_b"]))
    assert detail.status_code == DETAIL.get(persona, 403)
    assert form.status_code == REQUEST_FORM.get(persona, 403)
