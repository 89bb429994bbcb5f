"""Hooks for apps above partners (interventions) to add to the partner's case page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regie.core.http import AuthenticatedRequest

SharedPanel = Callable[[AuthenticatedRequest, Any, Any], str]
_panels: list[SharedPanel] = []


def register_shared_panel(panel: SharedPanel) -> None:
    """``panel(request, case, registration)`` returns HTML for the partner's case page; it must
    itself show only what the registration shares (or what the partner executes)."""
    if panel not in _panels:
        _panels.append(panel)


def shared_panels(request: AuthenticatedRequest, case: Any, registration: Any) -> list[str]:
    return [html for panel in _panels if (html := panel(request, case, registration))]
