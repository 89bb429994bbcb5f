"""The actielijst, Mijn acties, the besluitenlijst and the termijnagenda pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.meetings import services
from regie.meetings.models import (
    Action,
    Decision,
    Meeting,
    MeetingSeries,
    SubAction,
    TermItem,
)
from regie.meetings.services import Owner, SubActionInput
from tests.english import english_login_as  # noqa: F401  (fixture login_as)

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


MANAGERS = ("teamleider", "secretaris")
READERS = ("regisseur_a",)
OUTSIDE = ("partner_stadsdeel", "partner_other", "auditor", "outsider")


def _action(
    secretary: User,
    series: MeetingSeries,
    subject: str = "Teamuitstapje in Westerpark",
    *,
    owners: list[Owner] | None = None,
    due: str = "voor de zomervakantie",
    meeting: Meeting | None = None,
    raised_on: dt.date | None = None,
) -> Action:
    return services.add_action(
        series,
        actor=secretary,
        subject=subject,
        meeting=meeting,
        raised_on=raised_on,
        subactions=[SubActionInput(description="Plant een BBQ", owners=owners or [], due_text=due)],
    )


@pytest.fixture
def actions(
    series: MeetingSeries, secretary: User, meeting: Meeting, personas: dict[str, User]
) -> list[Action]:
    return [
        _action(
            secretary,
            series,
            meeting=meeting,
            owners=[Owner(user=personas["regisseur_a"]), Owner(name="Woordvoering BM")],
        ),
        _action(
            secretary,
            series,
            "Familiebijeenkomst met BM",
            due="als het uitkomt",
            meeting=meeting,
            owners=[Owner(user=personas["partner_stadsdeel"])],
        ),
    ]


# --- Persona matrix -----------------------------------------------------------------------------


def _series_pages(series: MeetingSeries) -> list[str]:
    return [
        reverse("meetings:actions", args=[series.pk]),
        reverse("meetings:decisions", args=[series.pk]),
        reverse("meetings:term_agenda", args=[series.pk]),
    ]


def _manager_pages(series: MeetingSeries, action: Action) -> list[str]:
    sub = action.subactions.first()
    assert sub is not None
    return [
        reverse("meetings:action_add", args=[series.pk]),
        reverse("meetings:subaction_add", args=[action.pk]),
        reverse("meetings:subaction_edit", args=[sub.pk]),
        reverse("meetings:term_add", args=[series.pk]),
    ]


@pytest.mark.parametrize("name", MANAGERS + READERS + OUTSIDE)
def test_series_pages_matrix(
    name: str, login_as: Login, series: MeetingSeries, actions: list[Action]
) -> None:
    client = login_as(name)
    expected = 404 if name in OUTSIDE else 200
    for url in _series_pages(series):
        assert client.get(url).status_code == expected, url
    add_link = reverse("meetings:action_add", args=[series.pk])
    if name not in OUTSIDE:
        page = client.get(_series_pages(series)[0]).content.decode()
        assert (add_link in page) == (name in MANAGERS)


@pytest.mark.parametrize("name", MANAGERS + READERS + OUTSIDE)
def test_manager_pages_matrix(
    name: str, login_as: Login, series: MeetingSeries, actions: list[Action]
) -> None:
    client = login_as(name)
    pages = _manager_pages(series, actions[0])
    for url in pages:
        status = client.get(url).status_code
        if name in MANAGERS:
            assert status == 200, url
        elif name in READERS:
            assert status == 403, url
        else:
            assert status == 404, url


def test_guest_owner_reaches_own_subaction_but_not_its_edit_form(
    login_as: Login, actions: list[Action]
) -> None:
    # The district project leader owns a sub-action: visible (so 403, not 404) but not editable.
    sub = actions[1].subactions.get()
    client = login_as("partner_stadsdeel")
    assert client.get(reverse("meetings:subaction_edit", args=[sub.pk])).status_code == 403


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("teamleider", []),
        ("secretaris", []),
        ("regisseur_a", ["Teamuitstapje in Westerpark"]),
        ("partner_stadsdeel", ["Familiebijeenkomst met BM"]),
        ("partner_other", []),
        ("auditor", []),
        ("outsider", []),
    ],
)
def test_my_actions_matrix(
    name: str, sees: list[str], login_as: Login, actions: list[Action]
) -> None:
    response = login_as(name).get(reverse("meetings:my_actions"))
    assert response.status_code == 200
    page = response.content.decode()
    for subject in ("Teamuitstapje in Westerpark", "Familiebijeenkomst met BM"):
        assert (subject in page) == (subject in sees), subject


# --- Actielijst ---------------------------------------------------------------------------------


def test_actielijst_shows_owners_due_unknown_marker_and_overdue(
    login_as: Login, series: MeetingSeries, actions: list[Action]
) -> None:
    page = login_as("regisseur_a").get(reverse("meetings:actions", args=[series.pk]))
    html = page.content.decode()
    assert "Regisseur_A Test" in html
    assert "Woordvoering BM" in html
    assert "voor de zomervakantie" in html
    # The unknown period keeps its text and gets a visible "?" with text for screen readers.
    assert "als het uitkomt" in html
    assert ">?</span>" in html
    assert "period not recognised" in html
    # The summer of 2021 is long past: overdue, said in words and not only by colour.
    assert "overdue" in html
    # The machine period is shown as secondary text.
    sub = actions[0].subactions.get()
    assert sub.due_end is not None
    assert f"{sub.due_end:%d-%m-%Y}" in html


def test_filters(
    login_as: Login, series: MeetingSeries, secretary: User, actions: list[Action]
) -> None:
    sub = actions[0].subactions.get()
    services.complete_subaction(sub, actor=secretary)
    client = login_as("regisseur_a")
    url = reverse("meetings:actions", args=[series.pk])
    open_page = client.get(url).content.decode()
    done_page = client.get(url, {"status": "done"}).content.decode()
    all_page = client.get(url, {"status": "all"}).content.decode()
    assert "Teamuitstapje" not in open_page
    assert "Familiebijeenkomst" in open_page
    assert "Teamuitstapje" in done_page
    assert "Familiebijeenkomst" not in done_page
    assert "Teamuitstapje" in all_page
    assert "Familiebijeenkomst" in all_page
    assert f"done {timezone.localdate():%d-%m-%Y}" in done_page
    # A malformed filter means the default.
    assert client.get(url, {"status": "x"}).status_code == 200


def test_manager_adds_action_with_subactions_and_owners(
    login_as: Login, series: MeetingSeries, meeting: Meeting, personas: dict[str, User]
) -> None:
    client = login_as("secretaris")
    url = reverse("meetings:action_add", args=[series.pk])
    data = {
        "subject": "Bijeenkomst over veiligheid met directeur OOV",
        "meeting": str(meeting.pk),
        "raised_on": "",
        "sub-TOTAL_FORMS": "3",
        "sub-INITIAL_FORMS": "0",
        "sub-MIN_NUM_FORMS": "0",
        "sub-MAX_NUM_FORMS": "20",
        "sub-0-description": "Secretariaat OOV zoekt een datum",
        "sub-0-owners": [str(personas["regisseur_a"].pk), str(personas["teamleider"].pk)],
        "sub-0-other_owners": "Secretariaat OOV, Woordvoering",
        "sub-0-due_text": "z.s.m.",
        "sub-1-description": "Uitnodiging versturen",
        "sub-1-due_text": "Q3 2021",
        "sub-2-description": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    action = Action.objects.get(subject__startswith="Bijeenkomst over veiligheid")
    assert action.raised_at == meeting
    assert action.raised_on == meeting.date
    first, second = action.subactions.order_by("position")
    owners = sorted(o.display_name for o in first.owners.all())
    assert owners == ["Regisseur_A Test", "Secretariaat OOV", "Teamleider Test", "Woordvoering"]
    assert first.due_kind == "asap"
    assert first.due_end is not None
    assert second.due_end == dt.date(2021, 9, 30)


def test_add_action_needs_a_subaction(login_as: Login, series: MeetingSeries) -> None:
    client = login_as("teamleider")
    response = client.post(
        reverse("meetings:action_add", args=[series.pk]),
        {
            "subject": "Iets",
            "sub-TOTAL_FORMS": "1",
            "sub-INITIAL_FORMS": "0",
            "sub-0-description": "",
        },
    )
    assert response.status_code == 400
    assert not Action.objects.exists()


def test_reader_cannot_post_an_action(login_as: Login, series: MeetingSeries) -> None:
    response = login_as("regisseur_a").post(
        reverse("meetings:action_add", args=[series.pk]),
        {"subject": "Iets", "sub-TOTAL_FORMS": "1", "sub-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 403


def test_add_subaction(login_as: Login, actions: list[Action]) -> None:
    client = login_as("teamleider")
    response = client.post(
        reverse("meetings:subaction_add", args=[actions[0].pk]),
        {"description": "Ook de buren uitnodigen", "other_owners": "Buurtwerk", "due_text": ""},
    )
    assert response.status_code == 302
    assert actions[0].subactions.count() == 2


def test_edit_subaction_with_optimistic_lock(
    login_as: Login, actions: list[Action], personas: dict[str, User]
) -> None:
    sub = actions[1].subactions.get()
    url = reverse("meetings:subaction_edit", args=[sub.pk])
    client = login_as("secretaris")
    form = {
        "description": "Regisseurs gaan na welke casussen behoefte hebben",
        "owners": [str(personas["regisseur_b"].pk)],
        "other_owners": "",
        "due_text": "september 2021",
        "version": str(sub.version),
    }
    assert client.post(url, form).status_code == 302
    sub.refresh_from_db()
    assert sub.due_end == dt.date(2021, 9, 30)
    assert sub.period_understood
    assert [o.user for o in sub.owners.all()] == [personas["regisseur_b"]]
    # A second save from the same (now stale) form is refused, not silently overwritten.
    stale = client.post(url, {**form, "due_text": "oktober 2021"})
    assert stale.status_code == 409
    assert "Someone else changed this action" in stale.content.decode()
    sub.refresh_from_db()
    assert sub.due_text == "september 2021"


def test_owner_marks_own_done_from_my_actions(login_as: Login, actions: list[Action]) -> None:
    sub = actions[1].subactions.get()
    client = login_as("partner_stadsdeel")
    page = client.get(reverse("meetings:my_actions")).content.decode()
    assert reverse("meetings:subaction_done", args=[sub.pk]) in page
    response = client.post(
        reverse("meetings:subaction_done", args=[sub.pk]),
        {"on": "2021-07-01", "version": str(sub.version), "next": reverse("meetings:my_actions")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:my_actions")
    sub.refresh_from_db()
    assert sub.status == SubAction.Status.DONE
    assert sub.completed_on == dt.date(2021, 7, 1)
    # Reopening works for the owner too.
    assert client.post(reverse("meetings:subaction_reopen", args=[sub.pk])).status_code == 302
    sub.refresh_from_db()
    assert sub.is_open


def test_others_cannot_mark_done(login_as: Login, actions: list[Action]) -> None:
    sub = actions[1].subactions.get()  # owned by the district project leader
    url = reverse("meetings:subaction_done", args=[sub.pk])
    # A member who does not manage and does not own it: 403; outsiders: 404.
    assert login_as("regisseur_a").post(url, {}).status_code == 403
    for name in ("partner_other", "auditor", "outsider"):
        assert login_as(name).post(url, {}).status_code == 404
    assert login_as("regisseur_a").get(url).status_code == 405
    sub.refresh_from_db()
    assert sub.is_open


def test_done_date_in_future_refused_and_next_must_be_local(
    login_as: Login, actions: list[Action]
) -> None:
    sub = actions[0].subactions.get()
    client = login_as("regisseur_a")
    future = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        reverse("meetings:subaction_done", args=[sub.pk]),
        {"on": future.isoformat(), "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil")
    sub.refresh_from_db()
    assert sub.is_open


def _yearly(secretary: User, series: MeetingSeries, owner: User) -> SubAction:
    action = _action(
        secretary,
        series,
        "Actualisering interventiepallet",
        due="Eerste helft 2021 jaarlijks",
        raised_on=dt.date(2020, 10, 1),
        owners=[Owner(user=owner)],
    )
    return action.subactions.get()


def test_yearly_action_reopens_for_next_year(
    login_as: Login, series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    sub = _yearly(secretary, series, personas["teamleider"])
    action = sub.action
    client = login_as("teamleider")
    response = client.post(
        reverse("meetings:subaction_done", args=[sub.pk]), {"on": "2021-06-10"}, follow=True
    )
    html = response.content.decode()
    assert "open again" in html
    again = action.subactions.exclude(pk=sub.pk).get()
    assert again.is_open
    assert again.recurring
    assert again.due_end == dt.date(2022, 6, 30)
    assert "30-06-2022" in html


# --- Mijn acties --------------------------------------------------------------------------------


def test_my_actions_overdue_first_and_done_toggle(
    login_as: Login, series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    me = [Owner(user=personas["regisseur_a"])]
    today = timezone.localdate()
    later = _action(secretary, series, "Later", due=f"{today.year + 1}", owners=me)
    late = _action(secretary, series, "Te laat", due="27 mei 2021", owners=me)
    done = _action(secretary, series, "Klaar", due="27 mei 2021", owners=me)
    services.complete_subaction(done.subactions.get(), actor=secretary)
    client = login_as("regisseur_a")
    html = client.get(reverse("meetings:my_actions")).content.decode()
    assert html.index("Te laat") < html.index("Later")
    assert "Klaar" not in html
    assert "Overdue actions: 1" in html
    html = client.get(reverse("meetings:my_actions"), {"afgerond": "1"}).content.decode()
    assert "Klaar" in html
    assert later.pk
    assert late.pk


# --- Besluitenlijst -----------------------------------------------------------------------------


@pytest.fixture
def decisions(meeting: Meeting, secretary: User) -> list[Decision]:
    item = meeting.items.get(position=1)
    return [
        services.add_decision(
            item, actor=secretary, text="Het informatiebeeld blijft vertrouwelijk."
        ),
        services.add_decision(item, actor=secretary, text="Er komt een factsheet."),
    ]


def test_decisions_search_and_anchor(
    login_as: Login, series: MeetingSeries, decisions: list[Decision]
) -> None:
    client = login_as("regisseur_a")
    url = reverse("meetings:decisions", args=[series.pk])
    html = client.get(url).content.decode()
    assert "vertrouwelijk" in html
    assert "factsheet" in html
    assert f'id="besluit-{decisions[0].pk}"' in html
    html = client.get(url, {"q": "factsheet"}).content.decode()
    assert "factsheet" in html
    assert "vertrouwelijk" not in html


@pytest.mark.parametrize("name", MANAGERS + READERS + OUTSIDE)
def test_decision_link_matrix(name: str, login_as: Login, decisions: list[Decision]) -> None:
    response = login_as(name).get(reverse("meetings:decision", args=[decisions[0].pk]))
    if name in OUTSIDE:
        # The guest only sees decisions once the minutes are adopted.
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert response["Location"].endswith(f"#besluit-{decisions[0].pk}")


def test_decision_link_for_guest_after_adoption(
    login_as: Login, meeting: Meeting, secretary: User, decisions: list[Decision]
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.ADOPTED)
    response = login_as("partner_stadsdeel").get(
        reverse("meetings:decision", args=[decisions[0].pk])
    )
    assert response.status_code == 302
    assert (
        login_as("partner_other")
        .get(reverse("meetings:decision", args=[decisions[0].pk]))
        .status_code
        == 404
    )


# --- Termijnagenda ------------------------------------------------------------------------------


def test_term_agenda_add_plan_and_flags(
    login_as: Login, series: MeetingSeries, secretary: User, teams: dict[str, Any]
) -> None:
    client = login_as("secretaris")
    add = reverse("meetings:term_add", args=[series.pk])
    response = client.post(
        add,
        {
            "subject": "Intervisiebijeenkomsten voor regisseurs",
            "kind": "intervisie",
            "dates": "16/2, 15/4, 22/6, 23/9, 11/11 en 16/12",
            "audience_teams": [str(teams["regisseurspool"].pk)],
            "audience_roles": ["regisseur"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = TermItem.objects.get(subject__startswith="Intervisie")
    assert item.dates.count() == 6
    client.post(add, {"subject": "Teamuitje regisseurspool", "kind": "teamuitje", "to_plan": "on"})
    # A period long gone without a date: flagged.
    services.add_term_item(
        series, actor=secretary, subject="Toelichting GGD op ZRM", when_text="september 2021"
    )
    url = reverse("meetings:term_agenda", args=[series.pk])
    html = client.get(url).content.decode()
    assert "Teamuitje regisseurspool" in html
    assert "still to be planned" in html
    html = client.get(url, {"verleden": "1"}).content.decode()
    assert "Toelichting GGD op ZRM" in html
    assert "period passed without a date" in html
    assert "Regisseurspool" in html
    # Plan the to-plan item with a series of dates typed in one field.
    outing = TermItem.objects.get(subject="Teamuitje regisseurspool")
    plan = reverse("meetings:term_plan", args=[outing.pk])
    assert client.post(plan, {"dates": "nergens"}).status_code == 400
    assert client.post(plan, {"dates": "30 juni 2031 en 8 juli 2031"}).status_code == 302
    outing.refresh_from_db()
    assert not outing.to_plan
    assert [d.date for d in outing.dates.all()] == [dt.date(2031, 6, 30), dt.date(2031, 7, 8)]


@pytest.mark.parametrize("name", MANAGERS + READERS + OUTSIDE)
def test_term_plan_matrix(
    name: str, login_as: Login, series: MeetingSeries, secretary: User
) -> None:
    item = services.add_term_item(series, actor=secretary, subject="BBQ", to_plan=True)
    status = login_as(name).get(reverse("meetings:term_plan", args=[item.pk])).status_code
    assert status == (200 if name in MANAGERS else 403 if name in READERS else 404)


# --- Query counts -------------------------------------------------------------------------------


def _count(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    client.get(url, params or {})  # warm: session, caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def _grow(series: MeetingSeries, secretary: User, user: User, meeting: Meeting, n: int) -> None:
    item = meeting.items.get(position=1)
    for i in range(n):
        _action(
            secretary,
            series,
            f"Actie {i}",
            due="27 mei 2021" if i % 2 else "als het uitkomt",
            owners=[Owner(user=user), Owner(name=f"Extern {i}")],
        )
        services.add_decision(item, actor=secretary, text=f"Besluit {i}")


@pytest.mark.parametrize("page", ["actions", "decisions", "my_actions", "term_agenda"])
def test_query_counts_constant(
    page: str,
    login_as: Login,
    series: MeetingSeries,
    secretary: User,
    meeting: Meeting,
    personas: dict[str, User],
) -> None:
    client = login_as("teamleider")
    url = (
        reverse("meetings:my_actions")
        if page == "my_actions"
        else reverse(f"meetings:{page}", args=[series.pk])
    )
    params = {"status": "all"} if page == "actions" else {"verleden": "1"}

    def grow(n: int) -> None:
        _grow(series, secretary, personas["teamleider"], meeting, n)
        for i in range(n):
            services.add_term_item(
                series, actor=secretary, subject=f"Termijn {i}", when_text="16/2, 15/4 en 22/6"
            )

    grow(3)
    small = _count(client, url, params)
    grow(27)
    assert _count(client, url, params) == small


# --- Review fixes: yearly follow-ups, due text edits, reopen lock (service level) ---------------


def test_reopening_a_yearly_action_takes_back_its_untouched_follow_up(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    sub = _yearly(secretary, series, personas["teamleider"])
    again = services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 10))
    assert again is not None
    assert again.follows == sub
    services.reopen_subaction(sub, actor=secretary)
    assert not SubAction.objects.filter(pk=again.pk).exists()
    sub.refresh_from_db()
    # Done again: one follow-up, not two.
    services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 11))
    assert sub.action.subactions.filter(status=SubAction.Status.OPEN).count() == 1
    follow_up = sub.action.subactions.get(status=SubAction.Status.OPEN)
    assert follow_up.follows == sub
    assert follow_up.due_end == dt.date(2022, 6, 30)


def test_reopening_is_refused_once_the_follow_up_was_changed(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    sub = _yearly(secretary, series, personas["teamleider"])
    again = services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 10))
    assert again is not None
    services.update_subaction(again, actor=secretary, description="Pallet bijwerken met de GGD")
    sub.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.reopen_subaction(sub, actor=secretary)
    assert refused.value.code == "follow_up_changed"
    sub.refresh_from_db()
    assert not sub.is_open
    assert SubAction.objects.filter(pk=again.pk).exists()


def test_completing_does_not_make_a_second_follow_up(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    sub = _yearly(secretary, series, personas["teamleider"])
    again = services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 10))
    assert again is not None
    # Reopened behind the service's back (an older row): completing again keeps the one there is.
    SubAction.objects.filter(pk=sub.pk).update(status=SubAction.Status.OPEN, completed_on=None)
    sub.refresh_from_db()
    assert services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 12)) == again
    assert sub.action.subactions.filter(status=SubAction.Status.OPEN).count() == 1


def test_description_edit_keeps_the_period_and_the_reminder(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    action = _action(secretary, series, due="september 2021", raised_on=dt.date(2021, 6, 15))
    sub = action.subactions.get()
    SubAction.objects.filter(pk=sub.pk).update(reminded_for=dt.date(2021, 9, 30))
    sub.refresh_from_db()
    # The edit form always sends the due text: unchanged, it is not read again.
    services.update_subaction(
        sub, actor=secretary, description="Plant een BBQ in het park", due_text=" september  2021 "
    )
    sub.refresh_from_db()
    assert sub.reminded_for == dt.date(2021, 9, 30)
    assert sub.due_end == dt.date(2021, 9, 30)
    services.update_subaction(sub, actor=secretary, due_text="oktober 2021")
    sub.refresh_from_db()
    assert sub.due_end == dt.date(2021, 10, 31)
    assert sub.reminded_for is None


def test_editing_a_follow_up_keeps_its_year(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    action = _action(secretary, series, due="jaarlijks in juni", raised_on=dt.date(2020, 10, 1))
    sub = action.subactions.get()
    first_end = sub.due_end
    assert first_end is not None
    again = services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 10))
    assert again is not None
    assert again.due_end == first_end.replace(year=first_end.year + 1)
    services.update_subaction(again, actor=secretary, description="Anders", due_text=again.due_text)
    again.refresh_from_db()
    assert again.due_end == first_end.replace(year=first_end.year + 1)
    # A new due text on a follow-up is read from its own period, not from when it was raised.
    services.update_subaction(again, actor=secretary, due_text="juli")
    again.refresh_from_db()
    assert again.due_end == dt.date(first_end.year + 1, 7, 31)


def test_reopen_checks_the_version(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    action = _action(secretary, series)
    sub = action.subactions.get()
    services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 10))
    stale = sub.version - 1
    with pytest.raises(services.Conflict):
        services.reopen_subaction(sub, actor=secretary, expected_version=stale)
    sub.refresh_from_db()
    assert not sub.is_open
    services.reopen_subaction(sub, actor=secretary, expected_version=sub.version)
    sub.refresh_from_db()
    assert sub.is_open


def test_completing_a_yearly_action_on_the_calendars_last_year(
    series: MeetingSeries, secretary: User, personas: dict[str, User]
) -> None:
    action = _action(secretary, series, due="jaarlijks", raised_on=dt.date(9999, 12, 31))
    sub = action.subactions.get()
    assert sub.recurring
    # No year after 9999: done, without a follow-up rather than a crash.
    assert services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 10)) is None
    sub.refresh_from_db()
    assert not sub.is_open
