"""Scoring the suggestion pipeline on the labelled evaluation set (tests/data/woo/README.md).

Pure apart from reading the files and deduce's disk cache: ``regie woo evaluate`` and the
tests run it on the same set with the same scoring, so the figures in docs/woo.md can be
reproduced with one command.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from regie.woo.suggest import SEPARATOR, Lexicon, deduced, suggest_text
from regie.woo.suggest.hits import Hit

PAGE = 3000  # characters in a page, for throughput

_LABEL = re.compile(r"\[\[(?P<name>.+?)\]\]|<<(?P<other>.+?)>>|\{\{(?P<protected>.+?)\}\}")


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    names: tuple[tuple[int, int], ...]  # person names: must be redacted
    other: tuple[tuple[int, int], ...]  # other personal data: may be redacted
    protected: tuple[tuple[int, int], ...]  # must not be touched


def parse(labelled: str, name: str = "") -> Sample:
    """One labelled document: its blocks (non-empty lines) joined as the pipeline joins them,
    and the labelled spans in that text."""
    lines = [line for line in labelled.splitlines() if line.strip()]
    source = SEPARATOR.join(lines)
    text: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {"name": [], "other": [], "protected": []}
    position = 0
    length = 0
    for match in _LABEL.finditer(source):
        before = source[position : match.start()]
        text.append(before)
        length += len(before)
        kind = next(k for k in spans if match.group(k) is not None)
        inner = match.group(kind)
        spans[kind].append((length, length + len(inner)))
        text.append(inner)
        length += len(inner)
        position = match.end()
    text.append(source[position:])
    return Sample(
        name, "".join(text), tuple(spans["name"]), tuple(spans["other"]), tuple(spans["protected"])
    )


def load(directory: Path) -> list[Sample]:
    return [
        parse(p.read_text(encoding="utf-8"), p.stem) for p in sorted(directory.glob("[0-9]*.txt"))
    ]


def known_names(directory: Path) -> tuple[str, ...]:
    path = directory / "known-names.txt"
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line)


@dataclass
class Score:
    names: int = 0
    found: int = 0
    suggested: int = 0
    right: int = 0
    protected: int = 0
    over_redacted: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.names if self.names else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.suggested if self.suggested else 1.0


def _letters(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def score(samples: Sequence[Sample], suggest: Callable[[str], list[Hit]]) -> Score:
    result = Score()
    for sample in samples:
        hits = suggest(sample.text)
        covered: set[int] = set()
        for hit in hits:
            covered |= _letters(sample.text, hit.start, hit.end)
        allowed: set[int] = set()
        for start, end in (*sample.names, *sample.other):
            allowed |= _letters(sample.text, start, end)
        for start, end in sample.names:
            result.names += 1
            if _letters(sample.text, start, end) <= covered:
                result.found += 1
            else:
                result.missed.append(f"{sample.name}: {sample.text[start:end]}")
        for hit in hits:
            result.suggested += 1
            if _letters(sample.text, hit.start, hit.end) <= allowed:
                result.right += 1
            else:
                result.wrong.append(f"{sample.name}: {sample.text[hit.start : hit.end]}")
        for start, end in sample.protected:
            result.protected += 1
            if _letters(sample.text, start, end) & covered:
                result.over_redacted += 1
    return result


def pipeline(lexicon: Lexicon) -> Callable[[str], list[Hit]]:
    return lambda text: suggest_text(text, lexicon)


def deduce_alone(cache_dir: Path) -> Callable[[str], list[Hit]]:
    """The baseline: everything deduce annotates with its default configuration redacted."""

    def run(text: str) -> list[Hit]:
        document = deduced.engine(cache_dir).deidentify(text)
        return [Hit(a.start_char, a.end_char, a.tag, "deduce") for a in document.annotations]

    return run


@dataclass(frozen=True)
class Report:
    with_known: Score
    without_known: Score
    baseline: Score


def evaluate(directory: Path, cache_dir: Path, protected: tuple[str, ...] = ()) -> Report:
    samples = load(directory)
    known = Lexicon(known_names(directory), protected=protected, cache_dir=cache_dir)
    unknown = Lexicon(protected=protected, cache_dir=cache_dir)
    return Report(
        with_known=score(samples, pipeline(known)),
        without_known=score(samples, pipeline(unknown)),
        baseline=score(samples, deduce_alone(cache_dir)),
    )


def throughput(directory: Path, cache_dir: Path, seconds: float = 3.0) -> float:
    """Pages (of ``PAGE`` characters) per CPU second of this single-threaded process, i.e. per
    core, with known names, after deduce is loaded. CPU time rather than wall time, so a busy
    machine does not make the pipeline look slower than it is."""
    samples = load(directory)
    suggest = pipeline(Lexicon(known_names(directory), cache_dir=cache_dir))
    suggest(samples[0].text)  # loads deduce: the one-time cost is not throughput
    characters = 0
    started = time.process_time()
    while time.process_time() - started < seconds:
        for sample in samples:
            suggest(sample.text)
            characters += len(sample.text)
    return characters / PAGE / (time.process_time() - started)
