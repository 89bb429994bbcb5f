"""Issue 10, point 10: an administrator cannot give themselves a role (admin and service)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from regie.accounts import services
from regie.accounts.models import Membership, Role, User
from regie.audit.models import AuditEvent
from tests.conftest import verify_session


@pytest.fixture
def root(db: Any) -> User:
    """The bootstrap administrator (`regie createsuperuser`): the one account whose Django
    permissions let it edit memberships in the admin."""
    return User.objects.create_superuser("root", password="een lang wachtwoord voor root")


def user_form(user: User, memberships: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, fields in enumerate(memberships):
        data.update({f"memberships-{index}-{name}": value for name, value in fields.items()})
    return data


def auditor_role(user: User, organisation: Any) -> dict[str, str]:
    return {
        "user": str(user.pk),
        "organisation": str(organisation.pk),
        "role": Role.AUDITOR,
        "is_primary": "on",
        "starts_on": "2026-01-01",
        "function_title": "",
    }


def test_administrator_cannot_give_themselves_a_role_in_the_admin(root, organisations) -> None:
    client = Client()
    verify_session(client, root)
    url = reverse("admin:accounts_user_change", args=[root.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, user_form(root, [auditor_role(root, organisations["amsterdam"])]))
    assert response.status_code in (302, 403)
    assert not Membership.objects.filter(user=root).exists()


def test_administrator_cannot_change_their_own_role(root, organisations) -> None:
    own = Membership.objects.create(
        user=root, organisation=organisations["amsterdam"], role=Role.SECRETARIS
    )
    client = Client()
    verify_session(client, root)
    changed = {**auditor_role(root, organisations["amsterdam"]), "id": str(own.pk)}
    response = client.post(
        reverse("admin:accounts_user_change", args=[root.pk]),
        user_form(root, [changed], initial=1),
    )
    assert response.status_code in (302, 403)
    own.refresh_from_db()
    assert own.role == Role.SECRETARIS


def test_administrator_still_gives_others_a_role(root, personas, organisations) -> None:
    target = personas["outsider"]
    client = Client()
    verify_session(client, root)
    response = client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        user_form(target, [auditor_role(target, organisations["amsterdam"])]),
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=target, role=Role.AUDITOR).exists()


def test_functional_administrator_cannot_give_themselves_a_role(login_as, personas) -> None:
    beheerder = personas["beheerder"]
    organisation = beheerder.memberships.get().organisation
    login_as("beheerder").post(
        reverse("admin:accounts_user_change", args=[beheerder.pk]),
        user_form(beheerder, [auditor_role(beheerder, organisation)]),
    )
    assert not beheerder.memberships.filter(role=Role.AUDITOR).exists()


def test_the_service_refuses_a_role_for_oneself(personas, organisations) -> None:
    beheerder = personas["beheerder"]
    with pytest.raises(PermissionDenied):
        services.ensure_membership(
            actor=beheerder,
            user=beheerder,
            organisation=organisations["amsterdam"],
            role=Role.AUDITOR,
        )
    assert not beheerder.memberships.filter(role=Role.AUDITOR).exists()
    assert AuditEvent.objects.filter(
        action="accounts.membership.create", actor="beheerder", result="denied"
    ).exists()
    # Someone else may (and so may the demo loader, which acts as nobody).
    services.ensure_membership(
        actor=personas["beheerder"],
        user=personas["outsider"],
        organisation=organisations["amsterdam"],
        role=Role.SECRETARIS,
    )
    assert personas["outsider"].memberships.filter(role=Role.SECRETARIS).exists()
