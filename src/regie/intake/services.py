"""Writes on signals: submitting, and the Steunpunt's handling (pick up, ask, answer, advise,
close, forward). The Weegploeg's sessions and decisions live in ``triage`` and are reached here.
Every function re-checks the policy and writes its audit event in the same transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit, locking, policy
from regie.intake import mail
from regie.intake.common import complete, require_stage
from regie.intake.models import Signal, SignalMessage, Stage, Status
from regie.intake.triage import add_to_session as add_to_session
from regie.intake.triage import create_session as create_session
from regie.intake.triage import decide as decide
from regie.intake.triage import remove_from_session as remove_from_session
from regie.intake.vocabulary import Intake

if TYPE_CHECKING:
    from regie.accounts.models import User

PREFIX = "SIG"


@dataclass(frozen=True)
class SignalData:
    observation: str
    kind: str = Signal.Kind.SIGNAL
    theme_ids: tuple[int, ...] = ()
    observed_since: date | None = None
    person_first_name: str = ""
    person_last_name: str = ""
    person_date_of_birth: date | None = None
    person_area_id: int | None = None
    source_organisation_id: int | None = None
    urgency: str = Signal.Urgency.NORMAL
    person_is_aware: bool | None = None


def next_reference(today: date) -> str:
    stem = f"{PREFIX}-{today.year}-"
    pattern = re.compile(rf"^{re.escape(stem)}(\d+)$")
    numbers = Signal.objects.filter(reference__startswith=stem).values_list("reference", flat=True)
    highest = max((int(m.group(1)) for n in numbers if (m := pattern.match(n))), default=0)
    return f"{stem}{highest + 1:04d}"


def _validate(data: SignalData) -> None:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not data.observation.strip():
        errors["observation"] = _("Describe what was observed.")
    if data.observed_since and data.observed_since > today:
        errors["observed_since"] = _("This date cannot be in the future.")
    if data.person_date_of_birth and data.person_date_of_birth > today:
        errors["person_date_of_birth"] = _("A date of birth cannot be in the future.")
    if data.kind not in Signal.Kind.values:
        errors["kind"] = _("Choose whether this is a signal or a request for advice.")
    if data.urgency not in Signal.Urgency.values:
        errors["urgency"] = _("Choose the urgency.")
    names_person = (
        data.person_first_name.strip() or data.person_last_name.strip() or data.person_date_of_birth
    )
    if data.kind == Signal.Kind.CONSULTATION and names_person:
        errors["person_last_name"] = _(
            "A request for advice names no person. Leave the person's details empty, or submit "
            "a signal instead."
        )
    if errors:
        raise ValidationError(errors)


def submit(
    *,
    actor: User,
    data: SignalData,
    on_behalf_of: str = "",
    submitter: User | None = None,
) -> Signal:
    """A new signal (or consultation). A Steunpunt member recording a phoned-in signal names
    the caller in ``on_behalf_of`` (and ``submitter`` when the caller has an account); anyone
    else submits their own."""
    policy.check(actor, Intake.SIGNAL_SUBMIT)
    _validate(data)
    from regie.accounts.models import Role

    recording = actor.has_role(Role.STEUNPUNT)
    if recording and not on_behalf_of.strip():
        raise ValidationError(
            {"recorded_on_behalf_of": _("Name the caller on whose behalf you record this signal.")}
        )
    for _attempt in range(5):
        try:
            return _submit(actor, data, on_behalf_of.strip() if recording else "", submitter)
        except IntegrityError as exc:
            if "reference" not in str(exc).lower() and "unique" not in str(exc).lower():
                raise
    raise ValidationError(_("Could not assign a reference number; try again."))


@transaction.atomic
def _submit(actor: User, data: SignalData, on_behalf_of: str, submitter: User | None) -> Signal:
    now = timezone.now()
    if not on_behalf_of:
        submitter = actor
    membership = actor.primary_membership
    source = data.source_organisation_id
    if source is None and not on_behalf_of and membership is not None:
        source = membership.organisation_id
    signal = Signal.objects.create(
        reference=next_reference(timezone.localdate()),
        kind=data.kind,
        observation=data.observation.strip(),
        observed_since=data.observed_since,
        person_first_name=data.person_first_name.strip(),
        person_last_name=data.person_last_name.strip(),
        person_date_of_birth=data.person_date_of_birth,
        person_area_id=data.person_area_id,
        source_organisation_id=source,
        urgency=data.urgency,
        person_is_aware=data.person_is_aware,
        submitter=submitter,
        recorded_by=actor if on_behalf_of else None,
        recorded_on_behalf_of=on_behalf_of,
        stage_since=now,
    )
    if data.theme_ids:
        signal.themes.set(data.theme_ids)
    audit.record(
        action=Intake.SIGNAL_SUBMIT,
        actor=actor,
        obj=signal,
        on_behalf_of=on_behalf_of,
        changes={"kind": [None, signal.kind], "urgency": [None, signal.urgency]},
    )
    return signal


@transaction.atomic
def pick_up(*, actor: User, signal: Signal, version: int | None = None) -> Signal:
    """The actor becomes the signal's handler; the submitter sees "in progress"."""
    policy.check(actor, Intake.SIGNAL_PICK_UP, signal)
    require_stage(signal, Stage.STEUNPUNT)
    old = signal.handler_id
    locking.bump(
        signal, version, {"handler": actor, "status": Status.IN_BEHANDELING}, touch="updated_at"
    )
    audit.record(
        action=Intake.SIGNAL_PICK_UP, actor=actor, obj=signal, changes={"handler": [old, actor.pk]}
    )
    return signal


