"""The one optimistic-locking helper (``core.locking``) on a real versioned record (issue 12.2):
the second of two saves from the same version is refused with what differs, never lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from regie.accounts.models import User
from regie.cases.models import Case, Phase
from regie.core.locking import Conflict, bump, hold


def test_a_save_from_the_stored_version_wins_and_raises_it(
    make_case: Callable[..., Case], personas: dict[str, User]
) -> None:
    case = make_case(personas["regisseur_a"])
    bump(case, case.version, {"summary": "Eerste versie"}, touch="updated_at")
    stored = Case.objects.get(pk=case.pk)
    assert (stored.summary, stored.version) == ("Eerste versie", 2)
    assert case.version == 2


def test_the_second_save_from_the_same_version_gets_the_differences(
    make_case: Callable[..., Case], personas: dict[str, User]
) -> None:
    case = make_case(personas["regisseur_a"], phase=Phase.REGIE)
    first, second = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    bump(first, 1, {"summary": "Van collega", "phase": Phase.NAZORG})
    with pytest.raises(Conflict) as caught:
        bump(second, 1, {"summary": "Van mij", "phase": Phase.REGIE})
    assert caught.value.changes == {
        "summary": ("Van mij", "Van collega"),
        "phase": (Phase.REGIE, Phase.NAZORG),
    }
    rows = caught.value.rows(Case)
    labels = [label for label, _mine, _theirs in rows]
    assert len(labels) == 2
    assert (Phase.REGIE.label, Phase.NAZORG.label) in [(m, t) for _l, m, t in rows]
    assert Case.objects.get(pk=case.pk).summary == "Van collega"


def test_an_identical_second_save_still_conflicts_on_the_version(
    make_case: Callable[..., Case], personas: dict[str, User]
) -> None:
    case = make_case(personas["regisseur_a"])
    bump(Case.objects.get(pk=case.pk), 1, {"summary": "Zelfde"})
    with pytest.raises(Conflict) as caught:
        bump(Case.objects.get(pk=case.pk), 1, {"summary": "Zelfde"})
    assert caught.value.changes == {"version": (1, 2)}


def test_without_a_version_the_stored_one_is_taken(
    make_case: Callable[..., Case], personas: dict[str, User]
) -> None:
    case = make_case(personas["regisseur_a"])
    stale = Case.objects.get(pk=case.pk)
    bump(case, None, {"summary": "Eerst"})
    bump(stale, None, {"summary": "Daarna"})
    assert Case.objects.get(pk=case.pk).version == 3


def test_people_are_shown_by_name(
    make_case: Callable[..., Case], personas: dict[str, User]
) -> None:
    conflict = Conflict({"regisseur": (personas["regisseur_a"], personas["regisseur_b"])})
    [(label, mine, theirs)] = conflict.rows(Case)
    assert (mine, theirs) == (
        personas["regisseur_a"].get_full_name(),
        personas["regisseur_b"].get_full_name(),
    )
    assert label == str(Case._meta.get_field("regisseur").verbose_name)


def test_hold_locks_rows_in_a_transaction(
    make_case: Callable[..., Case], personas: dict[str, User]
) -> None:
    cases = [make_case(personas["regisseur_a"]) for _ in range(3)]
    hold(*reversed(cases))  # inside the test's transaction: takes the locks, returns
    hold()
