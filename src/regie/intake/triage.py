"""The Weegploeg's writes: triage sessions and the decision on a forwarded signal.

Instroom opens a case in phase ``aanmelding`` through the cases services, after the same
duplicate check as the case form: when the check finds candidates, the decision is refused
until the Weegploeg has said "same person" (the case of that person is linked, or a case is
opened for them) or "different person". The decision, the case and the signal are written and
audited in one transaction, one chain of events."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regie.accounts.models import Membership, Role
from regie.cases import duplicates
from regie.cases import services as cases
from regie.cases.models import Case, Phase, Theme
from regie.core import audit, policy
from regie.intake import mail
from regie.intake.common import complete, require_stage
from regie.intake.models import Signal, SignalMessage, Stage, TriageDecision, TriageSession
from regie.intake.vocabulary import Intake

if TYPE_CHECKING:
    from regie.accounts.models import User
    from regie.organisations.models import Organisation

Outcome = TriageDecision.Outcome


@transaction.atomic
def create_session(*, actor: User, on: date, meeting: Any = None) -> TriageSession:
    policy.check(actor, Intake.SESSION_CREATE)
    session = TriageSession.objects.create(date=on, meeting=meeting, created_by=actor)
    audit.record(action=Intake.SESSION_CREATE, actor=actor, obj=session)
    return session


@transaction.atomic
def add_to_session(*, actor: User, signal: Signal, session: TriageSession) -> Signal:
    policy.check(actor, Intake.SESSION_ADD, signal)
    require_stage(signal, Stage.WEEGPLOEG)
    old = signal.session_id
    Signal.objects.filter(pk=signal.pk).update(session=session)
    signal.session = session
    audit.record(
        action=Intake.SESSION_ADD, actor=actor, obj=signal, changes={"session": [old, session.pk]}
    )
    return signal


@transaction.atomic
def remove_from_session(*, actor: User, signal: Signal, session: TriageSession) -> Signal:
    """Takes an undecided signal off ``session``: it waits in the Weegploeg's list again. A
    decided signal stays: the session is the record of where its decision was taken."""
    policy.check(actor, Intake.SESSION_REMOVE, signal)
    if signal.session_id != session.pk:
        raise ValidationError(_("This signal is not in this session."), code="session")
    if TriageDecision.objects.filter(signal=signal).exists():
        raise ValidationError(
            _(
                "The Weegploeg has decided on this signal: it stays in the session it was "
                "decided in."
            ),
            code="decided",
        )
    require_stage(signal, Stage.WEEGPLOEG)
    Signal.objects.filter(pk=signal.pk).update(session=None)
    signal.session = None
    audit.record(
        action=Intake.SESSION_REMOVE,
        actor=actor,
        obj=signal,
        changes={"session": [session.pk, None]},
    )
    return signal


def _check(
    outcome: str, motivation: str, referred_to: Organisation | None, advice: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the decision.")
    if not motivation.strip():
        errors["motivation"] = _("Give the motivation for the decision.")
    if outcome == Outcome.DOORVERWIJZING and referred_to is None:
        errors["referred_to"] = _("Choose the organisation the signal is referred to.")
    if outcome != Outcome.DOORVERWIJZING and referred_to is not None:
        errors["referred_to"] = _("An organisation is chosen only with a referral.")
    if outcome == Outcome.ADVIES and not advice.strip():
        errors["advice"] = _("Write the advice for the submitter.")
    return errors


@transaction.atomic
def decide(
    *,
    actor: User,
    signal: Signal,
    outcome: str,
    motivation: str,
    referred_to: Organisation | None = None,
    advice: str = "",
    theme: Theme | None = None,
    area: Organisation | None = None,
    duplicate: str = "",
    version: int | None = None,
) -> TriageDecision:
    """The Weegploeg's decision on ``signal``. For instroom, ``duplicate`` is the answer to
    the duplicate check: empty (not yet asked), ``"different"``, or the chosen person's id."""
    policy.check(actor, Intake.SIGNAL_DECIDE, signal)
    require_stage(signal, Stage.WEEGPLOEG)
    if errors := _check(outcome, motivation, referred_to, advice):
        raise ValidationError(errors)
    case = _take_in(actor, signal, theme, area, duplicate) if outcome == Outcome.INSTROOM else None
    decision = TriageDecision.objects.create(
        signal=signal,
        session=signal.session,
        outcome=outcome,
        referred_to=referred_to,
        motivation=motivation.strip(),
        decided_by=actor,
        case=case,
    )
    if outcome == Outcome.ADVIES:
        SignalMessage.objects.create(
            signal=signal, kind=SignalMessage.Kind.ADVICE, text=advice.strip(), author=actor
        )
        if signal.submitter is not None:
            mail.new_message(signal.reference, [signal.submitter.email])
    extra = {"person": case.person} if case is not None else {}
    complete(signal, version, **extra)
    audit.record(
        action=Intake.SIGNAL_DECIDE,
        actor=actor,
        obj=decision,
        changes={"outcome": [None, outcome], "signal": [None, signal.reference]},
    )
    if case is not None:
        mail.new_intake(case.number, _teamleider_addresses())
    return decision


def _take_in(
    actor: User, signal: Signal, theme: Theme | None, area: Organisation | None, duplicate: str
) -> Case:
    theme = theme or signal.themes.order_by("pk").first()
    area = area or signal.person_area
    errors: dict[str, str] = {}
    if theme is None:
        errors["theme"] = _("Choose the theme of the case.")
    if area is None:
        errors["area"] = _("Choose the district or municipality of the case.")
    if signal.person is None and not (signal.person_first_name and signal.person_last_name):
        errors["person_last_name"] = _(
            "An intake needs the person's first and last name: record them on the signal first."
        )
    if errors or theme is None or area is None:
        raise ValidationError(errors)
    common: dict[str, Any] = {
        "actor": actor,
        "theme": theme,
        "area": area,
        "summary": _("Intake after signal %(reference)s.") % {"reference": signal.reference},
        "intake": True,
    }
    if signal.person is not None:
        existing = Case.objects.filter(person=signal.person).exclude(phase=Phase.AFGESLOTEN).first()
        return existing or cases.create_case(person=signal.person, **common)
    person_data = cases.PersonData(
        first_name=signal.person_first_name,
        last_name=signal.person_last_name,
        date_of_birth=signal.person_date_of_birth,
        bsn="",
        area_id=area.pk,
    )
    if duplicate == "different":
        return cases.register_different_person(person_data=person_data, **common)
    if duplicate.isdigit():
        return cases.register_same_person(
            candidate_id=int(duplicate), person_data=person_data, link_open_case=True, **common
        )
    if duplicates.duplicate_candidates(actor, person_data):
        raise ValidationError(
            _(
                "This person may already be registered. Check the possible matches and choose "
                "whether one of them is the same person."
            ),
            code="duplicates",
        )
    return cases.create_case(person_data=person_data, **common)


def _teamleider_addresses() -> list[str]:
    return list(
        Membership.objects.current()
        .filter(role=Role.TEAMLEIDER, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
