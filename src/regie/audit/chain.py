"""Hashing of audit events: sha256 over a canonical JSON form that includes the previous hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

# The fields that are covered by the hash, in a fixed order. Never reorder or drop one. A field
# added later is OPTIONAL: hashed only when it holds a value, so every event written before it
# existed (where it is empty) still verifies with the hash it was given (ADR 0014).
HASHED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor",
    "on_behalf_of",
    "role",
    "organisation",
    "action",
    "object_type",
    "object_id",
    "case_id",
    "result",
    "ip",
    "user_agent",
    "request_id",
    "changes",
    "prev_hash",
    "path",
)
OPTIONAL_FIELDS = frozenset({"path"})


def _normalise(name: str, value: Any) -> Any:
    if name == "occurred_at" and isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if name == "actor_id" and value is not None:
        return int(value)
    if value is None:
        return None
    return value


def compute_hash(values: Mapping[str, Any]) -> str:
    payload = {
        name: _normalise(name, values.get(name))
        for name in HASHED_FIELDS
        if name not in OPTIONAL_FIELDS or values.get(name)
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
