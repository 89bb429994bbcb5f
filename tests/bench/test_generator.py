"""``regie bench generate``: the shapes the benchmark's figures depend on (docs/performance.md)."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.accounts.models import Membership, Role, User
from regie.audit.services import verify_chain
from regie.bench.world import TEAMLEIDER, USER_PREFIX
from regie.cases import defaults
from regie.cases.models import Case
from regie.organisations.models import Team

# Transactional: the generator commits per chunk.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _configuration() -> None:
    """The configured lists (themes, categories, life domains) that migration cases/0002 loads:
    an earlier transactional test's flush may have removed them."""
    defaults.load(apps.get_model)


def generate(*extra: str) -> str:
    out = io.StringIO()
    call_command(
        "bench",
        "generate",
        "--cases",
        "40",
        "--chunk",
        "20",
        "--i-know-this-is-not-production",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_generates_cases_and_an_intact_chain() -> None:
    generate()
    assert Case.objects.count() == 40
    assert verify_chain().intact


def test_staff_are_in_their_teams() -> None:
    """As in the demo and a real programme: the navigation and the rules depend on it."""
    generate()
    regisseurs = Membership.objects.filter(
        user__username__startswith=f"{USER_PREFIX}regisseur", role=Role.REGISSEUR
    )
    assert regisseurs.exists()
    assert set(regisseurs.values_list("team__kind", flat=True)) == {Team.Kind.REGISSEURSPOOL}
    leader = Membership.objects.get(user__username=TEAMLEIDER)
    assert leader.team is not None
    assert leader.team.kind == Team.Kind.PROGRAMMATEAM


def test_if_missing_keeps_the_cases_and_brings_accounts_up_to_date() -> None:
    generate()
    Membership.objects.filter(role=Role.REGISSEUR).update(team=None)
    out = generate("--if-missing")
    assert "not generating" in out
    assert Case.objects.count() == 40
    assert not Membership.objects.filter(role=Role.REGISSEUR, team=None).exists()


def test_refuses_a_database_with_real_accounts() -> None:
    User.objects.create(username="echte-gebruiker")
    with pytest.raises(CommandError, match="not bench accounts"):
        generate()
    assert Case.objects.count() == 0
