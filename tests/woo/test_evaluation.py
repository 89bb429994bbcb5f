"""The quality bars of issue 13 on the labelled evaluation set (tests/data/woo/README.md):
recall ≥ 0.99 with known names and ≥ 0.97 without, precision ≥ 0.95, and no protected term
(place, body, district, function) redacted. deduce is loaded once per test process."""

from __future__ import annotations

from pathlib import Path

import pytest

from regie.woo import evaluation
from regie.woo.suggest import Lexicon, suggest_text

from .conftest import DATA

# deduce is loaded once per test process: keep the tests that need it in one worker.
pytestmark = pytest.mark.xdist_group("deduce")


@pytest.fixture(scope="module")
def report(deduce_cache: Path) -> evaluation.Report:
    return evaluation.evaluate(DATA, deduce_cache)


def test_the_set_has_at_least_twelve_documents_with_labelled_names() -> None:
    samples = evaluation.load(DATA)
    assert len(samples) >= 12
    assert sum(len(s.names) for s in samples) >= 150
    assert all(s.names for s in samples)


def test_with_known_names(report: evaluation.Report) -> None:
    score = report.with_known
    assert score.recall >= 0.99, score.missed
    assert score.precision >= 0.95, score.wrong
    assert score.over_redacted == 0


def test_without_known_names(report: evaluation.Report) -> None:
    score = report.without_known
    assert score.recall >= 0.97, score.missed
    assert score.precision >= 0.95, score.wrong
    assert score.over_redacted == 0


def test_the_pipeline_beats_deduce_alone(report: evaluation.Report) -> None:
    assert report.baseline.over_redacted > 0  # deduce redacts places such as Amsterdam
    assert report.with_known.precision > report.baseline.precision
    assert report.without_known.recall >= report.baseline.recall


def test_deduce_suggests_other_personal_data_on_its_ground(deduce_cache: Path) -> None:
    text = (
        "Betrokkene: Mustafa Ouali, geboren 14-07-1998, BSN 123456782, woont op de "
        "Kastanjeplein 17-2 in Amsterdam; e-mail m.ouali@voorbeeld.nl, telefoon 06-12345678. "
        "Het overleg is op 3 maart."
    )
    hits = suggest_text(text, Lexicon(cache_dir=deduce_cache))
    found = {text[h.start : h.end]: h.ground for h in hits}
    assert found["Mustafa Ouali"] == "5.1.2.e"
    assert found["123456782"] == "5.1.1.e"
    assert found["14-07-1998"] == "5.1.2.e"
    assert found["m.ouali@voorbeeld.nl"] == "5.1.2.e"
    assert found["06-12345678"] == "5.1.2.e"
    assert any("17-2" in written for written in found)
    assert "Amsterdam" not in found
    assert "3 maart" not in found  # a date that is no date of birth is public


def test_deduce_is_loaded_once_per_process(deduce_cache: Path) -> None:
    from regie.woo.suggest import deduced

    assert deduced.engine(deduce_cache) is deduced.engine(deduce_cache)
    assert deduced.is_prepared(deduce_cache)
