"""Issue 11, point 1: the functional administrator onboards staff in the admin.

A ``beheerder`` creates an account, gives it memberships (organisation, team, role, from/until)
with clear Dutch errors, sees who holds which role, and deactivates an account instead of
deleting it; every change is audited, and roles with rights over other people's accounts or
data (auditor, beheerder) stay with the bootstrap administrator.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from regie.accounts.models import Membership, Role, User, UserSession
from regie.audit.models import AuditEvent
from regie.organisations.models import Team
from tests.conftest import PASSWORD, verify_session


def nl(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def user_form(
    user: User, memberships: list[dict[str, str]], initial: int = 0, **fields: str
) -> dict[str, str]:
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
        **fields,
    }
    for index, values in enumerate(memberships):
        data.update({f"memberships-{index}-{name}": value for name, value in values.items()})
    return data


def membership(user: User, organisation: Any, role: str = "", **extra: str) -> dict[str, str]:
    return {
        "user": str(user.pk),
        "organisation": str(organisation.pk),
        "team": "",
        "role": role,
        "function_title": "",
        "is_primary": "on",
        "starts_on": "2026-01-01",
        "ends_on": "",
        **extra,
    }


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


@pytest.fixture
def newcomer(db: Any) -> User:
    return User.objects.create_user("nieuw.jansen", password=PASSWORD, first_name="Noor")


@pytest.fixture
def pool(organisations: dict[str, Any]) -> Team:
    return Team.objects.create(
        name="Regisseurspool Noord", kind="regisseurspool", organisation=organisations["amsterdam"]
    )


# --- Memberships on the user page ---------------------------------------------------------------


def test_the_beheerder_sees_the_memberships_of_another_account(login_as, personas) -> None:
    page = login_as("beheerder").get(change_url(personas["regisseur_a"]))
    assert page.status_code == 200
    formset = next(f for f in page.context["inline_admin_formsets"] if f.opts.model is Membership)
    assert formset.has_add_permission
    assert formset.has_change_permission
    assert 'name="memberships-0-role"' in page.content.decode()


def test_the_beheerder_gives_a_new_account_a_role(
    login_as, personas, organisations, newcomer, pool
) -> None:
    response = login_as("beheerder").post(
        change_url(newcomer),
        user_form(
            newcomer,
            [
                membership(
                    newcomer,
                    organisations["amsterdam"],
                    Role.REGISSEUR,
                    team=str(pool.pk),
                    ends_on="2027-12-31",
                )
            ],
        ),
    )
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    granted = Membership.objects.get(user=newcomer)
    assert (granted.role, granted.team, str(granted.ends_on)) == (
        Role.REGISSEUR,
        pool,
        "2027-12-31",
    )
    event = AuditEvent.objects.get(action="accounts.membership.create", result="ok")
    assert event.actor == "beheerder"
    assert event.object_id == str(granted.pk)
    assert event.changes["role"] == [None, Role.REGISSEUR]
    assert event.changes["user"] == [None, "nieuw.jansen"]


def test_the_beheerder_ends_a_membership_and_it_is_audited(login_as, personas) -> None:
    target = personas["regisseur_b"]
    current = target.memberships.get()
    row = membership(target, current.organisation, current.role, team=str(current.team_id))
    row.update(id=str(current.pk), starts_on=str(current.starts_on), ends_on="2030-06-30")
    response = login_as("beheerder").post(change_url(target), user_form(target, [row], initial=1))
    assert response.status_code == 302
    current.refresh_from_db()
    assert str(current.ends_on) == "2030-06-30"
    event = AuditEvent.objects.get(action="accounts.membership.change")
    assert event.actor == "beheerder"
    assert event.changes["ends_on"] == [None, "2030-06-30"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"starts_on": "2026-05-01", "ends_on": "2026-04-30"},
            "ends_on",
            "A membership cannot end before it starts.",
        ),
        ({"team": "other-team"}, "team", "This team does not belong to the chosen organisation."),
        ({"role": "koning"}, "role", None),
        ({"starts_on": ""}, "starts_on", None),
    ],
)
def test_a_wrong_membership_is_refused_with_a_dutch_error(
    login_as, organisations, newcomer, fields, field, message
) -> None:
    elsewhere = Team.objects.create(
        name="Team Elders", kind="regisseurspool", organisation=organisations["elsewhere"]
    )
    if fields.get("team") == "other-team":
        fields = {**fields, "team": str(elsewhere.pk)}
    row = membership(newcomer, organisations["amsterdam"], **{"role": Role.REGISSEUR, **fields})
    response = login_as("beheerder").post(
        change_url(newcomer), user_form(newcomer, [row], first_name="Gewijzigd")
    )
    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.opts.model is Membership
    )
    errors = formset.forms[0].errors
    assert field in errors, errors
    if message:
        assert errors[field] == [nl(message)]
        assert nl(message) != message  # translated
    # Nothing half-saved: neither the membership nor the rest of the page.
    assert not Membership.objects.filter(user=newcomer).exists()
    newcomer.refresh_from_db()
    assert newcomer.first_name == "Noor"
    assert not AuditEvent.objects.filter(action__startswith="accounts.membership").exists()


def test_team_choices_name_their_organisation(login_as, personas, newcomer, pool) -> None:
    page = login_as("beheerder").get(change_url(newcomer))
    formset = next(f.formset for f in page.context["inline_admin_formsets"])
    labels = [label for _value, label in formset.empty_form.fields["team"].choices]
    assert "Regisseurspool Noord (Gemeente Amsterdam)" in labels


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.BEHEERDER])
def test_the_beheerder_cannot_grant_an_elevated_role(
    login_as, organisations, newcomer, role
) -> None:
    row = membership(newcomer, organisations["amsterdam"], role)
    response = login_as("beheerder").post(change_url(newcomer), user_form(newcomer, [row]))
    assert response.status_code == 200
    formset = next(f.formset for f in response.context["inline_admin_formsets"])
    assert "role" in formset.forms[0].errors
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_beheerder_cannot_change_an_elevated_membership(login_as, personas) -> None:
    auditor = personas["auditor"]
    current = auditor.memberships.get()
    row = membership(auditor, current.organisation, Role.REGISSEUR)
    row.update(id=str(current.pk), starts_on=str(current.starts_on))
    client = login_as("beheerder")
    page = client.get(change_url(auditor))
    formset = next(f.formset for f in page.context["inline_admin_formsets"])
    assert formset.forms[0].fields["role"].disabled  # shown, not editable
    client.post(change_url(auditor), user_form(auditor, [row], initial=1))
    current.refresh_from_db()
    assert current.role == Role.AUDITOR
    assert not AuditEvent.objects.filter(action="accounts.membership.change").exists()


def test_the_bootstrap_administrator_grants_an_elevated_role(organisations, newcomer) -> None:
    root = User.objects.create_superuser("root", password="een lang wachtwoord voor root")
    client = Client()
    verify_session(client, root)
    row = membership(newcomer, organisations["amsterdam"], Role.BEHEERDER)
    response = client.post(change_url(newcomer), user_form(newcomer, [row]))
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, role=Role.BEHEERDER).exists()
    assert AuditEvent.objects.filter(action="accounts.membership.create", actor="root").exists()


def test_the_service_refuses_an_elevated_role_from_a_beheerder(personas, organisations) -> None:
    from django.core.exceptions import PermissionDenied

    from regie.accounts import services

    grant = Membership(
        user=personas["outsider"], organisation=organisations["amsterdam"], role=Role.AUDITOR
    )
    with pytest.raises(PermissionDenied):
        services.save_membership(actor=personas["beheerder"], membership=grant, changes={})
    assert not Membership.objects.filter(user=personas["outsider"]).exists()
    assert AuditEvent.objects.filter(action="accounts.membership.grant", result="denied").exists()


# --- Creating an account ------------------------------------------------------------------------


def test_the_beheerder_creates_an_account_with_a_role(login_as, organisations) -> None:
    client = login_as("beheerder")
    page = client.get(reverse("admin:accounts_user_add"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "After you’ve created a user" not in html
    assert 'name="memberships-TOTAL_FORMS"' in html
    data = {
        "username": "k.demir",
        "usable_password": "true",
        "password1": "een goede lange zin 2026",
        "password2": "een goede lange zin 2026",
        **{
            k: v
            for k, v in user_form(
                User(username="k.demir"),
                [membership(User(pk=0), organisations["amsterdam"], Role.REGISSEUR)],
            ).items()
            if k.startswith("memberships-")
        },
    }
    data.pop("memberships-0-user")
    response = client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = User.objects.get(username="k.demir")
    assert created.has_role(Role.REGISSEUR)
    assert created.check_password("een goede lange zin 2026")
    assert AuditEvent.objects.filter(action="admin.accounts.user.add", actor="beheerder").exists()
    assert AuditEvent.objects.filter(
        action="accounts.membership.create", actor="beheerder"
    ).exists()


def test_a_new_account_needs_a_role(login_as) -> None:
    data = {
        "username": "zonder.rol",
        "usable_password": "true",
        "password1": "een goede lange zin 2026",
        "password2": "een goede lange zin 2026",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = login_as("beheerder").post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200
    formset = next(f.formset for f in response.context["inline_admin_formsets"])
    assert formset.non_form_errors() == [nl("Give the new account at least one role.")]
    assert not User.objects.filter(username="zonder.rol").exists()


# --- Who has which role ---------------------------------------------------------------------------


def test_the_user_list_shows_roles_and_filters_by_organisation(login_as, personas) -> None:
    client = login_as("beheerder")
    page = client.get(reverse("admin:accounts_user_changelist"), {"memberships__role": "auditor"})
    assert page.status_code == 200
    shown = [u.username for u in page.context["cl"].result_list]
    assert shown == ["auditor"]
    # A column with each account's current roles, where they hold them.
    everyone = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert nl("Current roles") in everyone
    assert f"{nl('case director')} (Gemeente Amsterdam / Regisseurspool)" in everyone
    by_org = client.get(
        reverse("admin:accounts_user_changelist"),
        {
            "memberships__organisation__id__exact": str(
                personas["partner_other"].memberships.get().organisation_id
            )
        },
    )
    assert [u.username for u in by_org.context["cl"].result_list] == ["partner_other"]


def test_the_membership_list_filters_by_role_organisation_and_team(
    login_as, personas, organisations
) -> None:
    client = login_as("beheerder")
    url = reverse("admin:accounts_membership_changelist")
    pool = personas["regisseur_a"].memberships.get().team
    by_team = client.get(url, {"team__id__exact": str(pool.pk)})
    assert by_team.status_code == 200
    assert sorted(m.user.username for m in by_team.context["cl"].result_list) == [
        "regisseur_a",
        "regisseur_b",
    ]
    by_role = client.get(url, {"role__exact": Role.PROJECTLEIDER})
    assert [m.user.username for m in by_role.context["cl"].result_list] == ["partner_stadsdeel"]
    by_org = client.get(url, {"organisation__id__exact": str(organisations["oost"].pk)})
    assert [m.user.username for m in by_org.context["cl"].result_list] == ["partner_other"]
    # A list to read; roles are given on the user's page.
    assert client.get(reverse("admin:accounts_membership_add")).status_code == 403


# --- Deactivating -------------------------------------------------------------------------------


def deactivate(client: Client, *users: User) -> Any:
    return client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate_users", "_selected_action": [str(u.pk) for u in users]},
    )


def test_the_beheerder_deactivates_an_account(login_as, personas) -> None:
    target = personas["regisseur_b"]
    victim = Client()
    verify_session(victim, target)
    assert UserSession.objects.filter(user=target).exists()
    assert victim.get(reverse("accounts:home")).status_code == 200

    response = deactivate(login_as("beheerder"), target)
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert AuditEvent.objects.filter(
        action="accounts.user.deactivate", actor="beheerder", object_id=str(target.pk)
    ).exists()
    # The open session is gone and the password no longer opens the product.
    assert victim.get(reverse("accounts:home")).status_code == 302
    assert (
        authenticate(RequestFactory().post("/"), username=target.username, password=PASSWORD)
        is None
    )


def test_the_beheerder_cannot_deactivate_themselves_or_an_elevated_account(
    login_as, personas
) -> None:
    client = login_as("beheerder")
    deactivate(client, personas["beheerder"], personas["auditor"])
    for name in ("beheerder", "auditor"):
        personas[name].refresh_from_db()
        assert personas[name].is_active, name


def test_accounts_are_deactivated_not_deleted(login_as, personas) -> None:
    client = login_as("beheerder")
    target = personas["regisseur_b"]
    assert client.get(reverse("admin:accounts_user_delete", args=[target.pk])).status_code == 403
    actions = client.get(reverse("admin:accounts_user_changelist")).context["action_form"]
    names = [name for name, _label in actions.fields["action"].choices]
    assert "deactivate_users" in names
    assert "delete_selected" not in names


# --- In Dutch -------------------------------------------------------------------------------------


def test_the_admin_index_speaks_dutch(login_as) -> None:
    html = login_as("beheerder").get(reverse("admin:index")).content.decode()
    for english in ("OTP_TOTP", "Otp_Totp", "TOTP devices", "TOTP device"):
        assert english not in html


def test_the_beheerder_reactivates_an_account(login_as, personas) -> None:
    target = personas["regisseur_b"]
    target.is_active = False
    target.save(update_fields=["is_active"])
    response = login_as("beheerder").post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reactivate_users", "_selected_action": [str(target.pk)]},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_active
    assert AuditEvent.objects.filter(
        action="accounts.user.reactivate", actor="beheerder", object_id=str(target.pk)
    ).exists()


def test_a_refused_deactivation_is_logged_and_said(login_as, personas) -> None:
    client = login_as("beheerder")
    deactivate(client, personas["auditor"])
    assert AuditEvent.objects.filter(
        action="accounts.user.deactivate", actor="beheerder", result="denied"
    ).exists()
    page = client.get(reverse("admin:accounts_user_changelist"))
    said = [str(m) for m in page.context["messages"]]
    expected = nl(
        "Not changed: %(names)s. Nobody switches their own account, and an account with the "
        "auditor or beheerder role is switched by the bootstrap administrator."
    ) % {"names": "Auditor Test"}
    assert said == [expected]
