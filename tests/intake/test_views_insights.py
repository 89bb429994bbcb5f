"""The informatiebeeld's trends page and the confidential PDF: who may open them (every
persona), what they show, the access log, and the PDF's marking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import Role, User
from regie.audit.models import AuditEvent
from regie.cases.models import Theme
from regie.intake.insights import period
from regie.intake.models import Signal, TriageDecision
from regie.organisations.models import Organisation
from tests.cases.test_export import pdf_text
from tests.conftest import make_user, verify_session

PERSONAS = (
    "programmamedewerker",
    "teamleider",
    "steunpunt",
    "weegploeg",
    "regisseur_a",
    "partner_stadsdeel",
    "partner_other",
    "aandachtsfunctionaris",
    "auditor",
    "beheerder",
    "secretaris",
    "outsider",
)

ROWS: list[tuple[str, dict[str, int]]] = [
    ("insights:index", {"programmamedewerker": 200, "teamleider": 200}),
    # The confidential document is the programme team's alone.
    ("insights:confidential_pdf", {"programmamedewerker": 200}),
]


@pytest.fixture
def people(
    intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> dict[str, User]:
    # Not (yet) a shared persona: made here, as tests/intake/conftest.py makes the desk's.
    programme = make_user("programma", (organisations["amsterdam"], Role.PROGRAMMA, None))
    return {**intake_personas, "programmamedewerker": programme}


@pytest.fixture
def log_in(people: dict[str, User]) -> Callable[[str], Client]:
    def client(name: str) -> Client:
        made = Client()
        verify_session(made, people[name])
        return made

    return client


def _last_month() -> datetime:
    """A moment in the last full month: inside the default period."""
    first = period.default(timezone.localdate()).buckets[-1]
    return datetime(first.year, first.month, 10, 10, tzinfo=UTC)


@pytest.fixture
def counted(make_signal: Callable[..., Signal]) -> list[Signal]:
    made = [make_signal(), make_signal(person_area_id=None)]
    Signal.objects.filter(pk__in=[s.pk for s in made]).update(created_at=_last_month())
    return made


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("url_name", "allowed"), ROWS)
def test_matrix(
    log_in: Callable[[str], Client],
    counted: list[Signal],
    persona: str,
    url_name: str,
    allowed: dict[str, int],
) -> None:
    response = log_in(persona).get(reverse(url_name))
    assert response.status_code == allowed.get(persona, 403)


@pytest.mark.parametrize(("url_name", "allowed"), ROWS)
def test_anonymous_is_sent_to_login(client: Client, db: Any, url_name: str, allowed: Any) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_shows_counts_charts_and_tables(
    log_in: Callable[[str], Client], counted: list[Signal]
) -> None:
    response = log_in("programmamedewerker").get(reverse("insights:index"))
    html = response.content.decode()
    assert response.status_code == 200
    # Four sections, each with an accessible chart and a table with both periods.
    for key in ("thema", "stadsdeel", "bron", "uitkomst"):
        assert f'id="{key}"' in html
    assert html.count('role="img"') == 4
    assert html.count("<title id=") == 4
    assert html.count("<desc id=") == 4
    assert html.count("<table") == 4
    assert "Vorige periode" in html
    assert Theme.objects.order_by("order", "pk")[0].name in html
    assert "onbekend" in html
    assert "nog niet beslist" in html
    # Counts only: nothing of a signal's content, reference or person reaches the page.
    for signal in counted:
        assert signal.reference not in html
        assert signal.person_last_name not in html
        assert signal.observation not in html
    # The programme team may take the confidential version out; the link carries the period.
    assert reverse("insights:confidential_pdf") + "?van=" in html


def test_the_team_leader_sees_no_export_link(
    log_in: Callable[[str], Client], counted: list[Signal]
) -> None:
    html = log_in("teamleider").get(reverse("insights:index")).content.decode()
    assert reverse("insights:confidential_pdf") not in html


def test_per_quarter_and_a_wrong_period(
    log_in: Callable[[str], Client], counted: list[Signal]
) -> None:
    client = log_in("programmamedewerker")
    month = _last_month()
    query = {"van": f"{month.year - 1}-01", "tot": f"{month.year}-{month.month:02d}"}
    response = client.get(reverse("insights:index"), {**query, "per": "kwartaal"})
    assert response.status_code == 200
    quarter = (month.month - 1) // 3 + 1
    # The last quarter's column holds both signals, per district: Noord and unknown.
    assert f"K{quarter} {month.year}" in response.content.decode()
    # Without a period: the last four full quarters.
    assert client.get(reverse("insights:index"), {"per": "kwartaal"}).status_code == 200
    refused = client.get(reverse("insights:index"), {"van": "2026-05", "tot": "2026-01"})
    assert refused.status_code == 400
    assert "De laatste maand kan niet vóór de eerste liggen." in refused.content.decode()
    assert client.get(reverse("insights:confidential_pdf"), {"van": "nooit"}).status_code == 400


def test_one_audit_row_per_page_view(
    log_in: Callable[[str], Client], counted: list[Signal], people: dict[str, User]
) -> None:
    client = log_in("teamleider")
    before = AuditEvent.objects.count()
    client.get(reverse("insights:index"))
    client.get(reverse("insights:index"), {"per": "kwartaal"})
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.actor_id, e.object_type) for e in events] == [
        ("intake.insights.view.read", people["teamleider"].pk, "page"),
    ] * 2
    # The query string stays out of the log.
    assert all(e.object_id == reverse("insights:index") for e in events)


def test_a_refusal_is_logged(log_in: Callable[[str], Client], people: dict[str, User]) -> None:
    log_in("regisseur_a").get(reverse("insights:index"))
    log_in("teamleider").get(reverse("insights:confidential_pdf"))
    refused = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).order_by("id")
    assert [(e.action, e.actor_id) for e in refused] == [
        ("intake.insights.view", people["regisseur_a"].pk),
        ("intake.insights.export_confidential", people["teamleider"].pk),
    ]


def test_the_confidential_pdf(
    log_in: Callable[[str], Client],
    counted: list[Signal],
    people: dict[str, User],
    tmp_path: Path,
) -> None:
    response = log_in("programmamedewerker").get(
        reverse("insights:confidential_pdf"),
        {"van": "2025-01", "tot": "2026-11", "per": "kwartaal"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="informatiebeeld-vertrouwelijk-2025-01-01-2026-12-31.pdf"'
    )
    text = pdf_text(response.content, tmp_path)
    pages = text.split("\f")
    printed = [page for page in pages if page.strip()]
    assert len(printed) >= 4  # a page per section
    # Every page is marked, at the top and at the bottom.
    for page in printed:
        assert page.count("Vertrouwelijk — niet verder verspreiden") >= 2
    assert "Per thema" in text
    assert "Per triage-uitkomst" in text
    assert "onbekend" in text
    for signal in counted:
        assert signal.reference not in text
    event = AuditEvent.objects.get(action="intake.insights.export_confidential")
    assert event.actor_id == people["programmamedewerker"].pk
    assert event.result == AuditEvent.Result.OK
    assert event.changes == {"van": "2025-01-01", "tot": "2026-12-31", "per": "kwartaal"}
    assert event.object_id == "2025-01-01/2026-12-31"


def test_the_home_card_and_the_navigation(
    log_in: Callable[[str], Client], make_signal: Callable[..., Signal]
) -> None:
    month = _last_month()
    made = [make_signal(), make_signal()]
    Signal.objects.filter(pk__in=[s.pk for s in made]).update(created_at=month)
    html = log_in("programmamedewerker").get("/").content.decode()
    card = html[html.index('id="panel-insights"') :]
    card = card[: card.index("</section>")]
    assert "2 signalen (de maand ervoor: 0)" in card
    assert Theme.objects.order_by("order", "pk")[0].name in card
    assert "2 signalen" in card
    assert f'href="{reverse("insights:index")}"' in html
    for signal in made:
        assert signal.reference not in card
    # The team leader has the navigation entry, not the card; the Steunpunt neither.
    leader = log_in("teamleider").get("/").content.decode()
    assert 'id="panel-insights"' not in leader
    assert f'href="{reverse("insights:index")}"' in leader
    assert (
        f'href="{reverse("insights:index")}"' not in log_in("steunpunt").get("/").content.decode()
    )


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm: session, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(
    make_signal: Callable[..., Signal], organisations: dict[str, Organisation], n: int
) -> None:
    """``n`` signals over the last months, in more districts, themes and outcomes as they grow."""
    themes = list(Theme.objects.order_by("pk"))
    areas = [organisations["noord"].pk, organisations["oost"].pk, None]
    end = period.default(timezone.localdate()).end
    for i in range(n):
        made = make_signal(
            theme_ids=(themes[i % len(themes)].pk,), person_area_id=areas[i % len(areas)]
        )
        month = period.add_months(end, -(i % 20) - 1)
        Signal.objects.filter(pk=made.pk).update(
            created_at=datetime(month.year, month.month, 5, 10, tzinfo=UTC)
        )
        if i % 2:
            outcome = list(TriageDecision.Outcome)[i % len(TriageDecision.Outcome)]
            TriageDecision.objects.create(signal=made, outcome=outcome, motivation="Gewogen.")


@pytest.mark.parametrize("url", ["/informatiebeeld/", "/informatiebeeld/?per=kwartaal", "/"])
def test_constant_queries(
    log_in: Callable[[str], Client],
    make_signal: Callable[..., Signal],
    organisations: dict[str, Organisation],
    url: str,
) -> None:
    client = log_in("programmamedewerker")
    _grow(make_signal, organisations, 3)
    small = _queries(client, url)
    _grow(make_signal, organisations, 27)
    large = _queries(client, url)
    assert small == large, f"{url}: {small} queries with 3 signals, {large} with 30"
