"""``regie bench generate --persons N --signals N``: plain persons keyed as ``Person.save``
keys them (so the duplicate check finds them), and signals in the shapes the services leave."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from regie.accounts.models import User
from regie.bench.intake_data import OPEN_SHARE, STEUNPUNT, WEEGPLOEG
from regie.bench.intake_run import _resolves, probes
from regie.cases import defaults, duplicates
from regie.cases.models import Case, Person
from regie.cases.names import Name, normalise
from regie.intake.models import Signal, Stage, Status, TriageDecision

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _configuration() -> None:
    defaults.load(apps.get_model)


def generate() -> str:
    out = io.StringIO()
    call_command(
        "bench", "generate", "--cases", "20", "--chunk", "20", "--persons", "300",
        "--signals", "400", "--if-missing", "--i-know-this-is-not-production", stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_persons_and_signals() -> None:
    generate()
    assert Case.objects.count() == 20
    assert Person.objects.count() == 300
    for person in Person.objects.filter(cases__isnull=True)[:50]:
        assert person.search_name == normalise(person.full_name)
        assert (person.given_key, person.surname_key) == Name(
            person.first_name, person.last_name
        ).keys
    assert Signal.objects.count() == 400
    done = Signal.objects.filter(stage=Stage.AFGEROND)
    assert not done.exclude(status=Status.AFGEROND)
    assert not done.filter(closed_at__isnull=True)
    assert Signal.objects.filter(themes__isnull=True).count() == 0
    for decision in TriageDecision.objects.select_related("signal"):
        assert decision.signal.forwarded_at is not None
        assert decision.session_id == decision.signal.session_id
        assert (decision.outcome == "instroom") == (decision.signal.person_id is not None)
    assert Signal.objects.exclude(stage=Stage.AFGEROND).count() <= 400 * OPEN_SHARE * 2 + 5
    # Run again: nothing is added.
    generate()
    assert (Person.objects.count(), Signal.objects.count()) == (300, 400)


def test_the_duplicate_check_finds_generated_persons() -> None:
    generate()
    import random

    weegploeg = User.objects.get(username=WEEGPLOEG)
    assert User.objects.filter(username=STEUNPUNT).exists()
    names = probes(random.Random(1), 20)
    assert len(names) >= 15
    exact = names[0]  # an exact registered name with its date of birth
    assert duplicates.duplicate_candidates(weegploeg, exact)


def test_a_url_that_does_not_resolve_is_skipped() -> None:
    assert _resolves("/steunpunt/")
    assert not _resolves("/bestaat-niet-xyz/")
