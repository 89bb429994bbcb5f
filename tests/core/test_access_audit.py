"""Refusals that were logged nowhere, or without what they were about (issue 10, points 3, 4).

Each test asks as a user would and reads the access log as the privacy officer would: who,
what action, which object as requested, which path (never the query string).
"""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client, override_settings
from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.audit.services import verify_chain
from tests.conftest import PASSWORD, verify_session

Login = Callable[[str], Client]
NUMBER = "PGA-2026-0042"  # need not exist: the request names it either way


def denied(actor: str) -> AuditEvent:
    return AuditEvent.objects.filter(actor=actor, result="denied").latest("id")


def test_a_refusal_at_the_door_names_the_case_and_the_path_only(login_as: Login) -> None:
    """The partner is refused every /casussen/ page before any lookup (ADR 0008); the log
    still says which case number was tried. The query string never reaches the log."""
    url = reverse("cases:journal_edit", args=[NUMBER, 17])
    response = login_as("partner_stadsdeel").get(f"{url}?q=Jansen+1-1-2001")
    assert response.status_code == 403
    event = denied("partner_stadsdeel")
    assert (event.action, event.object_type, event.object_id, event.case_id, event.path) == (
        "cases.view",
        "cases.journalentry",
        "17",
        NUMBER,
        url,
    )
    assert not AuditEvent.objects.filter(path__contains="Jansen").exists()


def test_every_event_of_a_request_carries_its_path(login_as: Login, personas) -> None:
    login_as("beheerder").get(reverse("admin:accounts_user_changelist") + "?q=regisseur")
    event = AuditEvent.objects.get(action="admin.access.read")
    assert event.path == reverse("admin:accounts_user_changelist")
    assert verify_chain().intact


# --- CSRF ---------------------------------------------------------------------------------


def test_a_csrf_failure_is_logged_and_shows_regies_own_page(personas) -> None:
    client = Client(enforce_csrf_checks=True)
    verify_session(client, personas["regisseur_a"])
    client.get(reverse("accounts:home"))  # the CSRF cookie, as after any page
    url = reverse("cases:journal_add", args=[NUMBER])
    response = client.post(url, {"text": "niets"})  # a form without its token
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulier niet geaccepteerd" in page
    assert "niets opgeslagen" in page
    event = denied("regisseur_a")
    assert (event.action, event.object_type, event.case_id, event.path) == (
        "security.csrf_failed",
        "cases.case",
        NUMBER,
        url,
    )
    assert event.changes == {"reason": "token_missing"}


def test_a_csrf_failure_from_another_site_keeps_the_referer_out_of_the_log(personas) -> None:
    client = Client(enforce_csrf_checks=True)
    verify_session(client, personas["regisseur_a"])
    client.post(
        reverse("cases:journal_add", args=[NUMBER]),
        secure=True,
        HTTP_REFERER="https://elders.example/zoek?naam=Jansen",
    )
    event = denied("regisseur_a")
    assert event.changes == {"reason": "bad_referer"}
    assert "Jansen" not in str(event.changes)


def test_an_anonymous_csrf_failure_is_logged_too(db) -> None:
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="security.csrf_failed")
    assert (event.actor, event.result, event.path) == ("", "denied", reverse("accounts:login"))


# --- Only the password step -----------------------------------------------------------------


def test_a_deep_url_before_the_second_factor_is_refused_and_logged(client: Client, personas):
    client.post(reverse("accounts:login"), {"username": "regisseur_a", "password": PASSWORD})
    url = reverse("cases:detail", args=[NUMBER])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:enrol")
    event = denied("regisseur_a")
    assert (event.action, event.object_type, event.object_id, event.case_id, event.path) == (
        "auth.mfa_required",
        "cases.case",
        f"number={NUMBER}",
        NUMBER,
        url,
    )


