"""The shareable factsheet's pages (issue 14): who may open them, what the PDF shows of a small
count (never the count), the threshold setting, the audited download, a fixed number of
queries."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, time
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
from regie.core import audit
from regie.intake.insights.factsheet import Quarter, full_quarters, period
from regie.intake.models import Signal, TriageDecision
from regie.intake.vocabulary import Intake
from regie.organisations.models import Organisation, Team
from tests.conftest import make_user, verify_session
from tests.core.test_settings import PRODUCTION, run_regie

# The shared personas, the intake roles, and a programme team member (allowed with the team
# leader); everyone else is refused.
PERSONAS = (
    "programma",
    "teamleider",
    "regisseur_a",
    "partner_stadsdeel",
    "partner_other",
    "aandachtsfunctionaris",
    "steunpunt",
    "weegploeg",
    "auditor",
    "beheerder",
    "secretaris",
    "outsider",
)
ALLOWED = {"programma", "teamleider"}

_counter = iter(range(1, 100_000))


@pytest.fixture
def people(
    intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> dict[str, User]:
    # The shared personas made the programme team (the team leader's).
    team = Team.objects.get(kind="programmateam", organisation=organisations["amsterdam"])
    programma = make_user("programma", (organisations["amsterdam"], Role.PROGRAMMA, team))
    return {**intake_personas, "programma": programma}


def client_of(user: User) -> Client:
    client = Client()
    verify_session(client, user)
    return client


def last_quarter() -> Quarter:
    return full_quarters(timezone.localdate(), 1)[0]


def add_signals(
    n: int,
    area: Organisation | None,
    quarter: Quarter,
    *,
    theme: Theme | None = None,
    outcome: str = "",
) -> None:
    """``n`` signals that came in (and, with ``outcome``, were decided) in ``quarter``."""
    moment = timezone.make_aware(datetime.combine(quarter.start, time(10)))
    made = []
    for _ in range(n):
        signal = Signal.objects.create(
            reference=f"S-T-{next(_counter):05d}",
            observation="Niet van belang voor de telling.",
            person_area=area,
            stage_since=moment,
        )
        if theme is not None:
            signal.themes.add(theme)
        if outcome:
            TriageDecision.objects.create(signal=signal, outcome=outcome, motivation="Test.")
        made.append(signal.pk)
    Signal.objects.filter(pk__in=made).update(created_at=moment)
    TriageDecision.objects.filter(signal__in=made).update(decided_at=moment)


@pytest.fixture
def counted(organisations: dict[str, Organisation]) -> dict[str, Any]:
    """Noord 3 signals last quarter (to hide), Oost 12 and 9, 6 without a district."""
    q = last_quarter()
    theme = Theme.objects.order_by("pk").first()
    add_signals(3, organisations["noord"], q, theme=theme, outcome="instroom")
    add_signals(12, organisations["oost"], q, theme=theme, outcome="geen_zorgen")
    add_signals(9, organisations["oost"], q.shift(-1))
    add_signals(6, None, q.shift(-1))
    return {"quarter": q}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", ["factsheet:index", "factsheet:pdf"])
def test_who_may_open_the_factsheet(people: dict[str, User], persona: str, url_name: str) -> None:
    response = client_of(people[persona]).get(reverse(url_name))
    assert response.status_code == (200 if persona in ALLOWED else 403)


@pytest.mark.parametrize("url_name", ["factsheet:index", "factsheet:pdf"])
def test_anonymous_is_sent_to_login(client: Client, db: Any, url_name: str) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_hides_the_small_count(people: dict[str, User], counted: dict[str, Any]) -> None:
    response = client_of(people["programma"]).get(reverse("factsheet:index"))
    assert response.status_code == 200
    page = response.content.decode()
    row = page[page.index("Stadsdeel Noord") :]
    row = row[: row.index("</tr>")]
    cells = [part.split("<")[0] for part in row.split('utrecht-table__cell">')[1:]]
    assert "&lt;5" in row
    assert "3" not in cells
    assert "•" in page  # something else hidden too, or the 3 would follow from the totals
    # Nothing about a signal: no reference, no observation.
    assert "S-T-" not in page
    assert "Niet van belang" not in page


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "factsheet.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [exe, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_shows_less_than_five_never_the_number(
    people: dict[str, User], counted: dict[str, Any], tmp_path: Path
) -> None:
    response = client_of(people["teamleider"]).get(reverse("factsheet:pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="factsheet-')
    text = _pdf_text(response.content, tmp_path)
    noord = next(line for line in text.splitlines() if "Stadsdeel Noord" in line)
    tokens = noord.split()
    assert "<5" in tokens
    assert "3" not in tokens
    assert "•" in text
    assert "deelbaar" in text.lower()
    assert "vertrouwelijk" not in text.lower()
    assert "Aantallen onder 5 staan als <5" in " ".join(text.split())
    assert "S-T-" not in text


def test_the_download_is_audited_with_its_period(
    people: dict[str, User], counted: dict[str, Any]
) -> None:
    q: Quarter = counted["quarter"]
    first = q.shift(-1)
    url = f"{reverse('factsheet:pdf')}?van={first.key}&tot={q.key}"
    assert client_of(people["programma"]).get(url).status_code == 200
    event = AuditEvent.objects.get(action=Intake.FACTSHEET_EXPORT)
    assert event.actor == people["programma"].username
    assert event.changes["period"] == f"{first.key}/{q.key}"
    assert event.changes["threshold"] == 5


def test_a_refused_download_is_audited(people: dict[str, User]) -> None:
    assert client_of(people["steunpunt"]).get(reverse("factsheet:pdf")).status_code == 403
    assert AuditEvent.objects.filter(action=Intake.FACTSHEET_EXPORT, result=audit.DENIED).exists()
    assert not AuditEvent.objects.filter(action=Intake.FACTSHEET_EXPORT, result=audit.OK).exists()


def test_the_threshold_setting(
    people: dict[str, User], counted: dict[str, Any], settings: Any
) -> None:
    settings.REGIE_FACTSHEET_THRESHOLD = 10
    page = client_of(people["programma"]).get(reverse("factsheet:index")).content.decode()
    assert "&lt;10" in page
    assert "Counts under 10" in page or "Aantallen onder 10" in page
    oost = page[page.index("Stadsdeel Oost") :]
    oost = oost[: oost.index("</tr>")]
    assert ">9<" not in oost  # 9 signals in Oost the quarter before: now under the threshold


def test_threshold_two_refuses_to_start(tmp_path: Path) -> None:
    result = run_regie(["check"], {**PRODUCTION, "REGIE_FACTSHEET_THRESHOLD": "2"}, tmp_path)
    assert result.returncode != 0
    assert "REGIE_FACTSHEET_THRESHOLD must be 1 or at least 3" in result.stderr


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("factsheet:index")).status_code == 200
    return len(ctx.captured_queries)


def test_a_fixed_number_of_queries(
    people: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    client = client_of(people["programma"])
    add_signals(2, organisations["noord"], last_quarter(), outcome="instroom")
    few = _queries(client)
    theme = Theme.objects.order_by("pk").first()
    add_signals(30, organisations["oost"], last_quarter(), theme=theme, outcome="advies_aan_melder")
    add_signals(20, None, last_quarter().shift(-2), theme=theme)
    assert _queries(client) == few


def test_the_period() -> None:
    today = datetime(2026, 12, 3).date()
    default = period("", "", today)
    assert [q.key for q in default] == ["2025-K4", "2026-K1", "2026-K2", "2026-K3"]
    assert [q.key for q in period("2026-K2", "2026-K1", today)] == ["2026-K1", "2026-K2"]
    # Not a full quarter yet, or not a quarter: the default.
    assert period("2026-K1", "2026-K4", today) == default
    assert period("2026-Q1", "x", today) == default
    longest = period("2024-K1", "2026-K3", today)
    assert len(longest) == 8
    assert longest[-1].key == "2026-K3"
