"""The README's description of the demo data matches what ``regie demo`` loads (issue 11.14):
every figure it gives is read from the README and counted in the loaded demo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from regie.cases.models import Case, Phase
from regie.interventions.models import CaseIntervention, Intervention

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return re.sub(r"\s+", " ", README.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def demo() -> None:
    with override_settings(DEBUG=True):
        call_command("demo", verbosity=0)


def figures(readme: str, pattern: str) -> list[int]:
    match = re.search(pattern, readme)
    assert match, f"the README no longer says: {pattern}"
    return [int(n) for n in match.groups()]


def test_cases_per_phase(readme: str) -> None:
    total, *per_phase = figures(
        readme,
        r"(\d+) cases numbered `PGA-<year>-<nnnn>` in every phase \((\d+) aanmelding, "
        r"(\d+) instroom, (\d+) regie, (\d+) nazorg, (\d+) afgesloten\)",
    )
    assert total == Case.objects.count()
    phases = [Phase.AANMELDING, Phase.INSTROOM, Phase.REGIE, Phase.NAZORG, Phase.AFGESLOTEN]
    assert per_phase == [Case.objects.filter(phase=p).count() for p in phases]


def test_cases_per_regisseur(readme: str) -> None:
    one, one_open, two, two_open, vacant = figures(
        readme,
        r"(\d+) directed by `regisseur1` \(Youssef Amrani; (\d+) of them open\), (\d+) by "
        r"`regisseur2` \(Sanne de Wit; (\d+) open\), and (\d+) open cases without a regisseur",
    )
    for username, directed, still_open in (
        ("regisseur1", one, one_open),
        ("regisseur2", two, two_open),
    ):
        cases = Case.objects.filter(regisseur__username=username)
        assert directed == cases.count(), username
        assert still_open == cases.exclude(phase=Phase.AFGESLOTEN).count(), username
    assert vacant == Case.objects.filter(regisseur=None).exclude(phase=Phase.AFGESLOTEN).count()


def test_flags_and_closed_cases(readme: str) -> None:
    family, media, safety, closed = figures(
        readme,
        r"\*familiebijeenkomst gewenst\* on (\d+) cases, \*media-aandacht\* on (\d+), "
        r"\*veiligheidsrisico voor medewerkers\* on (\d+); the (\d+) closed cases carry a "
        r"closing reason and a deletion date five years ahead",
    )
    counts = [
        Case.objects.filter(flags__code=code).count()
        for code in ("familiebijeenkomst", "media", "veiligheidsrisico")
    ]
    assert [family, media, safety] == counts
    done = Case.objects.filter(phase=Phase.AFGESLOTEN)
    assert closed == done.count()
    for case in done:
        assert case.closing_reason_id is not None
        assert case.delete_after is not None
        assert case.closed_on is not None
        assert case.delete_after.year - case.closed_on.year == 5


def test_the_pallet(readme: str) -> None:
    total, care, safety, both = figures(
        readme, r"(\d+) interventions \((\d+) zorg, (\d+) veiligheid, (\d+) beide\)"
    )
    current = Intervention.objects.filter(version__status="current")
    assert total == current.count()
    assert [care, safety, both] == [
        current.filter(domain=d).count() for d in ("zorg", "veiligheid", "beide")
    ]


def test_interventions_on_cases(readme: str) -> None:
    assert "interventions on six of `regisseur1`'s cases in regie or nazorg" in readme
    internal = CaseIntervention.objects.filter(executor=None)
    assert internal.count() == 6
    assert set(internal.values_list("case__regisseur__username", flat=True)) == {"regisseur1"}
    assert "three marked *shared with partners*" in readme
    assert internal.filter(shared_with_partners=True).count() == 3


def test_woo_publications(readme: str) -> None:
    from regie.woo.models import Publication

    published, review = figures(
        readme,
        r"Woo publications \(`src/regie/demo/woo.py`\), made through the Woo services with the "
        r"suggested redactions accepted: (\d+) published .* and (\d+) under review",
    )
    assert published == Publication.objects.filter(status="gepubliceerd").count()
    assert review == Publication.objects.filter(status="ter_beoordeling").count()
