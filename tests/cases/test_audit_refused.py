"""Fail closed: when the audit log refuses writes, the business change is refused too; nothing
is saved unaudited, and the chain is intact once the log accepts writes again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.audit.services import verify_chain
from regie.cases.models import Case, JournalCategory, JournalEntry

TABLE = AuditEvent._meta.db_table


def _refuse_audit_writes() -> None:
    """A trigger in the database refuses every new audit event, as a revoked INSERT would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_audit() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'audit log refuses writes'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER test_refuse_audit BEFORE INSERT ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER test_refuse_audit BEFORE INSERT ON {TABLE} "
                "BEGIN SELECT RAISE(ABORT, 'audit log refuses writes'); END"
            )


def _accept_audit_writes() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS test_refuse_audit ON {TABLE}")
            cursor.execute("DROP FUNCTION IF EXISTS test_refuse_audit()")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS test_refuse_audit")


# Transactional: the request's own transaction fails as it would in production.
@pytest.mark.django_db(transaction=True)
def test_a_journal_entry_is_refused_when_the_audit_log_refuses_writes(
    login_as: Callable[[str], Client], own_case: Case
) -> None:
    client = login_as("regisseur_a")
    client.raise_request_exception = False
    url = reverse("cases:journal_add", args=[own_case.number])
    data = {
        "occurred_on": timezone.localdate().isoformat(),
        "category": JournalCategory.objects.all()[0].pk,
        "text": "Huisbezoek afgelegd.",
        "visibility": "regie",
    }
    events_before = AuditEvent.objects.count()
    _refuse_audit_writes()
    try:
        response = client.post(url, data)
    finally:
        _accept_audit_writes()
    assert response.status_code == 500
    assert not JournalEntry.objects.filter(case=own_case).exists()
    assert AuditEvent.objects.count() == events_before
    # The log accepts writes again: the same post is saved, with its event, on an intact chain.
    assert client.post(url, data).status_code in (200, 302)
    entry = JournalEntry.objects.get(case=own_case)
    assert AuditEvent.objects.filter(case_id=own_case.number, object_id=str(entry.pk)).exists()
    assert verify_chain().intact
