"""The partners section on the regie team's case page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from regie.core.policy import permits
from regie.partners import selectors


def registrations_panel(request: HttpRequest, case: Any) -> str:
    user = request.user
    if not user.in_regie_team():  # type: ignore[union-attr]
        return ""
    registrations = selectors.registrations_for_page(request, case)
    return render_to_string(
        "partners/_case_panel.html",
        {
            "case": case,
            "registrations": registrations,
            "may_register": permits(user, "partners.register", case),
            "user": user,
        },
        request=request,
    )
