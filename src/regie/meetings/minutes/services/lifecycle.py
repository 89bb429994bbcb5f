"""The minutes' lifecycle: submit for adoption, withdraw, adopt at a later meeting, errata."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import policy
from regie.core.dates import short_date, short_datetime
from regie.meetings.minutes import selectors
from regie.meetings.minutes.services.guards import (
    check_not_read_only,
)
from regie.meetings.models import (
    Erratum,
    Meeting,
    MinutesAdoption,
)
from regie.meetings.recording import hold_meetings, record, required
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User

# concept → ter vaststelling → vastgesteld; "back to concept" lets the minute-taker correct
# submitted minutes before a meeting adopts them. Adoption itself happens only through
# ``record_adoption`` at a later meeting.
LIFECYCLE: dict[tuple[str, str], str] = {
    (Meeting.Status.CONCEPT, Meeting.Status.SUBMITTED): "submit",
    (Meeting.Status.SUBMITTED, Meeting.Status.CONCEPT): "withdraw",
    (Meeting.Status.SUBMITTED, Meeting.Status.ADOPTED): "adopt",
}


def can_move(meeting: Meeting, to: str) -> bool:
    return (meeting.status, to) in LIFECYCLE


@transaction.atomic
def submit_minutes(meeting: Meeting, *, actor: User) -> Meeting:
    """Send the concept minutes to the attendees for adoption at the next meeting."""
    policy.check(actor, Meetings.MANAGE, meeting)
    hold_meetings(meeting)
    if not can_move(meeting, Meeting.Status.SUBMITTED):
        raise ValidationError(_("Only draft minutes can be submitted."), code="status")
    if not meeting.has_started():
        raise ValidationError(
            _(
                "The meeting has not started yet: its minutes can be sent for adoption from "
                "%(moment)s."
            )
            % {"moment": starts_at_text(meeting)},
            code="not_started",
        )
    meeting.status = Meeting.Status.SUBMITTED
    meeting.submitted_at = timezone.now()
    meeting.save(update_fields=["status", "submitted_at"])
    subject = _("Minutes for adoption: %(meeting)s") % {"meeting": meeting}
    body = _(
        "The draft minutes of %(meeting)s are ready. They will be adopted at the next "
        "meeting; sign in to Regie to read them."
    ) % {"meeting": meeting}
    recipients = _mail_attendees(meeting, subject, body)
    record(Meetings.MINUTES_SUBMIT, actor, meeting, recipients=recipients)
    return meeting


def starts_at_text(meeting: Meeting) -> str:
    """When the meeting starts, as forms write it: 15-06-2021 10:00 (or the day alone)."""
    moment = timezone.localtime(meeting.starts_at)
    if meeting.start_time is None:
        return short_date(moment)
    return short_datetime(moment)


def _mail_attendees(meeting: Meeting, subject: str, body: str) -> int:
    """One e-mail to the attendees with an address, sent once the transaction commits."""
    recipients = selectors.attendee_emails(meeting)
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        )
    return len(recipients)


@transaction.atomic
def withdraw_minutes(meeting: Meeting, *, actor: User) -> Meeting:
    """Back to draft for a correction. The attendees had the minutes sent to them, so they are
    told these are no longer the version to adopt."""
    policy.check(actor, Meetings.MANAGE, meeting)
    hold_meetings(meeting)
    if not can_move(meeting, Meeting.Status.CONCEPT):
        raise ValidationError(_("Only submitted minutes can go back to draft."), code="status")
    meeting.status = Meeting.Status.CONCEPT
    meeting.submitted_at = None
    meeting.save(update_fields=["status", "submitted_at"])
    subject = _("Minutes back to draft: %(meeting)s") % {"meeting": meeting}
    body = _(
        "The minutes of %(meeting)s that were sent to you for adoption have been taken back to "
        "draft for a correction. You will receive them again when they are sent for adoption."
    ) % {"meeting": meeting}
    recipients = _mail_attendees(meeting, subject, body)
    record(Meetings.MINUTES_WITHDRAW, actor, meeting, recipients=recipients)
    return meeting


@transaction.atomic
def record_adoption(
    minutes_of: Meeting, at_meeting: Meeting, outcome: str, *, actor: User, changes: str = ""
) -> MinutesAdoption:
    """Under the later meeting's "Vaststellen verslag" item: adopted (with or without changes)
    locks the minutes; deferred leaves them for the meeting after."""
    policy.check(actor, Meetings.MANAGE, at_meeting)
    if outcome not in MinutesAdoption.Outcome.values:
        raise ValidationError(_("Choose adopted, adopted with changes or deferred."), "outcome")
    if minutes_of.series_id != at_meeting.series_id or minutes_of.date >= at_meeting.date:
        raise ValidationError(
            _("Minutes are adopted at a later meeting of the same series."), code="at_meeting"
        )
    # Recorded under that meeting's "Vaststellen verslag" item: part of its own minutes.
    hold_meetings(at_meeting)
    check_not_read_only(at_meeting)
    minutes_of = Meeting.objects.select_for_update().get(pk=minutes_of.pk)
    if minutes_of.status != Meeting.Status.SUBMITTED:
        raise ValidationError(
            _("Only minutes submitted for adoption can be adopted or deferred."), code="status"
        )
    changes = changes.strip()
    if outcome == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES and not changes:
        raise ValidationError(_("Say which changes were made."), code="changes")
    adoption = MinutesAdoption.objects.create(
        minutes_of=minutes_of,
        at_meeting=at_meeting,
        outcome=outcome,
        changes=changes,
        recorded_by=actor,
    )
    if outcome != MinutesAdoption.Outcome.DEFERRED:
        minutes_of.status = Meeting.Status.ADOPTED
        minutes_of.adopted_at = timezone.now()
        minutes_of.adopted_document = adopted_document(minutes_of)
        minutes_of.save(update_fields=["status", "adopted_at", "adopted_document"])
    # Adopted under the later meeting's item, so part of that meeting's record and its chair's.
    record(
        Meetings.MINUTES_ADOPTION,
        actor,
        minutes_of,
        record_of=at_meeting,
        outcome=outcome,
        at=at_meeting.pk,
    )
    return adoption


def adopted_document(meeting: Meeting) -> dict[str, Any]:
    """The minutes as adopted, kept on the meeting: the actielijst and termijnagenda read live
    would change under adopted minutes, so exports read this from then on. Taken after the
    status change, so the document reads as adopted."""
    # Imported here: documents pulls in the PDF and Word machinery, which writes do not need.
    from regie.meetings.documents.data import snapshot

    return snapshot(meeting)


@transaction.atomic
def add_erratum(meeting: Meeting, *, actor: User, text: str) -> Erratum:
    policy.check(actor, Meetings.MINUTES_ERRATUM, meeting)
    text = required(text, _("Describe the correction."), "text")
    erratum = Erratum.objects.create(meeting=meeting, text=text, recorded_by=actor)
    record(Meetings.MINUTES_ERRATUM, actor, meeting, erratum=erratum.pk)
    return erratum
