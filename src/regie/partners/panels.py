"""The partners section on the regie team's case page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.accounts.home import PanelContent
from regie.core.dates import long_date
from regie.core.http import AuthenticatedRequest
from regie.core.policy import permits
from regie.partners import selectors
from regie.partners.vocabulary import Partners


def registrations_panel(request: AuthenticatedRequest, case: Any) -> str:
    user = request.user
    if not user.in_regie_team():
        return ""
    registrations = selectors.registrations_for_page(request, case)
    return render_to_string(
        "partners/_case_panel.html",
        {
            "case": case,
            "registrations": registrations,
            "may_register": permits(user, Partners.REGISTRATION_CREATE, case),
            "user": user,
        },
        request=request,
    )


def home_shared(request: AuthenticatedRequest) -> PanelContent:
    """The home card of a partner: how many cases are shared and when the first sharing ends
    (no case numbers or names, so the card itself shows no case data)."""
    registrations = selectors.active_registrations(request.user)
    counts = registrations.aggregate(n=Count("case", distinct=True), first_end=Min("ends_on"))
    if not counts["n"]:
        return PanelContent(empty=_("No cases are shared with your organisation at the moment."))
    return PanelContent(
        summary=[
            ngettext(
                "%(n)d case is shared with your organisation.",
                "%(n)d cases are shared with your organisation.",
                counts["n"],
            )
            % {"n": counts["n"]},
            _("The first registration ends on %(date)s.")
            % {"date": long_date(counts["first_end"])},
        ]
    )
