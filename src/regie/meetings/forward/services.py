"""Writes for the termijnagenda (forward agenda)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import policy
from regie.meetings.models import (
    Meeting,
    MeetingSeries,
    TermDate,
    TermItem,
)
from regie.meetings.periods import parse_period
from regie.meetings.recording import record, required
from regie.meetings.vocabulary import Meetings

if TYPE_CHECKING:
    from regie.accounts.models import User


@transaction.atomic
def add_term_item(
    series: MeetingSeries,
    *,
    actor: User,
    subject: str,
    kind: str = TermItem.Kind.OTHER,
    when_text: str = "",
    dates: Sequence[dt.date] = (),
    to_plan: bool = False,
    audience_teams: Sequence[Any] = (),
    audience_roles: Sequence[str] = (),
    meeting: Meeting | None = None,
    reference: dt.date | None = None,
) -> TermItem:
    """A forward agenda entry: explicit dates, a (fuzzy) period, or "nog plannen"."""
    from regie.meetings.periods import parse_dates

    policy.check(actor, Meetings.MANAGE, series)
    subject = required(subject, _("Give the item a subject."), "subject")
    if kind not in TermItem.Kind.values:
        raise ValidationError(_("Choose a kind."), code="kind")
    if meeting is not None and meeting.series_id != series.pk:
        raise ValidationError(_("Choose a meeting of this series."), code="meeting")
    reference = reference or timezone.localdate()
    when_text = when_text.strip()
    found = list(dates) or (parse_dates(when_text, reference=reference) if when_text else [])
    period = parse_period(when_text, reference=reference) if when_text and not found else None
    item = TermItem.objects.create(
        series=series,
        subject=subject,
        kind=kind,
        audience_roles=list(audience_roles),
        period_text=when_text,
        period_start=min(found) if found else (period.start if period else None),
        period_end=max(found) if found else (period.end if period else None),
        to_plan=to_plan or not (found or (period and period.understood)),
        meeting=meeting,
    )
    item.audience_teams.set(audience_teams)
    for day in sorted(set(found)):
        TermDate.objects.create(item=item, date=day)
    record(Meetings.TERM_ADD, actor, item, dates=len(found))
    return item


@transaction.atomic
def plan_term_item(item: TermItem, dates: Sequence[dt.date], *, actor: User) -> TermItem:
    policy.check(actor, Meetings.MANAGE, item.series)
    if not dates:
        raise ValidationError(_("Give at least one date."), code="dates")
    item.dates.all().delete()
    for day in sorted(set(dates)):
        TermDate.objects.create(item=item, date=day)
    item.period_start, item.period_end = min(dates), max(dates)
    item.to_plan = False
    item.save(update_fields=["period_start", "period_end", "to_plan"])
    record(Meetings.TERM_PLAN, actor, item, dates=len(dates))
    return item
