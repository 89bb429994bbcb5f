"""What each role finds on its home page. Panels for features not built yet show an empty state
that says what will appear there, so the page already reflects the user's job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regie.accounts import selectors
from regie.accounts.models import Role
from regie.core.policy import permits


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | Promise
    empty: str | Promise
    link_name: str = ""
    link_label: str | Promise = ""


_CASELOAD = Panel(
    "caseload",
    _("My caseload"),
    _("Your open cases with their phase, days in phase and next review date."),
    "cases:caseload",
    _("Open my caseload"),
)
_TASKS = Panel(
    "tasks",
    _("My tasks"),
    _("Follow-ups and review dates, overdue ones first."),
    "cases:tasks",
    _("Open my tasks"),
)
_ACTIONS = Panel(
    "actions",
    _("My actions"),
    _("Actions from team meetings that you own will appear here."),
    "meetings:my_actions",
    _("Open my actions"),
)
_OVERVIEW = Panel(
    "overview",
    _("Caseload overview"),
    _("Cases per case director and per district, and the cases without a case director."),
    "cases:overview",
    _("Open the overview"),
)
_SHARED = Panel(
    "shared",
    _("Cases shared with your organisation"),
    _(
        "Cases on which your organisation is a registered intervention partner, with only "
        "the information shared with you."
    ),
    "partners:cases",
    _("Open shared cases"),
)
_SIGNALS_SENT = Panel(
    "signals",
    _("Signals"),
    _("Signals you have sent to the Steunpunt, and their outcome, will appear here."),
)
_SIGNALS_IN = Panel(
    "signals_in",
    _("Incoming signals"),
    _("New signals to advise on will appear here."),
)
_TRIAGE = Panel(
    "triage",
    _("Signals to weigh"),
    _("Signals waiting for the Weegploeg's decision will appear here."),
)
_MEETINGS = Panel(
    "meetings",
    _("Meetings"),
    _("Upcoming team meetings, agendas to prepare and minutes to finish will appear here."),
    "meetings:index",
    _("Open meetings"),
)
_PUBLICATIONS = Panel(
    "publications",
    _("Woo publications"),
    _("Documents waiting for redaction and publication will appear here."),
)
_AUDIT = Panel(
    "audit",
    _("Access log"),
    _("Read the tamper-evident log of every access to personal data."),
    "audit:log",
    _("Open the access log"),
)
_ADMIN = Panel(
    "admin",
    _("Administration"),
    _("Manage users, memberships, organisations and teams."),
    "admin:index",
    _("Open administration"),
)

PANELS_BY_ROLE: dict[str, list[Panel]] = {
    Role.TEAMLEIDER: [_OVERVIEW, _ACTIONS, _MEETINGS],
    Role.PROGRAMMA: [_OVERVIEW, _ACTIONS, _MEETINGS],
    Role.REGISSEUR: [_CASELOAD, _TASKS, _ACTIONS],
    Role.PROJECTLEIDER: [_SHARED, _SIGNALS_SENT],
    Role.AANDACHTSFUNCTIONARIS: [_SIGNALS_SENT, _SHARED],
    Role.STEUNPUNT: [_SIGNALS_IN, _ACTIONS],
    Role.WEEGPLOEG: [_TRIAGE, _ACTIONS],
    Role.PARTNER: [_SHARED],
    Role.SECRETARIS: [_MEETINGS, _ACTIONS],
    Role.WOO: [_PUBLICATIONS],
    Role.AUDITOR: [_AUDIT],
    Role.BEHEERDER: [_ADMIN],
}


_notices: list[Callable[[HttpRequest], str]] = []


def register_home_notice(notice: Callable[[HttpRequest], str]) -> None:
    """Higher apps add dynamic notices (e.g. the yearly pallet review) to the home page."""
    if notice not in _notices:
        _notices.append(notice)


def notices(request: HttpRequest) -> list[str]:
    return [html for notice in _notices if (html := notice(request))]


def panels_for(user: Any) -> list[Panel]:
    seen: dict[str, Panel] = {}
    for membership in user.active_memberships:
        for panel in PANELS_BY_ROLE.get(membership.role, []):
            seen.setdefault(panel.key, panel)
    return list(seen.values())


def resets_waiting(request: HttpRequest) -> str:
    """For administrators and team leaders: account resets waiting for their approval."""
    user: Any = request.user
    if not permits(user, "accounts.resets"):
        return ""
    count = selectors.resets_waiting_for(user).count()
    if not count:
        return ""
    return render_to_string("accounts/_resets_notice.html", {"count": count}, request=request)
