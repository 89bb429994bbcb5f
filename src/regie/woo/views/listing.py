"""The list of Woo publications, filterable by status, with what still needs deciding."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.woo import selectors
from regie.woo.models import Publication
from regie.woo.views.shared import VIEW


@requires(VIEW, personal_data=True)
@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
    statuses = dict(Publication.Status.choices)
    status = request.GET.get("status", "")
    if status not in statuses:
        status = ""  # a filter that is no status is no filter
    counts = selectors.status_counts(request.user)
    tabs = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in statuses.items()
    ]
    return render(
        request,
        "woo/index.html",
        {
            "publications": list(selectors.publication_list(request.user, status)),
            "tabs": tabs,
            "total": sum(counts.values()),
            "status": status,
            "status_label": statuses.get(status, ""),
        },
    )
