from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.cases import services
from regie.cases.models import (
    Case,
    FlagType,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Phase,
    Task,
    Theme,
    TimelineEvent,
)
from tests.conftest import PERSONAS

# Personas outside the regie team are refused at the door (403, the same for every case
# number, so nothing leaks); a regisseur who does not direct the case gets the 404 of a case
# that does not exist.
# (url name, {persona: status}, default status)
CASE_VIEWS = [
    ("cases:detail", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    ("cases:zrm_add", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    # The case page's action forms, opened on demand from the URL their POST goes to.
    ("cases:transition", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    ("cases:edit", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    ("cases:flags", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    ("cases:task_add", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    # Only leads reassign: regisseurs are refused at the door.
    ("cases:assign", {"teamleider": 200}, 403),
    # The case page's older journal entries and timeline events: the case page's answers.
    ("cases:journal_page", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
    ("cases:timeline_page", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}, 403),
]
# The same forms as htmx fragments: the same answers.
FORM_VIEWS = [
    view
    for view in CASE_VIEWS
    if view[0] not in ("cases:detail", "cases:zrm_add", "cases:journal_page", "cases:timeline_page")
]
PAGE_VIEWS = [
    ("cases:caseload", {"regisseur_a": 200, "regisseur_b": 200}, 403),
    ("cases:overview", {"teamleider": 200}, 403),
    ("cases:create", {"teamleider": 200}, 403),
    ("cases:search", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 200}, 403),
    ("cases:tasks", {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 200}, 403),
]


@pytest.mark.parametrize(("url_name", "overrides", "default"), CASE_VIEWS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_case_view_matrix(login_as, own_case: Case, url_name, overrides, default, persona) -> None:
    response = login_as(persona).get(reverse(url_name, args=[own_case.number]))
    assert response.status_code == overrides.get(persona, default)


@pytest.mark.parametrize(("url_name", "overrides", "default"), FORM_VIEWS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_case_form_fragment_matrix(
    login_as, own_case: Case, url_name, overrides, default, persona
) -> None:
    url = reverse(url_name, args=[own_case.number])
    response = login_as(persona).get(url, headers={"HX-Request": "true"})
    assert response.status_code == overrides.get(persona, default)
    if response.status_code == 200:
        html = response.content.decode()
        assert "<html" not in html
        assert f'<form class="utrecht-form" method="post" action="{url}"' in html


@pytest.mark.parametrize(
    ("url_name", "persona"),
    [
        ("cases:transition", "regisseur_a"),
        ("cases:edit", "regisseur_a"),
        ("cases:flags", "regisseur_a"),
        ("cases:task_add", "regisseur_a"),
        ("cases:assign", "teamleider"),
    ],
)
def test_case_forms_open_on_demand(login_as, own_case: Case, url_name, persona) -> None:
    """The case page links to each action form instead of rendering it; the form comes from
    the URL its POST goes to (htmx fragment or a page of its own) and is logged as a read."""
    client = login_as(persona)
    url = reverse(url_name, args=[own_case.number])
    page = client.get(reverse("cases:detail", args=[own_case.number])).content.decode()
    assert f'hx-get="{url}"' in page
    assert f'action="{url}"' not in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "autofocus" in fragment
    assert 'name="csrfmiddlewaretoken"' in fragment
    full = client.get(url)
    assert full.status_code == 200
    assert "<html" in full.content.decode()
    event = AuditEvent.objects.filter(action="cases.view.read").latest("id")
    assert (event.actor, event.case_id) == (persona, own_case.number)


def test_case_forms_are_refused_on_a_closed_case(login_as, own_case: Case) -> None:
    own_case.phase = Phase.AFGESLOTEN
    own_case.save()
    client = login_as("regisseur_a")
    page = client.get(reverse("cases:detail", args=[own_case.number])).content.decode()
    for name in ("cases:transition", "cases:edit", "cases:flags", "cases:task_add"):
        url = reverse(name, args=[own_case.number])
        assert url not in page
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 403
    assert AuditEvent.objects.filter(
        actor="regisseur_a", action="cases.case.update", result="denied", case_id=own_case.number
    ).exists()


def test_a_refused_post_shows_its_form_on_the_case_page(login_as, own_case: Case) -> None:
    response = login_as("regisseur_a").post(
        reverse("cases:task_add", args=[own_case.number]), {"title": "", "kind": "review"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'action="{reverse("cases:task_add", args=[own_case.number])}"' in html
    assert response.context["task_form"].errors["title"]


@pytest.mark.parametrize(("url_name", "overrides", "default"), PAGE_VIEWS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(login_as, url_name, overrides, default, persona) -> None:
    assert login_as(persona).get(reverse(url_name)).status_code == overrides.get(persona, default)


@pytest.mark.parametrize("persona", PERSONAS)
def test_flag_list_matrix(login_as, persona) -> None:
    status = login_as(persona).get(reverse("cases:flag_list", args=["media"])).status_code
    assert status == (200 if persona == "teamleider" else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_journal_edit_matrix(login_as, personas, own_case: Case, persona) -> None:
    entry = services.add_journal_entry(
        actor=personas["regisseur_a"],
        case=own_case,
        occurred_on=date(2026, 5, 1),
        category=JournalCategory.objects.all()[0],
        text="Huisbezoek",
        visibility="regie",
    )
    url = reverse("cases:journal_edit", args=[own_case.number, entry.pk])
    expected = {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}.get(persona, 403)
    assert login_as(persona).get(url).status_code == expected


def test_invisible_case_is_a_404_identical_to_a_missing_one(login_as, own_case: Case) -> None:
    client = login_as("regisseur_b")
    hidden = client.get(reverse("cases:detail", args=[own_case.number]))
    missing = client.get(reverse("cases:detail", args=["PGA-1999-9999"]))
    assert hidden.status_code == missing.status_code == 404

    def page(response, number: str) -> str:
        # Only the masked CSRF token and the requested path (in the language switch) differ.
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return html.replace(number, "NUMBER")

    assert page(hidden, own_case.number) == page(missing, "PGA-1999-9999")
    assert AuditEvent.objects.filter(
        actor="regisseur_b", result="denied", case_id=own_case.number
    ).exists()


def test_case_page_read_is_audited_with_case_number(login_as, own_case: Case) -> None:
    login_as("regisseur_a").get(reverse("cases:detail", args=[own_case.number]))
    event = AuditEvent.objects.filter(action="cases.view.read").latest("id")
    assert (event.actor, event.case_id, event.object_type) == (
        "regisseur_a",
        own_case.number,
        "cases.case",
    )


def test_teamleider_creates_a_case(login_as, personas, organisations) -> None:
    client = login_as("teamleider")
    response = client.post(
        reverse("cases:create"),
        {
            "first_name": "Jesse",
            "last_name": "Koster",
            "date_of_birth": "2004-03-02",
            "bsn": "111222333",
            "theme": Theme.objects.all()[0].pk,
            "area": organisations["noord"].pk,
            "regisseur": personas["regisseur_a"].pk,
            "summary": "Aangemeld door de Weegploeg.",
        },
    )
    case = Case.objects.get(person__last_name="Koster")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.number])
    assert case.number.startswith(f"PGA-{timezone.localdate().year}-")
    assert case.regisseur == personas["regisseur_a"]
    assert set(case.timeline.values_list("kind", flat=True)) == {"created", "assignment"}


@pytest.mark.parametrize(
    ("bsn", "ok"),
    [("111222333", True), ("123456789", False), ("12345678", False), ("abcdefghi", False)],
)
def test_bsn_elfproef(login_as, organisations, bsn: str, ok: bool) -> None:
    response = login_as("teamleider").post(
        reverse("cases:create"),
        {
            "first_name": "A",
            "last_name": "B",
            "bsn": bsn,
            "theme": Theme.objects.all()[0].pk,
            "area": organisations["noord"].pk,
        },
    )
    assert response.status_code == (302 if ok else 400)
    if not ok:
        assert response.context["form"].errors["bsn"]


def test_one_open_case_per_person(personas, own_case: Case) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_case(
            actor=personas["teamleider"],
            person=own_case.person,
            theme=own_case.theme,
            area=own_case.area,
        )


def test_regisseur_moves_case_adds_journal_zrm_and_flag(login_as, personas, own_case) -> None:
    client = login_as("regisseur_a")
    own_case.phase = Phase.INSTROOM
    own_case.save()
    url = reverse("cases:transition", args=[own_case.number])
    assert (
        client.post(
            url, {"target": "regie", "reason": "Plan besproken", "version": own_case.version}
        ).status_code
        == 302
    )
    client.post(
        reverse("cases:journal_add", args=[own_case.number]),
        {
            "occurred_on": "2026-11-01",
            "category": JournalCategory.objects.all()[0].pk,
            "text": "Gesprek met betrokkene.",
            "visibility": "regie",
        },
    )
    domains = list(LifeDomain.objects.all()[:3])
    client.post(
        reverse("cases:zrm_add", args=[own_case.number]),
        {
            "assessed_on": "2026-11-02",
            "note": "",
            **{f"domain_{d.pk}": str(i + 2) for i, d in enumerate(domains)},
        },
    )
    media = FlagType.objects.get(code="media")
    own_case.refresh_from_db()
    client.post(
        reverse("cases:flags", args=[own_case.number]),
        {"flags": [media.pk], "version": own_case.version},
    )
    page = client.get(reverse("cases:detail", args=[own_case.number]))
    html = page.content.decode()
    assert "Gesprek met betrokkene." in html
    assert "<svg" in html
    assert 'id="zrm-table"' in html
    kinds = set(TimelineEvent.objects.filter(case=own_case).values_list("kind", flat=True))
    assert {"phase", "journal", "zrm", "flag"} <= kinds


def test_invalid_zrm_score_is_refused_with_a_message(login_as, own_case) -> None:
    domain = LifeDomain.objects.all()[0]
    response = login_as("regisseur_a").post(
        reverse("cases:zrm_add", args=[own_case.number]),
        {"assessed_on": "2026-11-02", f"domain_{domain.pk}": "7"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors


def test_concurrent_case_edit_gets_a_conflict(login_as, own_case: Case) -> None:
    url = reverse("cases:edit", args=[own_case.number])
    data = {"theme": own_case.theme.pk, "area": own_case.area.pk, "version": own_case.version}
    first = login_as("teamleider").post(url, {**data, "summary": "Versie van teamleider"})
    assert first.status_code == 302
    second = login_as("regisseur_a").post(url, {**data, "summary": "Versie van regisseur"})
    assert second.status_code == 409
    assert second.context["conflict"]
    assert Case.objects.get(pk=own_case.pk).summary == "Versie van teamleider"


def test_concurrent_journal_edit_gets_a_conflict(login_as, personas, own_case) -> None:
    entry = services.add_journal_entry(
        actor=personas["regisseur_a"],
        case=own_case,
        occurred_on=date(2026, 5, 1),
        category=JournalCategory.objects.all()[0],
        text="Origineel",
        visibility="regie",
    )
    url = reverse("cases:journal_edit", args=[own_case.number, entry.pk])
    base = {
        "occurred_on": "2026-05-01",
        "category": entry.category_id,
        "visibility": "regie",
        "version": entry.version,
    }
    assert login_as("teamleider").post(url, {**base, "text": "Eerste"}).status_code == 302
    late = login_as("regisseur_a").post(url, {**base, "text": "Tweede"})
    assert late.status_code == 409
    assert [(mine, theirs) for _, mine, theirs in late.context["conflict"]] == [
        ("Tweede", "Eerste")
    ]
    assert JournalEntry.objects.get(pk=entry.pk).text == "Eerste"


def test_bulk_reassignment_with_reason(login_as, personas, make_case) -> None:
    cases = [make_case(None) for _ in range(3)]
    client = login_as("teamleider")
    refused = client.post(
        reverse("cases:bulk_assign"),
        {"case": [c.number for c in cases], "regisseur": personas["regisseur_b"].pk, "reason": ""},
    )
    assert refused.status_code == 302
    assert not Case.objects.filter(regisseur=personas["regisseur_b"]).exists()
    client.post(
        reverse("cases:bulk_assign"),
        {
            "case": [c.number for c in cases],
            "regisseur": personas["regisseur_b"].pk,
            "reason": "Vacature ingevuld",
        },
    )
    assert Case.objects.filter(regisseur=personas["regisseur_b"]).count() == 3
    assert TimelineEvent.objects.filter(kind="assignment", reason="Vacature ingevuld").count() == 3
    assert AuditEvent.objects.filter(action="cases.case.assign").count() == 3


def test_overview_shows_vacancy_and_balance(login_as, personas, make_case) -> None:
    make_case(personas["regisseur_a"])
    make_case(None)
    page = login_as("teamleider").get(reverse("cases:overview"))
    assert page.context["overview"].unassigned_count == 1
    rows = {r.label: r.total for r in page.context["overview"].by_regisseur}
    assert rows["Regisseur_A Test"] == 1
    assert rows["Regisseur_B Test"] == 0


def test_caseload_filters_and_sorts(login_as, personas, make_case, organisations) -> None:
    regie = make_case(personas["regisseur_a"], phase=Phase.REGIE)
    make_case(personas["regisseur_a"], phase=Phase.NAZORG, area=organisations["oost"])
    make_case(personas["regisseur_b"], phase=Phase.REGIE)
    make_case(personas["regisseur_a"], phase=Phase.AFGESLOTEN)
    client = login_as("regisseur_a")
    all_open = client.get(reverse("cases:caseload")).context["page"].items
    assert len(all_open) == 2
    only_regie = client.get(reverse("cases:caseload"), {"phase": "regie"}).context["page"].items
    assert [row.number for row in only_regie] == [regie.number]
    partial = client.get(reverse("cases:caseload"), {"sort": "number"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content


def test_caseload_area_filter_lists_the_districts_of_the_own_open_cases(
    login_as, personas, make_case, organisations
) -> None:
    make_case(personas["regisseur_a"], phase=Phase.REGIE, area=organisations["oost"])
    make_case(personas["regisseur_a"], phase=Phase.NAZORG, area=organisations["noord"])
    make_case(personas["regisseur_a"], phase=Phase.INSTROOM, area=organisations["noord"])
    make_case(personas["regisseur_a"], phase=Phase.AFGESLOTEN, area=organisations["school"])
    make_case(personas["regisseur_b"], phase=Phase.REGIE, area=organisations["buurtwerk"])
    areas = login_as("regisseur_a").get(reverse("cases:caseload")).context["areas"]
    assert areas == [
        (organisations["noord"].pk, "Stadsdeel Noord"),
        (organisations["oost"].pk, "Stadsdeel Oost"),
    ]
    assert login_as("regisseur_b").get(reverse("cases:caseload")).context["areas"] == [
        (organisations["buurtwerk"].pk, "Buurtwerk Test")
    ]


def test_caseload_keyset_pages(login_as, personas, make_case) -> None:
    for _ in range(30):
        make_case(personas["regisseur_a"])
    client = login_as("regisseur_a")
    first = client.get(reverse("cases:caseload"), {"sort": "number"}).context["page"]
    second = client.get(
        reverse("cases:caseload"), {"sort": "number", "cursor": first.next_cursor}
    ).context["page"]
    assert len(first.items) == 25
    assert len(second.items) == 5
    assert not {c.id for c in first.items} & {c.id for c in second.items}
    garbage = client.get(reverse("cases:caseload"), {"sort": "number", "cursor": "!!"})
    assert garbage.status_code == 200


def test_tasks_and_overdue_list(login_as, personas, own_case) -> None:
    today = timezone.localdate()
    late = services.add_task(
        actor=personas["teamleider"],
        case=own_case,
        title="Evaluatie",
        due_on=today - timedelta(days=2),
        assignee=personas["regisseur_a"],
        kind=Task.Kind.REVIEW,
    )
    services.add_task(
        actor=personas["teamleider"],
        case=own_case,
        title="Bellen school",
        due_on=today + timedelta(days=5),
        assignee=personas["regisseur_a"],
        kind=Task.Kind.FOLLOW_UP,
    )
    own_case.refresh_from_db()
    assert own_case.next_review_on == late.due_on
    page = login_as("regisseur_a").get(reverse("cases:tasks"))
    assert [t.title for t in page.context["overdue"]] == ["Evaluatie"]
    assert [t.title for t in page.context["upcoming"]] == ["Bellen school"]
    login_as("regisseur_a").post(reverse("cases:task_complete", args=[late.pk]))
    own_case.refresh_from_db()
    assert own_case.next_review_on is None
    assert (
        login_as("regisseur_b").post(reverse("cases:task_complete", args=[late.pk])).status_code
        == 404
    )


def test_flag_list_for_family_meetings(login_as, personas, make_case) -> None:
    flag = FlagType.objects.get(code="familiebijeenkomst")
    wanted = make_case(personas["regisseur_a"])
    wanted.flags.add(flag)
    make_case(personas["regisseur_b"])
    page = login_as("teamleider").get(reverse("cases:flag_list", args=["familiebijeenkomst"]))
    assert [row.number for row in page.context["page"].items] == [wanted.number]
    assert page.context["page"].items[0].flags == (flag.name,)


def test_unknown_flag_is_404(login_as) -> None:
    assert (
        login_as("teamleider").get(reverse("cases:flag_list", args=["bestaat-niet"])).status_code
        == 404
    )


def test_case_page_for_anonymous_redirects(client: Client, own_case) -> None:
    response = client.get(reverse("cases:detail", args=[own_case.number]))
    assert response.status_code == 302


def test_protected_case_hides_staff_names_outside_the_regie_team(personas, own_case) -> None:
    from regie.cases import display

    own_case.flags.add(FlagType.objects.get(code="media"))
    regisseur = personas["regisseur_a"]
    assert display.regisseur_name(own_case, personas["teamleider"]) == regisseur.get_full_name()
    assert display.regisseur_name(own_case, regisseur) == regisseur.get_full_name()
    for outsider in ("partner_stadsdeel", "aandachtsfunctionaris", "auditor"):
        assert display.regisseur_name(own_case, personas[outsider]) != regisseur.get_full_name()
    own_case.flags.clear()
    assert display.regisseur_name(own_case, personas["auditor"]) == regisseur.get_full_name()


def test_protected_case_timeline_hides_assignee_names(personas, own_case) -> None:
    from regie.cases.models import TimelineEvent

    services.assign(
        actor=personas["teamleider"],
        case=own_case,
        regisseur=personas["regisseur_b"],
        reason="Herverdeling",
    )
    event = TimelineEvent.objects.filter(case=own_case, kind="assignment").latest("id")
    name = personas["regisseur_b"].get_full_name()
    assert name in event.text_for(hide_staff=False)
    assert name not in event.text_for(hide_staff=True)


def test_concurrent_flag_change_gets_a_conflict(login_as, own_case: Case) -> None:
    url = reverse("cases:flags", args=[own_case.number])
    media = FlagType.objects.get(code="media")
    family = FlagType.objects.get(code="familiebijeenkomst")
    version = own_case.version
    first = login_as("teamleider").post(url, {"flags": [media.pk], "version": version})
    assert first.status_code == 302
    late = login_as("regisseur_a").post(url, {"flags": [family.pk], "version": version})
    assert late.status_code == 409
    assert list(Case.objects.get(pk=own_case.pk).flags.all()) == [media]


def test_concurrent_reassignment_gets_a_conflict(login_as, personas, own_case: Case) -> None:
    url = reverse("cases:assign", args=[own_case.number])
    version = own_case.version
    first = login_as("teamleider").post(
        url, {"regisseur": personas["regisseur_b"].pk, "reason": "Verdeling", "version": version}
    )
    assert first.status_code == 302
    late = login_as("teamleider").post(
        url, {"regisseur": "", "reason": "Vacature", "version": version}
    )
    assert late.status_code == 409
    assert Case.objects.get(pk=own_case.pk).regisseur == personas["regisseur_b"]
