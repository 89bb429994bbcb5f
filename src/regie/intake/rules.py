"""Who may see and do what with signals (issue 14).

- Submitters (aandachtsfunctionaris, projectleider, partner user) send signals and follow
  their own ones, but only through ``selectors.own_signals``/``own_signal``: the status and the
  messages addressed to them. The ``Signal`` scope does not include their own signals, so no
  page built on ``visible(user, Signal)`` can show them the weighing or whether a case exists.
- The Steunpunt sees every signal (its queue) and handles it until it is closed or forwarded.
- The Weegploeg sees the signals forwarded to it, and weighs them.
- The programme team (and the team leader) see aggregate trends only, never a signal; only the
  programme team exports the confidential document of them. The shareable factsheet
  (``insights.factsheet``, counts protected by ``insights.disclosure``) is for both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from regie.accounts.models import Role
from regie.cases.models import Person
from regie.core.policy import grant, rule, scope, url_kwarg
from regie.intake.models import Signal, SignalMessage, Stage, TriageSession
from regie.intake.vocabulary import Intake

if TYPE_CHECKING:
    from regie.accounts.models import User

url_kwarg("reference", Signal, field="reference")

SUBMITTERS = (Role.AANDACHTSFUNCTIONARIS, Role.PROJECTLEIDER, Role.PARTNER)


def is_steunpunt(user: User) -> bool:
    return bool(user.has_role(Role.STEUNPUNT))


def is_weegploeg(user: User) -> bool:
    return bool(user.has_role(Role.WEEGPLOEG))


@scope(Signal)
def visible_signals(user: User) -> QuerySet[Signal]:
    if is_steunpunt(user):
        return Signal.objects.all()
    if is_weegploeg(user):
        return Signal.objects.filter(forwarded_at__isnull=False)
    return Signal.objects.none()


@grant(Person)
def weegploeg_persons(user: User) -> Q | None:
    """The Weegploeg weighs a signal against the persons already registered (the duplicate
    check before instroom): it sees persons, not their cases (``Case`` has no such grant)."""
    return Q() if is_weegploeg(user) else None


@scope(SignalMessage)
def visible_messages(user: User) -> QuerySet[SignalMessage]:
    """The thread is written for the submitter: who handles the signal reads it, and so does
    the submitter of the signal (their own signals only)."""
    if is_steunpunt(user) or is_weegploeg(user):
        return SignalMessage.objects.filter(signal__in=visible_signals(user))
    if user.has_role(*SUBMITTERS):
        return SignalMessage.objects.filter(signal__submitter=user)
    return SignalMessage.objects.none()


@scope(TriageSession)
def visible_sessions(user: User) -> QuerySet[TriageSession]:
    return TriageSession.objects.all() if is_weegploeg(user) else TriageSession.objects.none()


@rule(Intake.SIGNAL_SUBMIT)
def can_submit(user: User, obj: Any) -> bool:
    # The Steunpunt records signals received by phone, on behalf of the caller.
    return bool(user.has_role(*SUBMITTERS, Role.STEUNPUNT))


@rule(Intake.OWN_SIGNALS)
def can_follow_own(user: User, obj: Any) -> bool:
    if obj is None:
        return bool(user.has_role(*SUBMITTERS))
    return bool(user.has_role(*SUBMITTERS) and obj.submitter_id == user.pk)


@rule(Intake.SIGNAL_ANSWER)
def can_answer(user: User, obj: Any) -> bool:
    return obj is not None and obj.submitter_id == user.pk and bool(user.has_role(*SUBMITTERS))


@rule(Intake.QUEUE)
def can_open_queue(user: User, obj: Any) -> bool:
    return is_steunpunt(user)


@rule(Intake.SIGNAL_VIEW)
def can_view(user: User, obj: Any) -> bool:
    if obj is None:
        return is_steunpunt(user) or is_weegploeg(user)
    return is_steunpunt(user) or (is_weegploeg(user) and obj.forwarded_at is not None)


# The Steunpunt's handling. Whether the signal is in the stage the act needs is the services'
# check (a ValidationError that says so), not a permission.
def _handles(user: User, obj: Any) -> bool:
    return is_steunpunt(user)


for _action in (
    Intake.SIGNAL_PICK_UP,
    Intake.SIGNAL_ASK,
    Intake.SIGNAL_ADVISE,
    Intake.SIGNAL_CLOSE,
    Intake.SIGNAL_FORWARD,
):
    rule(_action)(_handles)


@rule(Intake.TRIAGE)
def can_triage(user: User, obj: Any) -> bool:
    return is_weegploeg(user)


@rule(Intake.SESSION_CREATE)
def can_create_session(user: User, obj: Any) -> bool:
    return is_weegploeg(user)


def _weighs(user: User, obj: Any) -> bool:
    if not is_weegploeg(user):
        return False
    return obj is None or (obj.forwarded_at is not None and obj.stage != Stage.STEUNPUNT)


rule(Intake.SESSION_ADD)(_weighs)
rule(Intake.SESSION_REMOVE)(_weighs)
rule(Intake.SIGNAL_DECIDE)(_weighs)


@rule(Intake.CONFIGURE)
def can_configure(user: User, obj: Any) -> bool:
    """Service levels are configuration: the functional administrator keeps them."""
    return bool(user.is_functional_admin())


# The informatiebeeld's trends: counts only, never a signal. The programme team reads them and
# alone takes the confidential document out; the team leader reads them on the page.
@rule(Intake.INSIGHTS_VIEW)
def can_view_insights(user: User, obj: Any) -> bool:
    return bool(user.has_role(Role.PROGRAMMA, Role.TEAMLEIDER))


@rule(Intake.INSIGHTS_EXPORT_CONFIDENTIAL)
def can_export_confidential(user: User, obj: Any) -> bool:
    return bool(user.has_role(Role.PROGRAMMA))


def _reports(user: User, obj: Any) -> bool:
    """Counts only, protected against calculating back (``insights.disclosure``): for who
    reports on the programme, not for who handles signals."""
    return bool(user.has_role(Role.PROGRAMMA, Role.TEAMLEIDER))


rule(Intake.FACTSHEET)(_reports)
rule(Intake.FACTSHEET_EXPORT)(_reports)
