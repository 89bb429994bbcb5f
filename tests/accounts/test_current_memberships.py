"""One definition of a current membership (issue 12.2), and the bug it fixed: a regisseur who
once had another, now ended membership dropped out of every regisseur list."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from regie.accounts.models import Membership, Role, User
from regie.cases.selectors import regisseurs
from regie.organisations.models import Organisation


def test_current_means_started_and_not_ended(
    personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    today = timezone.localdate()
    user = personas["regisseur_a"]
    ended = Membership.objects.create(
        user=user,
        organisation=organisations["noord"],
        role=Role.PROJECTLEIDER,
        starts_on=today - timedelta(days=90),
        ends_on=today - timedelta(days=1),
    )
    future = Membership.objects.create(
        user=user,
        organisation=organisations["oost"],
        role=Role.PROJECTLEIDER,
        starts_on=today + timedelta(days=1),
    )
    last_day = Membership.objects.create(
        user=user, organisation=organisations["school"], role=Role.PARTNER, ends_on=today
    )
    current = set(Membership.objects.filter(user=user).current())
    assert last_day in current
    assert ended not in current
    assert future not in current
    assert ended in set(Membership.objects.current(on=today - timedelta(days=2)))
    assert {m.pk for m in user.active_memberships} == {m.pk for m in current}


def test_a_regisseur_with_an_ended_other_membership_still_directs_cases(
    personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    user = personas["regisseur_a"]
    Membership.objects.create(
        user=user,
        organisation=organisations["noord"],
        role=Role.PROJECTLEIDER,
        starts_on=timezone.localdate() - timedelta(days=400),
        ends_on=timezone.localdate() - timedelta(days=30),
    )
    assert user in regisseurs()
    assert list(regisseurs()).count(user) == 1


def test_an_ended_regisseur_membership_is_no_regisseur(personas: dict[str, User]) -> None:
    user = personas["regisseur_b"]
    Membership.objects.filter(user=user, role=Role.REGISSEUR).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    assert user not in regisseurs()
    assert personas["regisseur_a"] in regisseurs()
