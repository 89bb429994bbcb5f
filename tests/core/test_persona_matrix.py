"""Every view that exists, against every persona: exactly the expected status.

Add a row when you add a view; the URL-walk test makes sure no view escapes the policy, this
matrix makes sure the policy says what we mean.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PERSONAS

ALL = set(PERSONAS)
# Who sends signals to the Steunpunt (issue 14; tests/intake/test_views.py adds the intake roles).
SUBMITTERS = (
    "aandachtsfunctionaris",
    "partner_stadsdeel",
    "partner_other",
    "partner_ended",
)

# url name -> {persona: expected status}; personas not listed expect `default`.
MATRIX: list[tuple[str, dict[str, int], int]] = [
    ("accounts:home", {}, 200),
    ("audit:log", {"auditor": 200}, 403),
    ("admin:index", {"beheerder": 200}, 403),
    ("admin:accounts_user_changelist", {"beheerder": 200}, 403),
    ("admin:organisations_organisation_changelist", {"beheerder": 200}, 403),
    ("admin:otp_totp_totpdevice_changelist", {"beheerder": 200}, 403),
    ("admin:accounts_membership_changelist", {"beheerder": 200}, 403),
    ("admin:accounts_user_add", {"beheerder": 200}, 403),
    ("admin:scheduling_scheduledrun_changelist", {"beheerder": 200}, 403),
    ("admin:django_tasks_database_dbtaskresult_changelist", {"beheerder": 200}, 403),
    ("health", {}, 200),
    ("ready", {}, 200),
    ("privacy:search", {"auditor": 200}, 403),
    ("accounts:recovery_codes", {}, 200),
    ("accounts:resets", {"beheerder": 200, "teamleider": 200}, 403),
    # Woo publications: the coordinators only (the pages with a pk: tests/woo/test_views_matrix.py).
    ("woo:index", {"woo": 200, "woo_b": 200}, 403),
    ("woo:create", {"woo": 200, "woo_b": 200}, 403),
    # The public Woo pages: the same for everyone, signed in or not.
    ("openbaar:list", {}, 200),
    ("openbaar:sitemap_index", {}, 200),
    ("openbaar:inventory_csv", {}, 200),
    ("admin:intake_servicelevel_changelist", {"beheerder": 200}, 403),
    ("intake:own", dict.fromkeys(SUBMITTERS, 200), 403),
    ("intake:submit", dict.fromkeys(SUBMITTERS, 200), 403),
    # The Steunpunt's and the Weegploeg's pages: no shared persona holds those roles (their
    # own matrix with the intake personas: tests/intake/test_views_matrix.py).
    ("steunpunt:queue", {}, 403),
    ("weegploeg:index", {}, 403),
    # The informatiebeeld's trends: the team leader and the programme team (no shared persona;
    # its own matrix: tests/intake/test_views_insights.py); the PDF is the programme team's.
    ("insights:index", {"teamleider": 200}, 403),
    ("insights:confidential_pdf", {}, 403),
    # The shareable factsheet: the programme team and the team leader (the programme team
    # member and the intake roles: tests/intake/test_factsheet.py).
    ("factsheet:index", {"teamleider": 200}, 403),
    ("factsheet:pdf", {"teamleider": 200}, 403),
]


@pytest.mark.parametrize(("url_name", "overrides", "default"), MATRIX)
@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_matrix(
    login_as, url_name: str, overrides: dict[str, int], default: int, persona: str
) -> None:
    response = login_as(persona).get(reverse(url_name))
    assert response.status_code == overrides.get(persona, default)


@pytest.mark.parametrize(
    "url_name",
    [
        "accounts:home",
        "audit:log",
        "accounts:verify",
        "accounts:enrol",
        "accounts:recovery",
        "accounts:recovery_codes",
        "accounts:resets",
    ],
)
def test_anonymous_is_sent_to_login(client: Client, db, url_name: str) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "url_name", ["openbaar:list", "openbaar:sitemap_index", "openbaar:inventory_csv"]
)
def test_anonymous_sees_the_public_woo_pages(client: Client, db, url_name: str) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert not response.cookies


def test_anonymous_admin_goes_to_the_product_login(client: Client, db) -> None:
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))


def test_navigation_shows_only_what_the_user_may_use(login_as) -> None:
    auditor = login_as("auditor").get(reverse("accounts:home")).content.decode()
    regisseur = login_as("regisseur_a").get(reverse("accounts:home")).content.decode()
    beheerder = login_as("beheerder").get(reverse("accounts:home")).content.decode()
    audit_url = f'href="{reverse("audit:log")}"'
    admin_url = f'href="{reverse("admin:index")}"'
    assert audit_url in auditor
    assert audit_url not in regisseur
    assert audit_url not in beheerder
    assert admin_url in beheerder
    assert admin_url not in regisseur
    assert admin_url not in auditor


def test_header_shows_name_role_and_organisation(login_as) -> None:
    page = login_as("teamleider").get(reverse("accounts:home")).content.decode()
    assert "Teamleider Test" in page
    assert "Gemeente Amsterdam" in page


@pytest.mark.parametrize(
    ("persona", "panel"),
    [
        ("regisseur_a", "panel-caseload"),
        ("teamleider", "panel-overview"),
        ("auditor", "panel-audit"),
        # The persona secretaris is in no team, so cannot open meetings: the card is only shown
        # to a secretary who can (tests/meetings/test_home_card.py). Issue 11 point 6: no card
        # for signals, which Regie does not handle yet.
        ("secretaris", "panel-actions"),
        ("partner_stadsdeel", "panel-shared"),
        ("aandachtsfunctionaris", "panel-shared"),
        ("woo", "panel-woo"),
    ],
)
def test_each_role_has_its_own_home(login_as, persona: str, panel: str) -> None:
    page = login_as(persona).get(reverse("accounts:home")).content.decode()
    assert f'id="{panel}"' in page


def test_outsider_home_explains_missing_role(login_as) -> None:
    response = login_as("outsider").get(reverse("accounts:home"))
    assert response.status_code == 200
    assert response.context["panels"] == []
