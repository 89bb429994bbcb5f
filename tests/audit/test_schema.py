"""The audit table's indexes are what ADR 0011 and 0013 say (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_hash_has_no_index_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the indexes of the audit table are decided for PostgreSQL (ADR 0013)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_auditevent' "
            "AND indexdef LIKE %s",
            ["%(hash%"],
        )
        assert cursor.fetchall() == []
        cursor.execute(
            "SELECT count(*) FROM pg_constraint "
            "WHERE conrelid = 'audit_auditevent'::regclass AND contype = 'u'"
        )
        assert cursor.fetchone()[0] == 0
