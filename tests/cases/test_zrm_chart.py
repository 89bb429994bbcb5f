"""Issue 11 point 15: the ZRM chart as the matrix presents it: five labelled levels per domain,
each assessment side by side, the change marked with an arrow and a sign (not colour alone);
the table alternative holds the same figures and the change."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from regie.cases import services, zrm_chart
from regie.cases.models import LifeDomain


def _assess(actor, case, day: date, scores: dict[LifeDomain, int]) -> None:
    services.add_zrm(actor=actor, case=case, assessed_on=day, scores=scores)


def test_chart_has_five_named_levels_bars_side_by_side_and_the_change(
    login_as, personas, own_case
) -> None:
    d1, d2, d3 = list(LifeDomain.objects.all()[:3])
    today = timezone.localdate()
    first, second = today - timedelta(days=120), today - timedelta(days=10)
    _assess(personas["regisseur_a"], own_case, first, {d1: 1, d2: 4, d3: 3})
    _assess(personas["regisseur_a"], own_case, second, {d1: 3, d2: 3, d3: 3})
    html = login_as("regisseur_a").get(reverse("cases:detail", args=[own_case.number])).content
    page = html.decode()
    found = re.search(r'<svg[^>]*class="regie-zrm-chart".*?</svg>', page, re.S)
    assert found is not None
    svg = found.group(0)
    # the five levels, numbered and named as the ZRM names them
    for number, name in (
        (1, "acute"),
        (2, "niet"),
        (3, "beperkt"),
        (4, "voldoende"),
        (5, "volledig"),
    ):
        assert re.search(rf'class="zrm-level-number">{number}</text>', svg)
        assert f">{name}</tspan>" in svg
    assert svg.count(">zelfredzaam</tspan>") == 4
    assert ">problematiek</tspan>" in svg
    # each assessment a bar in the domain's row: two per domain, the latest solid
    assert svg.count('class="zrm-bar"') == 3
    assert svg.count('class="zrm-bar zrm-bar--latest"') == 3
    # the change with an arrow and a sign
    assert ">▲ +2</text>" in svg
    assert ">▼ −1</text>" in svg
    assert ">= 0</text>" in svg
    assert "verschil" in svg
    # a bar reaches the column of its score: score 3 ends where level 3 ends
    widths = [
        int(w)
        for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="(\d+)" height="[\d.]+" rx="2"', svg)
    ]
    assert sorted(set(widths)) == [zrm_chart.CELL * s - 2 for s in (1, 3, 4)]
    # the table alternative: dates as dd-mm-jjjj, the same change, in words for screen readers
    found = re.search(r'<table[^>]*id="zrm-table".*?</table>', page, re.S)
    assert found is not None
    table = found.group(0)
    assert f">{first:%d-%m-%Y}</th>" in table
    assert f">{second:%d-%m-%Y}</th>" in table
    assert ">Verschil</th>" in table
    assert (
        '<span aria-hidden="true">▲ +2</span><span class="regie-visually-hidden">2 hoger</span>'
        in table
    )
    assert "1 lager" in table
    assert "gelijk" in table
    # the legend says which bar is which assessment
    assert f"laatste meting, {second:%d-%m-%Y}" in page


def test_a_single_assessment_has_no_change_column(login_as, personas, own_case) -> None:
    d1 = LifeDomain.objects.all()[0]
    _assess(personas["regisseur_a"], own_case, timezone.localdate(), {d1: 2})
    page = (
        login_as("regisseur_a")
        .get(reverse("cases:detail", args=[own_case.number]))
        .content.decode()
    )
    assert "zrm-change" not in page
    assert ">Verschil</th>" not in page
    assert 'class="zrm-bar zrm-bar--latest"' in page
