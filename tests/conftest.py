"""Personas and helpers shared by every test.

Each persona is a user with the memberships that define them; ``login_as`` gives a test client
that has passed password and second factor, exactly as a real session would be after login.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, Role, User
from regie.audit import immutability
from regie.organisations.models import Organisation, Team

PASSWORD = "correct horse battery staple"


@pytest.fixture
def organisations(db: Any) -> dict[str, Organisation]:
    amsterdam = Organisation.objects.create(name="Gemeente Amsterdam", kind="gemeente")
    return {
        "amsterdam": amsterdam,
        "noord": Organisation.objects.create(
            name="Stadsdeel Noord", kind="stadsdeel", parent=amsterdam
        ),
        "oost": Organisation.objects.create(
            name="Stadsdeel Oost", kind="stadsdeel", parent=amsterdam
        ),
        "school": Organisation.objects.create(name="Scholengroep Test", kind="onderwijs"),
        "elsewhere": Organisation.objects.create(name="Gemeente Elders", kind="gemeente"),
        "buurtwerk": Organisation.objects.create(name="Buurtwerk Test", kind="welzijn"),
    }


def make_user(username: str, *memberships: tuple[Organisation, str, Team | None]) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Test"
    )
    for organisation, role, team in memberships:
        Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
    return user


PERSONAS = (
    "teamleider",
    "regisseur_a",
    "regisseur_b",
    "partner_stadsdeel",
    "partner_other",
    "partner_ended",
    "aandachtsfunctionaris",
    "auditor",
    "beheerder",
    "secretaris",
    "woo",
    "woo_b",
    "outsider",
)


@pytest.fixture
def personas(organisations: dict[str, Organisation]) -> dict[str, User]:
    org = organisations
    pool = Team.objects.create(
        name="Regisseurspool", kind="regisseurspool", organisation=org["amsterdam"]
    )
    programme = Team.objects.create(
        name="Programmateam", kind="programmateam", organisation=org["amsterdam"]
    )
    return {
        "teamleider": make_user("teamleider", (org["amsterdam"], Role.TEAMLEIDER, programme)),
        "regisseur_a": make_user("regisseur_a", (org["amsterdam"], Role.REGISSEUR, pool)),
        "regisseur_b": make_user("regisseur_b", (org["amsterdam"], Role.REGISSEUR, pool)),
        "partner_stadsdeel": make_user(
            "partner_stadsdeel", (org["noord"], Role.PROJECTLEIDER, None)
        ),
        "partner_other": make_user("partner_other", (org["oost"], Role.PARTNER, None)),
        # Had a registration on the shared case, which has ended (tests/partners/conftest.py).
        "partner_ended": make_user("partner_ended", (org["buurtwerk"], Role.PARTNER, None)),
        "aandachtsfunctionaris": make_user(
            "aandachtsfunctionaris", (org["school"], Role.AANDACHTSFUNCTIONARIS, None)
        ),
        "auditor": make_user("auditor", (org["amsterdam"], Role.AUDITOR, None)),
        "beheerder": make_user("beheerder", (org["amsterdam"], Role.BEHEERDER, None)),
        "secretaris": make_user("secretaris", (org["amsterdam"], Role.SECRETARIS, None)),
        # Two Woo coordinators: one prepares a publication, the other approves it (four eyes).
        "woo": make_user("woo", (org["amsterdam"], Role.WOO, None)),
        "woo_b": make_user("woo_b", (org["amsterdam"], Role.WOO, None)),
        # Logged in and verified, but without any membership: must be refused everything.
        "outsider": make_user("outsider"),
    }


def verify_session(client: Client, user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def login_as(personas: dict[str, User]) -> Callable[[str], Client]:
    def login(name: str) -> Client:
        client = Client()
        verify_session(client, personas[name])
        return client

    return login


@pytest.fixture(autouse=True)
def _audit_triggers_around_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Let Django's between-test flush empty the append-only table in transactional tests.

    Transactional tests (live server, threads) are reset by deleting every row, which the
    audit triggers rightly refuse. The triggers are taken down only for that flush and put
    back before the next test, so every test runs with them in force.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if not transactional and not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")
    immutability.install(connection)
    yield
    immutability.drop(connection)
