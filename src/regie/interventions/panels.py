"""The interventions sections on the regie team's case page and on the partner's case page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from regie.core.http import AuthenticatedRequest
from regie.core.policy import permits
from regie.interventions import selectors
from regie.interventions.rules import in_regie_team
from regie.interventions.vocabulary import Interventions
from regie.partners import selectors as partners


def case_panel(request: AuthenticatedRequest, case: Any) -> str:
    user = request.user
    if not in_regie_team(user):
        return ""
    items = selectors.case_interventions(user, case)
    for item in items:
        item.case = case  # the rules read the case; spare a query per row
    return render_to_string(
        "interventions/_case_panel.html",
        {
            "case": case,
            "items": [(item, permits(user, Interventions.CASE_UPDATE, item)) for item in items],
            # The form opens on demand (views.add), not with every view of the case.
            "may_add": permits(user, Interventions.CASE_ADD, case),
            "sharing_partners": partners.sharing_organisations_for_page(request, case),
        },
        request=request,
    )


def partner_panel(request: AuthenticatedRequest, case: Any, registration: Any) -> str:
    """What a partner sees: its own interventions (always, while registered) and the shared
    ones when its registration carries the interventions category. Nothing else."""
    user = request.user
    items = selectors.case_interventions(user, case)
    receives_shared = any(
        category.code == partners.INTERVENTIONS for category in registration.categories.all()
    )
    if not items and not receives_shared:
        return ""
    own = selectors.registered_organisation_ids(user, case) if items else set()
    may_update = case.is_open and permits(user, Interventions.CASE_PARTNER_UPDATE)
    return render_to_string(
        "interventions/_partner_panel.html",
        {
            "case": case,
            "items": [
                (item, item.executor_id in own, may_update and item.executor_id in own)
                for item in items
            ],
            "receives_shared": receives_shared,
        },
        request=request,
    )


def review_reminder(request: AuthenticatedRequest) -> str:
    """For the team leader's home page: the yearly review of the pallet is due within a month.
    Empty for everyone else and outside that month."""
    user = request.user
    if not permits(user, Interventions.VERSION_PUBLISH):
        return ""
    version = selectors.review_due(timezone.localdate())
    if version is None:
        return ""
    return render_to_string(
        "interventions/_review_reminder.html", {"version": version}, request=request
    )
