"""Name folding and scoring for the duplicate check (pure: no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.cases.names import PARTICLES, Name, fold, key, similarity


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë Öztürk", "zoe ozturk"),
        ("Jan-Willem  van 't Hof", "jan willem van t hof"),
        ("D'Ancona", "d ancona"),
        ("Strauß", "strauss"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "surname", ["de Vries", "De Vries", "Vries", "vries", "de vriës", "  DE  VRIES "]
)
def test_particles_and_accents_give_one_key(surname: str) -> None:
    assert key(surname) == "vries"


@pytest.mark.parametrize("surname", ["van der Berg", "Van Der Berg", "vd. Berg", "van den Berg"])
def test_compound_particles(surname: str) -> None:
    assert key(surname) == "berg"


def test_a_name_of_particles_only_keeps_them() -> None:
    assert key("Van") == "van"


@pytest.mark.parametrize(
    ("text", "given", "surname"),
    [
        ("Vries, Jan de", "Jan", "de Vries"),
        ("Jan de Vries", "Jan", "de Vries"),
        ("Jan van der Berg", "Jan", "van der Berg"),
        ("Hof, Anna van 't", "Anna", "van 't Hof"),
        ("Vries", "", "Vries"),
    ],
)
def test_parse_one_written_name(text: str, given: str, surname: str) -> None:
    assert Name.parse(text) == Name(given, surname)


JAN = Name("Jan", "de Vries")


@pytest.mark.parametrize(
    "other",
    [
        Name("jan", "vries"),
        Name.parse("Vries, Jan de"),
        Name("Jan", "De Vriës"),
        Name("Vries", "Jan"),  # first name and surname swapped
        Name("de Vries", "Jan"),
        Name("Jan", "de Vries "),
        Name("J.", "de Vries"),  # an initial
        Name("Jan", "de Vris"),  # a typo
    ],
)
def test_variants_of_one_name_score_as_similar(other: Name) -> None:
    assert similarity(JAN, other) >= 85


@pytest.mark.parametrize("other", [Name("Piet", "Jansen"), Name("Mohamed", "Vries-Bakker")])
def test_other_names_score_low(other: Name) -> None:
    assert similarity(JAN, other) < 70


def test_empty_names_score_zero() -> None:
    assert similarity(Name("", ""), JAN) == 0.0


# Properties: whatever the name, the ways people vary it do not change its keys.

# A word that is not itself a particle once folded: "dé" is "de", and a given name that reads as
# a particle is ambiguous whatever the code does.
WORD = st.text(alphabet="abcdefghijklmnoprstuvwyzéëöüçñ", min_size=2, max_size=12).filter(
    lambda w: fold(w) not in PARTICLES
)


@given(WORD, WORD, st.sampled_from(["de", "van", "van der", "ter", "'t", "van 't", "den"]))
def test_particles_case_and_order_do_not_change_the_keys(
    given_name: str, surname: str, particle: str
) -> None:
    plain = Name(given_name, surname)
    assert Name(given_name.upper(), f"{particle} {surname}").keys == plain.keys
    assert Name.parse(f"{surname.title()}, {given_name} {particle}").keys == plain.keys
    assert similarity(plain, Name(surname, given_name)) == 100.0


@given(st.text(max_size=40))
def test_fold_is_idempotent_and_ascii_words(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == " ".join(once.split())
