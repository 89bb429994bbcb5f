from __future__ import annotations

from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.core.admin_site import AuditedModelAdmin, site
from regie.core.vocabulary import Kernel
from regie.organisations.models import Organisation


def test_every_admin_on_the_site_is_audited() -> None:
    plain = [m.__name__ for m, a in site._registry.items() if not isinstance(a, AuditedModelAdmin)]
    assert plain == []


def test_admin_change_is_audited_with_changed_fields(login_as, personas) -> None:
    client = login_as("beheerder")
    target = personas["regisseur_b"]
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "username": target.username,
        "first_name": "Renamed",
        "last_name": target.last_name,
        "email": "new@example.org",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    membership = target.memberships.get()
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(membership.pk),
            "memberships-0-user": str(target.pk),
            "memberships-0-organisation": str(membership.organisation_id),
            "memberships-0-role": membership.role,
            "memberships-0-is_primary": "on",
            "memberships-0-starts_on": str(membership.starts_on),
            "memberships-0-function_title": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="admin.accounts.user.change")
    assert event.actor == "beheerder"
    assert event.object_id == str(target.pk)
    assert event.changes["first_name"] == ["Regisseur_B", "Renamed"]
    assert event.changes["email"] == ["", "new@example.org"]


def test_admin_password_change_is_audited_without_the_secret(login_as, personas) -> None:
    # One's own password; another account's is closed here (tests/accounts/test_resets.py).
    client = login_as("beheerder")
    target = personas["beheerder"]
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    response = client.post(
        url,
        {
            "password1": "een nieuw lang wachtwoord",
            "password2": "een nieuw lang wachtwoord",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(actor="beheerder", object_id=str(target.pk))
    assert events.exists()
    assert not any("een nieuw lang" in str(e.changes) for e in AuditEvent.objects.all())


def test_admin_delete_is_audited(login_as) -> None:
    client = login_as("beheerder")
    organisation = Organisation.objects.create(name="Tijdelijk", kind="other")
    url = reverse("admin:organisations_organisation_delete", args=[organisation.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action="admin.organisations.organisation.delete", object_id=str(organisation.pk)
    ).exists()


def test_admin_pages_are_logged_as_reads(login_as) -> None:
    login_as("beheerder").get(reverse("admin:accounts_user_changelist"))
    assert AuditEvent.objects.filter(action="admin.access.read", actor="beheerder").exists()


def test_non_admin_is_refused_and_logged(login_as) -> None:
    assert login_as("auditor").get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert AuditEvent.objects.filter(
        action="admin.access", actor="auditor", result="denied"
    ).exists()


def test_superuser_flag_bootstraps_admin_only(db) -> None:
    user = User.objects.create_superuser("root", password="een lang wachtwoord")
    from regie.core.policy import permits

    assert permits(user, Kernel.ADMIN_ACCESS)
    assert not permits(user, Kernel.AUDIT_VIEW_LOG)
