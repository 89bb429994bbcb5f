"""Who may do what with signals: one table over the roles (issue 14). The submitter follows
their own signals only, and never through the ``Signal`` scope (which carries the weighing)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from regie.accounts.models import Role, User
from regie.cases.models import Case, Person, Theme
from regie.core import policy
from regie.intake import services
from regie.intake.models import Signal, SignalMessage
from regie.intake.vocabulary import Intake
from regie.organisations.models import Organisation
from tests.conftest import make_user

ROLES = (
    "aandachtsfunctionaris",
    "aandachtsfunctionaris_2",
    "partner_stadsdeel",
    "steunpunt",
    "weegploeg",
    "teamleider",
    "regisseur_a",
    "partner_other",
    "auditor",
    "beheerder",
    "outsider",
    "programmamedewerker",
)
SUBMITTERS = {
    "aandachtsfunctionaris",
    "aandachtsfunctionaris_2",
    "partner_stadsdeel",
    "partner_other",
}

# action → the roles allowed, on a new signal of ``aandachtsfunctionaris`` / on a forwarded one.
TABLE: dict[Intake, tuple[set[str], set[str]]] = {
    Intake.SIGNAL_SUBMIT: (SUBMITTERS | {"steunpunt"}, SUBMITTERS | {"steunpunt"}),
    Intake.OWN_SIGNALS: ({"aandachtsfunctionaris"}, {"aandachtsfunctionaris"}),
    Intake.SIGNAL_ANSWER: ({"aandachtsfunctionaris"}, {"aandachtsfunctionaris"}),
    Intake.QUEUE: ({"steunpunt"}, {"steunpunt"}),
    Intake.SIGNAL_VIEW: ({"steunpunt"}, {"steunpunt", "weegploeg"}),
    Intake.SIGNAL_PICK_UP: ({"steunpunt"}, {"steunpunt"}),
    Intake.SIGNAL_ASK: ({"steunpunt"}, {"steunpunt"}),
    Intake.SIGNAL_ADVISE: ({"steunpunt"}, {"steunpunt"}),
    Intake.SIGNAL_CLOSE: ({"steunpunt"}, {"steunpunt"}),
    Intake.SIGNAL_FORWARD: ({"steunpunt"}, {"steunpunt"}),
    Intake.TRIAGE: ({"weegploeg"}, {"weegploeg"}),
    Intake.SESSION_CREATE: ({"weegploeg"}, {"weegploeg"}),
    Intake.SESSION_ADD: (set(), {"weegploeg"}),
    Intake.SESSION_REMOVE: (set(), {"weegploeg"}),
    Intake.SIGNAL_DECIDE: (set(), {"weegploeg"}),
    Intake.CONFIGURE: ({"beheerder"}, {"beheerder"}),
    # The informatiebeeld: counts only; the confidential document for the programme team.
    Intake.INSIGHTS_VIEW: (
        {"programmamedewerker", "teamleider"},
        {"programmamedewerker", "teamleider"},
    ),
    Intake.INSIGHTS_EXPORT_CONFIDENTIAL: ({"programmamedewerker"}, {"programmamedewerker"}),
    # The factsheet: counts only, no signal; the object is irrelevant.
    Intake.FACTSHEET: (
        {"programmamedewerker", "teamleider"},
        {"programmamedewerker", "teamleider"},
    ),
    Intake.FACTSHEET_EXPORT: (
        {"programmamedewerker", "teamleider"},
        {"programmamedewerker", "teamleider"},
    ),
}


@pytest.fixture
def people(
    intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> dict[str, User]:
    # Not (yet) a shared persona: made here, as tests/intake/conftest.py makes the desk's.
    programme = make_user("programma", (organisations["amsterdam"], Role.PROGRAMMA, None))
    return {**intake_personas, "programmamedewerker": programme}


@pytest.fixture
def signals(
    make_signal: Callable[..., Signal], intake_personas: dict[str, User]
) -> tuple[Signal, Signal]:
    new, forwarded = make_signal(), make_signal()
    services.forward_to_weegploeg(actor=intake_personas["steunpunt"], signal=forwarded)
    forwarded.refresh_from_db()
    return new, forwarded


def test_every_action_has_a_row() -> None:
    assert set(TABLE) == set(Intake)


@pytest.mark.parametrize("role", ROLES)
def test_rules_per_role(role: str, people: dict[str, User], signals: tuple[Signal, Signal]) -> None:
    user = people[role]
    new, forwarded = signals
    for action, (on_new, on_forwarded) in TABLE.items():
        assert policy.permits(user, action, new) == (role in on_new), (action, "new")
        assert policy.permits(user, action, forwarded) == (role in on_forwarded), (
            action,
            "forwarded",
        )


@pytest.mark.parametrize("role", ROLES)
def test_signal_scope_per_role(
    role: str, people: dict[str, User], signals: tuple[Signal, Signal]
) -> None:
    new, forwarded = signals
    expected = {"steunpunt": {new.pk, forwarded.pk}, "weegploeg": {forwarded.pk}}.get(role, set())
    visible = set(policy.visible(people[role], Signal).values_list("pk", flat=True))
    # The submitter is not in the scope, not even for their own signals.
    assert visible == expected


def test_the_thread_is_visible_to_its_submitter_only(
    intake_personas: dict[str, User], signals: tuple[Signal, Signal]
) -> None:
    new, _forwarded = signals
    services.ask_submitter(actor=intake_personas["steunpunt"], signal=new, text="Vraag")

    def sees(role: str) -> bool:
        return policy.visible(intake_personas[role], SignalMessage).exists()

    assert sees("aandachtsfunctionaris")
    assert sees("steunpunt")
    assert not sees("aandachtsfunctionaris_2")
    assert not sees("teamleider")
    assert not sees("weegploeg")  # the question was on a signal not forwarded


def test_the_weegploeg_sees_persons_for_the_duplicate_check_but_no_cases(
    intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    noord = organisations["noord"]
    person = Person.objects.create(first_name="Sem", last_name="Dijk", area=noord)
    Case.objects.create(
        number="PGA-2026-0901",
        person=person,
        theme=Theme.objects.all()[0],
        area=noord,
        regisseur=intake_personas["regisseur_a"],
        phase_since=timezone.now(),
        opened_on=timezone.localdate(),
    )
    weegploeg = intake_personas["weegploeg"]
    assert policy.visible(weegploeg, Person).count() == 1
    assert policy.visible(weegploeg, Case).count() == 0
    assert policy.visible(intake_personas["steunpunt"], Person).count() == 0
