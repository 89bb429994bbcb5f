"""A case outside the user's scope and a case that does not exist cost the same (issue 10,
point 2) and are both logged as a denied attempt on the number asked for (point 4).

The timing itself is measured in ``make bench`` (``regie bench oracle``, docs/performance.md);
here the cause is pinned down: the same statements against the database and the same audit
event, so there is no work that only one of the two does.
"""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.cases.models import Case

MISSING = "PGA-1999-9999"


def statements(client: Client, url: str) -> list[str]:
    """The SQL of one request with its values (numbers, strings, savepoint names) taken out."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 404
    shapes = []
    for query in captured.captured_queries:
        sql = re.sub(r"'(?:[^']|'')*'", "?", query["sql"])
        sql = re.sub(r'"s\d+_x\d+"', "?", sql)
        shapes.append(re.sub(r"\b\d+(\.\d+)?\b", "?", sql))
    return shapes


def test_hidden_and_missing_case_run_the_same_statements(login_as, own_case: Case) -> None:
    client = login_as("regisseur_b")
    # Warm up: the first request of a session loads and touches what later ones reuse.
    client.get(reverse("accounts:home"))
    hidden = statements(client, reverse("cases:detail", args=[own_case.number]))
    missing = statements(client, reverse("cases:detail", args=[MISSING]))
    assert hidden == missing


def test_hidden_and_missing_case_are_logged_alike(login_as, own_case: Case) -> None:
    client = login_as("regisseur_b")
    for number in (own_case.number, MISSING):
        client.get(reverse("cases:detail", args=[number]) + "?tab=journaal")
    events = AuditEvent.objects.filter(actor="regisseur_b", result="denied").order_by("id")
    assert [(e.action, e.object_type, e.object_id, e.case_id, e.path) for e in events] == [
        (
            "cases.case.view",
            "cases.case",
            f"number={number}",
            number,
            reverse("cases:detail", args=[number]),
        )
        for number in (own_case.number, MISSING)
    ]


def test_a_missing_journal_entry_is_logged_with_its_case(login_as, own_case: Case) -> None:
    """Inside a case the user may see, an entry id that does not exist on it."""
    url = reverse("cases:journal_edit", args=[own_case.number, 987_654])
    assert login_as("regisseur_a").get(url).status_code == 404
    event = AuditEvent.objects.get(actor="regisseur_a", result="denied")
    assert (event.action, event.object_type, event.object_id, event.case_id, event.path) == (
        "cases.journalentry.view",
        "cases.journalentry",
        "987654",
        own_case.number,
        url,
    )