def _message(actor: User, signal: Signal, kind: str, text: str) -> SignalMessage:
    if not text.strip():
        raise ValidationError({"text": _("Write the message.")})
    return SignalMessage.objects.create(signal=signal, kind=kind, text=text.strip(), author=actor)


@transaction.atomic
def ask_submitter(*, actor: User, signal: Signal, text: str) -> SignalMessage:
    """A question in the thread; the submitter gets an e-mail without its content."""
    policy.check(actor, Intake.SIGNAL_ASK, signal)
    require_stage(signal, Stage.STEUNPUNT)
    if signal.submitter is None:
        raise ValidationError(
            _("The caller of this signal has no account in Regie: ask them by phone.")
        )
    message = _message(actor, signal, SignalMessage.Kind.QUESTION, text)
    _in_progress(actor, signal)
    audit.record(action=Intake.SIGNAL_ASK, actor=actor, obj=signal)
    mail.new_message(signal.reference, [signal.submitter.email])
    return message


@transaction.atomic
def answer(*, actor: User, signal: Signal, text: str) -> SignalMessage:
    """The submitter's answer; the handler gets an e-mail without its content."""
    policy.check(actor, Intake.SIGNAL_ANSWER, signal)
    if signal.stage == Stage.AFGEROND:
        raise ValidationError(_("This signal has been completed: it takes no more answers."))
    message = _message(actor, signal, SignalMessage.Kind.ANSWER, text)
    audit.record(action=Intake.SIGNAL_ANSWER, actor=actor, obj=signal)
    if signal.handler is not None:
        mail.new_message(signal.reference, [signal.handler.email])
    return message


@transaction.atomic
def advise(*, actor: User, signal: Signal, text: str) -> SignalMessage:
    """Advice to the submitter, in the thread (the signal stays open until closed)."""
    policy.check(actor, Intake.SIGNAL_ADVISE, signal)
    require_stage(signal, Stage.STEUNPUNT)
    message = _message(actor, signal, SignalMessage.Kind.ADVICE, text)
    _in_progress(actor, signal)
    audit.record(action=Intake.SIGNAL_ADVISE, actor=actor, obj=signal)
    if signal.submitter is not None:
        mail.new_message(signal.reference, [signal.submitter.email])
    return message


def _in_progress(actor: User, signal: Signal) -> None:
    if signal.status == Status.ONTVANGEN or signal.handler_id is None:
        fields: dict[str, Any] = {"status": Status.IN_BEHANDELING}
        if signal.handler_id is None:
            fields["handler"] = actor
        locking.bump(signal, None, fields, touch="updated_at")


@transaction.atomic
def close(*, actor: User, signal: Signal, version: int | None = None, reason: str = "") -> Signal:
    """The Steunpunt completes the signal without the Weegploeg (advice given, no concern);
    ``reason`` is kept on the signal for the Steunpunt, not shown to the submitter."""
    policy.check(actor, Intake.SIGNAL_CLOSE, signal)
    require_stage(signal, Stage.STEUNPUNT)
    complete(signal, version, handler=signal.handler or actor, closing_reason=reason.strip())
    audit.record(
        action=Intake.SIGNAL_CLOSE,
        actor=actor,
        obj=signal,
        changes={"stage": [Stage.STEUNPUNT, Stage.AFGEROND]},
    )
    return signal


@transaction.atomic
def forward_to_weegploeg(*, actor: User, signal: Signal, version: int | None = None) -> Signal:
    """The Weegploeg weighs it from now; its age starts again at the new stage."""
    policy.check(actor, Intake.SIGNAL_FORWARD, signal)
    require_stage(signal, Stage.STEUNPUNT)
    if signal.kind == Signal.Kind.CONSULTATION:
        raise ValidationError(
            _("A request for advice names no person: answer it with advice instead."),
            code="kind",
        )
    now = timezone.now()
    locking.bump(
        signal,
        version,
        {
            "stage": Stage.WEEGPLOEG,
            "status": Status.IN_BEHANDELING,
            "stage_since": now,
            "forwarded_at": now,
            "handler": signal.handler or actor,
        },
        touch="updated_at",
    )
    audit.record(
        action=Intake.SIGNAL_FORWARD,
        actor=actor,
        obj=signal,
        changes={"stage": [Stage.STEUNPUNT, Stage.WEEGPLOEG]},
    )
    return signal
