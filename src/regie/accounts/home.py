"""What each role finds on its home page: one card per feature of its job that exists, each
with real content (counts, the next few items) supplied by the app that owns the feature.
A card whose feature has no content provider is not shown; there are no placeholder cards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from regie.accounts import selectors
from regie.accounts.models import Role
from regie.accounts.vocabulary import Accounts
from regie.core.http import AuthenticatedRequest
from regie.core.policy import permits
from regie.core.vocabulary import Kernel, lookup

if TYPE_CHECKING:
    from regie.accounts.models import User


@dataclass(frozen=True)
class PanelItem:
    """One line in a card: a label (linked when ``url``), a detail and an optional alert."""

    label: str
    url: str = ""
    detail: str = ""
    alert: str = ""


@dataclass(frozen=True)
class PanelContent:
    """What a card shows: summary sentences, up to a handful of items, or what is empty."""

    summary: list[str] = field(default_factory=list)
    items: list[PanelItem] = field(default_factory=list)
    empty: str | Promise = ""


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | Promise
    # The action that opens the feature (the card shows only if permitted), by its name: most
    # belong to apps above accounts, whose vocabularies it may not import. ``lookup`` finds the
    # member and ``tests/core/test_vocabulary.py`` that every card names one.
    action: str
    link_name: str = ""
    link_label: str | Promise = ""


ContentProvider = Callable[[AuthenticatedRequest], PanelContent]

_CASELOAD = Panel(
    "caseload", _("My caseload"), "cases.caseload", "cases:caseload", _("Open my caseload")
)
_TASKS = Panel("tasks", _("My tasks"), "cases.tasks", "cases:tasks", _("Open my tasks"))
_ACTIONS = Panel(
    "actions", _("My actions"), "meetings.actions", "meetings:my_actions", _("Open my actions")
)
_OVERVIEW = Panel(
    "overview", _("Caseload overview"), "cases.overview", "cases:overview", _("Open the overview")
)
_SHARED = Panel(
    "shared",
    _("Cases shared with your organisation"),
    "partners.cases",
    "partners:cases",
    _("Open shared cases"),
)
_MEETINGS = Panel("meetings", _("Meetings"), "meetings.view", "meetings:index", _("Open meetings"))
_WOO = Panel(
    "woo",
    _("Woo publications"),
    "woo.publication.view",
    "woo:index",
    _("Open Woo publications"),
)
_STEUNPUNT = Panel(
    "steunpunt", _("Steunpunt queue"), "intake.queue", "steunpunt:queue", _("Open the queue")
)
_WEEGPLOEG = Panel(
    "weegploeg", _("Weegploeg"), "intake.triage", "weegploeg:index", _("Open the Weegploeg")
)
_INSIGHTS = Panel(
    "insights",
    _("Informatiebeeld"),
    "intake.insights.view",
    "insights:index",
    _("Open the trends"),
)
_SIGNALS = Panel("signals", _("My signals"), "intake.own", "intake:own", _("Open my signals"))
_AUDIT = Panel(
    "audit", _("Access log"), Kernel.AUDIT_VIEW_LOG, "audit:log", _("Open the access log")
)
_ADMIN = Panel(
    "admin", _("Administration"), Kernel.ADMIN_ACCESS, "admin:index", _("Open administration")
)

PANELS_BY_ROLE: dict[str, list[Panel]] = {
    Role.TEAMLEIDER: [_OVERVIEW, _ACTIONS, _MEETINGS],
    Role.PROGRAMMA: [_OVERVIEW, _INSIGHTS, _ACTIONS, _MEETINGS],
    Role.REGISSEUR: [_CASELOAD, _TASKS, _ACTIONS],
    Role.PROJECTLEIDER: [_SHARED, _SIGNALS],
    Role.AANDACHTSFUNCTIONARIS: [_SHARED, _SIGNALS],
    Role.STEUNPUNT: [_STEUNPUNT, _ACTIONS],
    Role.WEEGPLOEG: [_WEEGPLOEG, _ACTIONS],
    Role.PARTNER: [_SHARED, _SIGNALS],
    Role.SECRETARIS: [_MEETINGS, _ACTIONS],
    Role.WOO: [_WOO],
    Role.AUDITOR: [_AUDIT],
    Role.BEHEERDER: [_ADMIN],
}


_providers: dict[str, ContentProvider] = {}


def register_panel_content(key: str, provider: ContentProvider) -> None:
    """The app that owns a feature supplies its card's content (``key`` of a ``Panel``)."""
    _providers[key] = provider


@dataclass(frozen=True)
class ShownPanel:
    panel: Panel
    content: PanelContent

    @property
    def key(self) -> str:
        return self.panel.key


_notices: list[Callable[[AuthenticatedRequest], str]] = []


def register_home_notice(notice: Callable[[AuthenticatedRequest], str]) -> None:
    """Higher apps add dynamic notices (e.g. the yearly pallet review) to the home page."""
    if notice not in _notices:
        _notices.append(notice)


def notices(request: AuthenticatedRequest) -> list[str]:
    return [html for notice in _notices if (html := notice(request))]


def panels_for(user: User) -> list[Panel]:
    """The cards of the user's roles that have content and that the policy lets them open."""
    seen: dict[str, Panel] = {}
    for membership in user.active_memberships:
        for panel in PANELS_BY_ROLE.get(membership.role, []):
            if panel.key in _providers and permits(user, lookup(panel.action)):
                seen.setdefault(panel.key, panel)
    return list(seen.values())


def shown_panels(request: AuthenticatedRequest) -> list[ShownPanel]:
    return [ShownPanel(panel, _providers[panel.key](request)) for panel in panels_for(request.user)]


def resets_waiting(request: AuthenticatedRequest) -> str:
    """For administrators and team leaders: account resets waiting for their approval."""
    user = request.user
    if not permits(user, Accounts.RESETS):
        return ""
    count = selectors.resets_waiting_for(user).count()
    if not count:
        return ""
    return render_to_string("accounts/_resets_notice.html", {"count": count}, request=request)


# --- Cards of this app and of the audit log (a lower layer) ------------------------------------


def admin_content(request: AuthenticatedRequest) -> PanelContent:
    active, without_role = selectors.user_counts(request.user)
    summary = [
        ngettext("%(n)d active user.", "%(n)d active users.", active) % {"n": active},
    ]
    if without_role:
        summary.append(
            ngettext(
                "%(n)d of them has no current role.",
                "%(n)d of them have no current role.",
                without_role,
            )
            % {"n": without_role}
        )
    return PanelContent(summary=summary)


AUDIT_PANEL_DAYS = 7


def audit_content(request: HttpRequest) -> PanelContent:
    from regie.audit.selectors import counts_since

    total, denied = counts_since(timezone.now() - timedelta(days=AUDIT_PANEL_DAYS))
    summary = [
        ngettext("%(n)d entry in the last 7 days.", "%(n)d entries in the last 7 days.", total)
        % {"n": total},
        ngettext("%(n)d of them was refused.", "%(n)d of them were refused.", denied)
        % {"n": denied}
        if denied
        else gettext("None of them was refused."),
    ]
    return PanelContent(summary=summary)
