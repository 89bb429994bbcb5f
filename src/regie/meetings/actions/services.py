"""Writes for the actielijst: actions, sub-actions, completing and re-opening, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit, policy
from regie.core.dates import long_date
from regie.core.locking import bump
from regie.meetings.actions import selectors
from regie.meetings.models import (
    Action,
    ActionOwner,
    AgendaItem,
    Meeting,
    MeetingSeries,
    SubAction,
)
from regie.meetings.periods import Period, parse_period
from regie.meetings.recording import record, required
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@dataclass
class Owner:
    user: User | None = None
    name: str = ""


@dataclass
class SubActionInput:
    description: str
    owners: list[Owner] = field(default_factory=list)
    due_text: str = ""
    done_on: dt.date | None = None


def _apply_period(sub: SubAction, period: Period) -> None:
    sub.due_text = period.text
    sub.due_start = period.start
    sub.due_end = period.end
    sub.due_kind = str(period.kind) if period.text else ""
    sub.recurring = period.recurring


def _set_owners(sub: SubAction, owners: Iterable[Owner]) -> None:
    sub.owners.all().delete()
    for owner in owners:
        if owner.user is None and not owner.name.strip():
            continue
        ActionOwner.objects.create(
            subaction=sub, user=owner.user, name="" if owner.user else owner.name.strip()
        )


def _create_subaction(
    action: Action, data: SubActionInput, position: int, reference: dt.date
) -> SubAction:
    description = required(data.description, _("Describe the action."), "description")
    sub = SubAction(action=action, position=position, description=description)
    _apply_period(sub, parse_period(data.due_text, reference=reference))
    if data.done_on is not None:
        sub.status = SubAction.Status.DONE
        sub.completed_on = data.done_on
    sub.save()
    _set_owners(sub, data.owners)
    return sub


@transaction.atomic
def add_action(
    series: MeetingSeries,
    *,
    actor: User,
    subject: str,
    subactions: Sequence[SubActionInput],
    raised_on: dt.date | None = None,
    meeting: Meeting | None = None,
    item: AgendaItem | None = None,
) -> Action:
    """A new actielijst row. The due moment is parsed but never rejected: text that is not
    understood is kept as written, with no period."""
    policy.check(actor, Meetings.MANAGE, series)
    subject = required(subject, _("Give the action a subject."), "subject")
    if not subactions:
        raise ValidationError(_("An action needs at least one sub-action."), code="subactions")
    if meeting is not None and meeting.series_id != series.pk:
        raise ValidationError(_("Choose a meeting of this series."), code="meeting")
    if item is not None and (
        item.meeting.series_id != series.pk
        or (meeting is not None and item.meeting_id != meeting.pk)
    ):
        raise ValidationError(_("Choose an agenda item of this meeting."), code="item")
    raised = raised_on or (meeting.date if meeting else timezone.localdate())
    action = Action.objects.create(
        series=series, raised_on=raised, raised_at=meeting, item=item, subject=subject
    )
    for position, data in enumerate(subactions, start=1):
        _create_subaction(action, data, position, raised)
    record(Meetings.ACTION_ADD, actor, action, subactions=len(subactions))
    return action


@transaction.atomic
def add_subaction(action: Action, data: SubActionInput, *, actor: User) -> SubAction:
    policy.check(actor, Meetings.MANAGE, action.series)
    top = action.subactions.aggregate(top=Max("position"))["top"] or 0
    sub = _create_subaction(action, data, top + 1, action.raised_on)
    record(Meetings.SUBACTION_ADD, actor, action, subaction=sub.pk)
    return sub


@transaction.atomic
def update_subaction(
    sub: SubAction,
    *,
    actor: User,
    description: str | None = None,
    due_text: str | None = None,
    owners: Sequence[Owner] | None = None,
    expected_version: int | None = None,
) -> SubAction:
    policy.check(actor, Meetings.MANAGE, sub.action.series)
    bump(sub, sub.version if expected_version is None else expected_version)
    if description is not None:
        sub.description = required(description, _("Describe the action."), "description")
    # The edit form always sends the due text. Read it again only when it changed: re-reading
    # an unchanged text would move a follow-up's period back and send its reminder again.
    if due_text is not None and " ".join(due_text.split()) != " ".join(sub.due_text.split()):
        _apply_period(sub, parse_period(due_text, reference=_due_reference(sub)))
        sub.reminded_for = None
    sub.save()
    if owners is not None:
        _set_owners(sub, owners)
    record(Meetings.SUBACTION_UPDATE, actor, sub.action, subaction=sub.pk)
    return sub


def _due_reference(sub: SubAction) -> dt.date:
    """The day a due text is read against: when the action was raised, except for a yearly
    follow-up, whose year is that of its own period (or this year)."""
    if sub.follows_id is not None:
        return sub.due_start or timezone.localdate()
    return sub.action.raised_on


@transaction.atomic
def complete_subaction(
    sub: SubAction, *, actor: User, on: dt.date | None = None, expected_version: int | None = None
) -> SubAction | None:
    """Mark done. A yearly action is done for this year and re-opens for the next: a new open
    sub-action with the period one year on (returned), so the history stays readable."""
    policy.check(actor, Meetings.SUBACTION_UPDATE, sub)
    if not sub.is_open:
        raise ValidationError(_("This action is done already."), code="status")
    bump(sub, sub.version if expected_version is None else expected_version)
    sub.status = SubAction.Status.DONE
    sub.completed_on = on or timezone.localdate()
    sub.save(update_fields=["status", "completed_on"])
    record(Meetings.SUBACTION_COMPLETE, actor, sub.action, subaction=sub.pk)
    if not sub.recurring:
        return None
    existing = SubAction.objects.filter(follows=sub).first()
    if existing is not None:
        # Next year's sub-action is there already: done twice is still one follow-up.
        return existing
    period = parse_period(sub.due_text, reference=sub.action.raised_on)
    if sub.due_end is not None:
        period = Period(
            text=sub.due_text,
            start=sub.due_start,
            end=sub.due_end,
            kind=period.kind,
            recurring=True,
        )
    try:
        following = period.next_occurrence()
    except (ValueError, OverflowError):  # no next year in the calendar (9999)
        following = None
    if following is None or not following.understood:
        # Nothing to carry over to: done for good, rather than an open row without a period.
        return None
    top = sub.action.subactions.aggregate(top=Max("position"))["top"] or 0
    again = SubAction(action=sub.action, position=top + 1, description=sub.description, follows=sub)
    _apply_period(again, following)
    again.save()
    _set_owners(again, [Owner(user=o.user, name=o.name) for o in sub.owners.all()])
    record(Meetings.SUBACTION_RECUR, actor, sub.action, subaction=again.pk)
    return again


@transaction.atomic
def reopen_subaction(
    sub: SubAction, *, actor: User, expected_version: int | None = None
) -> SubAction:
    """Undo "done". For a yearly action the follow-up that completing it made is taken back
    while nobody has touched it; once it was changed (or done) reopening is refused, since two
    open rows for the same year would be one too many."""
    policy.check(actor, Meetings.SUBACTION_UPDATE, sub)
    if sub.is_open:
        raise ValidationError(_("This action is open already."), code="status")
    follow_up = SubAction.objects.select_for_update().filter(follows=sub).first()
    if follow_up is not None and not _untouched(follow_up):
        raise ValidationError(
            _(
                "This yearly action has been carried over to next year and that follow-up was "
                "changed since; change the follow-up instead."
            ),
            code="follow_up_changed",
        )
    bump(sub, sub.version if expected_version is None else expected_version)
    removed = None
    if follow_up is not None:
        removed = follow_up.pk
        follow_up.delete()
    sub.status = SubAction.Status.OPEN
    sub.completed_on = None
    sub.save(update_fields=["status", "completed_on"])
    record(
        Meetings.SUBACTION_REOPEN, actor, sub.action, subaction=sub.pk, follow_up_removed=removed
    )
    return sub


def _untouched(follow_up: SubAction) -> bool:
    """As completing made it: still open and never saved since (every edit bumps the version)."""
    return follow_up.is_open and follow_up.version == 1


def send_due_reminders(today: dt.date | None = None) -> int:
    """E-mail the owners (with an active account) of open sub-actions whose period ends within
    the series' reminder window; once per due date. Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    for sub in selectors.subactions_due_for_reminder(today):
        # Deactivated accounts (people who left) get no mail; names without an account cannot.
        recipients = sorted(
            {
                o.user.email
                for o in sub.owners.all()
                if o.user is not None and o.user.is_active and o.user.email
            }
        )
        with transaction.atomic():
            claimed = SubAction.objects.filter(pk=sub.pk).exclude(reminded_for=sub.due_end)
            if claimed.update(reminded_for=sub.due_end) != 1:
                continue
            audit.record(
                action=Meetings.SUBACTION_REMIND,
                actor_name="system",
                obj=sub.action,
                changes={"subaction": sub.pk, "recipients": len(recipients)},
            )
            if recipients:
                assert sub.due_end is not None
                subject = _("Action due %(due)s: %(subject)s") % {
                    "due": sub.due_text or long_date(sub.due_end),
                    "subject": sub.action.subject,
                }
                body = _(
                    "An action of %(series)s is due by %(end)s:\n\n%(action)s\n\n"
                    "Sign in to Regie to mark it done."
                ) % {
                    "series": sub.action.series.name,
                    "end": long_date(sub.due_end),
                    "action": sub.description,
                }
                # Last in the transaction: a failed send rolls the claim back, so the next run
                # tries again, and nothing after it can fail once the mail has gone out.
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                sent += 1
    return sent
