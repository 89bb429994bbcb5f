"""Hooks through which higher apps (partners, interventions) add to case pages and forms
without the cases app importing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from regie.organisations.models import Organisation

CasePanel = Callable[[HttpRequest, Any], str]
PartnerProvider = Callable[[Any, "HttpRequest | None"], "list[Organisation]"]
CaseClosed = Callable[[Any, Any], object]  # the result is ignored

_panels: list[tuple[int, CasePanel]] = []
_partner_provider: list[PartnerProvider] = []
_case_closed: list[CaseClosed] = []


def register_case_panel(panel: CasePanel, order: int = 100) -> None:
    if all(existing is not panel for _, existing in _panels):
        _panels.append((order, panel))
        _panels.sort(key=lambda item: item[0])


def case_panels(request: HttpRequest, case: Any) -> list[str]:
    """Rendered HTML sections for the case page, each already policy-checked by its app."""
    return [html for _, panel in _panels if (html := panel(request, case))]


def register_partner_provider(provider: PartnerProvider) -> None:
    _partner_provider[:] = [provider]


def active_partners(case: Any, request: HttpRequest | None = None) -> list[Organisation]:
    """Organisations with an active registration on ``case`` (empty without the partners app).

    With ``request`` (the case page, for showing), the partners app may answer from what it
    already read for this request; without, it asks the database (services, validation)."""
    return _partner_provider[0](case, request) if _partner_provider else []


def register_case_closed(callback: CaseClosed) -> None:
    """``callback(case, actor)`` runs when a case is closed, inside the transaction of the
    close: whatever it writes is committed or rolled back with the close itself."""
    if callback not in _case_closed:
        _case_closed.append(callback)


def case_closed(case: Any, actor: Any) -> None:
    for callback in _case_closed:
        callback(case, actor)
