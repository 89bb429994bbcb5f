"""Reads of the audit log for other apps (the home card of the auditor)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q

from regie.audit.models import AuditEvent


def counts_since(moment: datetime) -> tuple[int, int]:
    """Events since ``moment``, and how many of them were refusals."""
    counts = AuditEvent.objects.filter(occurred_at__gte=moment).aggregate(
        total=Count("id"), denied=Count("id", filter=Q(result=AuditEvent.Result.DENIED))
    )
    return int(counts["total"]), int(counts["denied"])