def test_second_factor_pages_are_not_refusals(client: Client, personas) -> None:
    client.post(reverse("accounts:login"), {"username": "regisseur_a", "password": PASSWORD})
    assert client.get(reverse("accounts:enrol")).status_code == 200
    assert not AuditEvent.objects.filter(action="auth.mfa_required").exists()


# --- The administration -------------------------------------------------------------------


def test_an_admin_page_refused_to_a_non_administrator_names_the_row(
    login_as: Login, personas
) -> None:
    target = personas["regisseur_b"]
    url = reverse("admin:accounts_user_change", args=[target.pk])
    assert login_as("auditor").get(url).status_code == 403
    event = denied("auditor")
    assert (event.action, event.object_type, event.object_id, event.path) == (
        "admin.access",
        "accounts.user",
        str(target.pk),
        url,
    )


def test_an_admin_page_the_model_refuses_is_logged(login_as: Login) -> None:
    """Tombstones are read-only: the administrator's add page is refused by the model's own
    permissions, which have no side effects of their own."""
    url = reverse("admin:cases_tombstone_add")
    assert login_as("beheerder").get(url).status_code == 403
    event = denied("beheerder")
    assert (event.action, event.object_type, event.path) == (
        "admin.manage",
        "cases.tombstone",
        url,
    )
    assert event.changes == {"view": "cases_tombstone_add"}


def test_an_admin_row_that_does_not_exist_is_logged(login_as: Login) -> None:
    url = reverse("admin:accounts_user_change", args=[987_654])
    assert login_as("beheerder").get(url).status_code == 302  # Django: back to the index
    event = denied("beheerder")
    assert (event.action, event.object_type, event.object_id, event.path) == (
        "accounts.user.view",
        "accounts.user",
        "987654",
        url,
    )


# --- Refusals a view made without the policy ------------------------------------------------


def test_a_hand_written_not_found_is_logged_against_the_url_object(login_as: Login) -> None:
    url = reverse("privacy:person", args=[987_654])
    assert login_as("auditor").get(url).status_code == 404
    event = denied("auditor")
    assert (event.action, event.object_type, event.object_id, event.path) == (
        "cases.person.view",
        "cases.person",
        "987654",
        url,
    )


@override_settings(ROOT_URLCONF="tests.core.urls_refusals")
def test_a_permission_denied_raised_by_a_view_is_logged(login_as: Login) -> None:
    assert login_as("regisseur_a").get("/weigert/").status_code == 403
    event = denied("regisseur_a")
    assert (event.action, event.object_type, event.object_id, event.path) == (
        "accounts.home",
        "url",
        "/weigert/",
        "/weigert/",
    )


@override_settings(ROOT_URLCONF="tests.core.urls_refusals")
def test_a_not_found_without_an_object_in_the_url_is_logged(login_as: Login) -> None:
    assert login_as("regisseur_a").get("/niet-gevonden/?versie=3").status_code == 404
    event = denied("regisseur_a")
    assert (event.action, event.object_type, event.object_id, event.path) == (
        "page.not_found",
        "url",
        "/niet-gevonden/",
        "/niet-gevonden/",
    )


def test_a_refusal_is_logged_once(login_as: Login) -> None:
    """get_for_user logs the refusal itself; the middleware does not add a second one."""
    login_as("regisseur_b").get(reverse("cases:detail", args=[NUMBER]))
    assert AuditEvent.objects.filter(actor="regisseur_b", result="denied").count() == 1


def test_anonymous_requests_for_pages_are_not_refusals(client: Client, db) -> None:
    assert client.get(reverse("cases:detail", args=[NUMBER])).status_code == 302
    assert not AuditEvent.objects.filter(result="denied").exists()
    assert not User.objects.exists()


def test_the_privacy_officer_sees_the_path_of_a_refusal(login_as: Login) -> None:
    url = reverse("cases:detail", args=[NUMBER])
    login_as("partner_stadsdeel").get(url)
    page = login_as("auditor").get(reverse("audit:log"), {"actor": "partner_stadsdeel"})
    assert f'<span class="regie-muted">{url}</span>' in page.content.decode()
