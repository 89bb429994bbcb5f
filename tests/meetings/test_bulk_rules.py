"""The policy's bulk form agrees with its predicate (issue 12.2): a list page that asks
``policy.permitted`` for many rows gets exactly what ``permits`` says row by row, and the
actielijst offers its buttons on those rows only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regie.accounts.models import User
from regie.core import policy
from regie.meetings.models import Action, Meeting, MeetingSeries, SubAction
from regie.meetings.services import Owner
from regie.meetings.vocabulary import Meetings
from tests.meetings.test_actions import MANAGERS, OUTSIDE, READERS, _action

PEOPLE = MANAGERS + READERS + OUTSIDE


@pytest.fixture
def actions(
    series: MeetingSeries, secretary: User, meeting: Meeting, personas: dict[str, User]
) -> list[Action]:
    """One action owned by regisseur_a (and an external name), one by someone else."""
    mine = [Owner(user=personas["regisseur_a"]), Owner(name="Woordvoering BM")]
    other = [Owner(user=personas["partner_stadsdeel"])]
    return [
        _action(secretary, series, meeting=meeting, owners=mine),
        _action(secretary, series, "Familiebijeenkomst", meeting=meeting, owners=other),
    ]


@pytest.mark.parametrize("name", PEOPLE)
def test_bulk_and_predicate_agree(
    name: str, personas: dict[str, User], actions: list[Action]
) -> None:
    user = personas[name]
    subs = list(
        SubAction.objects.filter(action__in=actions)
        .select_related("action")
        .prefetch_related("owners")
    )
    assert policy.has_bulk(Meetings.SUBACTION_UPDATE)
    one_by_one = {sub.pk for sub in subs if policy.permits(user, Meetings.SUBACTION_UPDATE, sub)}
    assert policy.permitted(user, Meetings.SUBACTION_UPDATE, subs) == one_by_one
    if name in MANAGERS:
        assert one_by_one == {sub.pk for sub in subs}
    if name == "regisseur_a":
        assert one_by_one == {actions[0].subactions.get().pk}


def test_the_actielijst_offers_done_only_on_rows_the_reader_may_update(
    login_as, series: MeetingSeries, actions: list[Action]
) -> None:
    page = login_as("regisseur_a").get(reverse("meetings:actions", args=[series.pk]))
    assert page.status_code == 200
    own, other = (a.subactions.get() for a in actions)
    html = page.content.decode()
    assert reverse("meetings:subaction_done", args=[own.pk]) in html
    assert reverse("meetings:subaction_done", args=[other.pk]) not in html
    assert page.context["updatable"] == {own.pk}
