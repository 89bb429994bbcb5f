"""Who may see and do what with meetings.

A series is visible to the members of its teams. Members with a managing role (secretary, team
leader, programme team) prepare meetings and minutes, and so do a meeting's chair and
minute-taker. A guest (someone invited from outside the teams) sees only the meetings they
attended, only once the minutes are adopted, and never the confidential items. Every view and
export reads through these scopes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from regie.accounts.models import Role
from regie.core.policy import rule, scope
from regie.meetings.models import (
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    MeetingSeries,
    SubAction,
    TermItem,
)
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User

MANAGING_ROLES = (Role.SECRETARIS, Role.TEAMLEIDER, Role.PROGRAMMA)


def team_ids(user: User) -> set[int]:
    return {m.team_id for m in user.active_memberships if m.team_id is not None}


def managing_team_ids(user: User) -> set[int]:
    return {
        m.team_id
        for m in user.active_memberships
        if m.team_id is not None and m.role in MANAGING_ROLES
    }


def _series_of_teams(teams: set[int]) -> QuerySet[MeetingSeries]:
    if not teams:
        return MeetingSeries.objects.none()
    return MeetingSeries.objects.filter(Q(team_id__in=teams) | Q(other_teams__in=teams)).distinct()


def member_series(user: User) -> QuerySet[MeetingSeries]:
    return _series_of_teams(team_ids(user))


def is_member(user: User, series: MeetingSeries) -> bool:
    return member_series(user).filter(pk=series.pk).exists()


def manages(user: User, series: MeetingSeries) -> bool:
    return _series_of_teams(managing_team_ids(user)).filter(pk=series.pk).exists()


def guest_meetings(user: User) -> QuerySet[Meeting]:
    """Adopted meetings the user attended as a guest."""
    attended = Attendee.objects.filter(
        user=user,
        presence__in=[Attendee.Presence.PRESENT, Attendee.Presence.ALSO_PRESENT],
    )
    return Meeting.objects.filter(
        pk__in=attended.values("meeting_id"), status=Meeting.Status.ADOPTED
    )


def guest_adoption_readable(user: User) -> set[int]:
    """Meetings whose adoption a guest may read about in full: those the guest may open whose
    guest copy numbers its items as the members' copy does (no confidential item left out).

    Adoption notes are free text written by members ("Bij punt 1 …"): they can describe a
    meeting the guest never attended, and they number items as the full minutes do, which a
    guest copy without its confidential items does not.
    """
    return set(guest_meetings(user).exclude(items__confidential=True).values_list("pk", flat=True))


def is_guest_view(user: User, meeting: Meeting) -> bool:
    """Whether the user sees this meeting as a guest (so confidential items are left out)."""
    return not is_member(user, meeting.series)


@scope(MeetingSeries)
def visible_series(user: User) -> QuerySet[MeetingSeries]:
    return member_series(user)


@scope(Meeting)
def visible_meetings(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        Q(series__in=member_series(user)) | Q(pk__in=guest_meetings(user).values("pk"))
    )


@scope(AgendaItem)
def visible_items(user: User) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(
        Q(meeting__series__in=member_series(user))
        | Q(meeting__in=guest_meetings(user), confidential=False)
    )


@scope(Decision)
def visible_decisions(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(item__in=visible_items(user))


@scope(SubAction)
def visible_subactions(user: User) -> QuerySet[SubAction]:
    """The series' actielijst for members; owners always see their own sub-actions."""
    return SubAction.objects.filter(
        Q(action__series__in=member_series(user)) | Q(owners__user=user)
    ).distinct()


@scope(TermItem)
def visible_term_items(user: User) -> QuerySet[TermItem]:
    return TermItem.objects.filter(series__in=member_series(user))


def attended_as_guest(user: User) -> bool:
    """Whether the user attended an adopted meeting as a guest.

    Asked once per user object, which is per request (as ``User.active_memberships``): the
    navigation asks the feature-level rule on every page, once per template rendered.
    """
    cached = getattr(user, "_meetings_attended_as_guest", None)
    if cached is None:
        # guest_meetings(user).exists(), as one join instead of a subquery.
        cached = Attendee.objects.filter(
            user=user,
            presence__in=[Attendee.Presence.PRESENT, Attendee.Presence.ALSO_PRESENT],
            meeting__status=Meeting.Status.ADOPTED,
        ).exists()
        user._meetings_attended_as_guest = cached  # type: ignore[attr-defined]
    return bool(cached)


@rule(Meetings.VIEW)
def can_use_meetings(user: User, obj: Any) -> bool:
    """Feature level: anyone in a team or who attended as a guest; objects are scoped."""
    if obj is None:
        return bool(team_ids(user)) or attended_as_guest(user)
    if isinstance(obj, MeetingSeries):
        return is_member(user, obj)
    if isinstance(obj, Meeting):
        return visible_meetings(user).filter(pk=obj.pk).exists()
    return False


@rule(Meetings.ACTIONS)
def can_see_own_actions(user: User, obj: Any) -> bool:
    """Everyone signed in has a "Mijn acties" list (possibly empty)."""
    return True


@rule(Meetings.MANAGE)
def can_manage(user: User, obj: Any) -> bool:
    """Prepare meetings of a series, record attendance and minutes, keep the actielijst."""
    if obj is None:
        return bool(managing_team_ids(user))
    if isinstance(obj, MeetingSeries):
        return manages(user, obj)
    if isinstance(obj, Meeting):
        if manages(user, obj.series):
            return True
        return is_member(user, obj.series) and user.pk in (obj.chair_id, obj.minute_taker_id)
    return False


@rule(Meetings.EDIT_MINUTES)
def can_edit_minutes(user: User, obj: Any) -> bool:
    """Minutes change while they are a draft: out for adoption they are read-only until taken
    back to draft, and once adopted only an erratum is added."""
    return isinstance(obj, Meeting) and not obj.minutes_read_only and can_manage(user, obj)


@rule(Meetings.MINUTES_ERRATUM)
def can_add_erratum(user: User, obj: Any) -> bool:
    return isinstance(obj, Meeting) and obj.minutes_locked and can_manage(user, obj)


def updatable_subactions(user: User, subs: Sequence[Any]) -> set[int]:
    """``meetings.subaction.update`` for a list: one query for the series the user manages;
    the owners come from the prefetch the lists make (a query per row without one)."""
    series = {sub.action.series_id for sub in subs}
    managed = set(
        _series_of_teams(managing_team_ids(user)).filter(pk__in=series).values_list("pk", flat=True)
    )
    return {
        sub.pk
        for sub in subs
        if sub.action.series_id in managed or any(o.user_id == user.pk for o in sub.owners.all())
    }


@rule(Meetings.SUBACTION_UPDATE, bulk=updatable_subactions)
def can_update_subaction(user: User, obj: Any) -> bool:
    """Managers of the series, and the owners themselves, mark a sub-action done."""
    if not isinstance(obj, SubAction):
        return False
    if manages(user, obj.action.series):
        return True
    return obj.owners.filter(user=user).exists()


@rule(Meetings.IMPORT)
def can_import(user: User, obj: Any) -> bool:
    if obj is None:
        return bool(managing_team_ids(user))
    return isinstance(obj, MeetingSeries) and manages(user, obj)
