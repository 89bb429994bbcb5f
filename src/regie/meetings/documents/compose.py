"""``build``: the adopted snapshot, or a fresh one, as a ``MinutesDocument`` for one reader
(a guest's copy leaves out what the guest's page leaves out)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regie.core import dates
from regie.meetings import rules
from regie.meetings.documents.data import (
    ActionRow,
    ItemBlock,
    MinutesDocument,
    PersonLine,
    PointLine,
    SubActionLine,
    TermRow,
    day_month_year,
    long_date,
    parse_day,
    snapshot,
)
from regie.meetings.models import (
    Attendee,
    Meeting,
    MinutesAdoption,
)

if TYPE_CHECKING:
    from regie.accounts.models import User


def _adoption_line(data: dict[str, Any]) -> str:
    when = day_month_year(dt.date.fromisoformat(data["date"]))
    if data["outcome"] == MinutesAdoption.Outcome.ADOPTED:
        return _("The minutes of %(date)s are adopted.") % {"date": when}
    if data["outcome"] == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES and not data["changes"]:
        return _("The minutes of %(date)s are adopted with changes.") % {"date": when}
    if data["outcome"] == MinutesAdoption.Outcome.ADOPTED_WITH_CHANGES:
        return _("The minutes of %(date)s are adopted with changes: %(changes)s") % {
            "date": when,
            "changes": data["changes"],
        }
    return _("The minutes of %(date)s are deferred to the next meeting.") % {"date": when}


def _apologies_only(reason: str) -> bool:
    """A reason that only says "sent apologies" (the field's hint, typed in): printing it
    would read "afgemeld: afgemeld"."""
    plain = reason.strip().strip(".").casefold()
    return plain in {"afgemeld", "sent apologies", _("sent apologies").casefold()}


def _person_line(data: dict[str, Any], *, guest: bool) -> PersonLine:
    detail = ", ".join(p for p in (data["role_title"], data["organisation"]) if p)
    line = PersonLine(data["name"], detail)
    reason = (data.get("reason") or "").strip()
    if data["presence"] == Attendee.Presence.ABSENT and reason:
        # A reason is the member's own (it may be about health): a guest reads only that the
        # person sent apologies, and so does everyone when the reason says nothing more.
        if guest or _apologies_only(reason):
            text = _("sent apologies")
        else:
            text = _("sent apologies: %(reason)s") % {"reason": reason}
        line.detail = f"{line.detail}; {text}" if line.detail else text
    return line


def _item_from(data: dict[str, Any], number: int) -> ItemBlock:
    deferred_from = parse_day(data.get("deferred_from"))
    return ItemBlock(
        number=number,
        title=data["title"] or _("Adoption of minutes"),
        presenter=data["presenter"],
        points=[PointLine(p["text"], p["heading"]) for p in data["points"]],
        notes=list(data["notes"]),
        decisions=list(data["decisions"]),
        adoptions=[_adoption_line(a) for a in data["adoptions"]],
        deferred=data["deferred"],
        deferred_from=day_month_year(deferred_from) if deferred_from else "",
        confidential=data["confidential"],
    )


def action_rows(data: dict[str, Any]) -> list[ActionRow]:
    rows = []
    for action in data["actions"]:
        lines = []
        for sub in action["subactions"]:
            # Owners the description names already (the way minute-takers write "X plant …")
            # are not repeated.
            description = sub["description"]
            missing = [o for o in sub["owners"] if o and o.casefold() not in description.casefold()]
            done = ""
            if sub["done"]:
                done = _("Completed")
                if sub["done_on"]:
                    done = f"{done} {dates.short_date(dt.date.fromisoformat(sub['done_on']))}"
            lines.append(
                SubActionLine(
                    description=description, owners=", ".join(missing), due=sub["due"], done=done
                )
            )
        raised = dt.date.fromisoformat(action["raised_on"])
        rows.append(
            ActionRow(
                raised_on=dates.short_date(raised), subject=action["subject"], subactions=lines
            )
        )
    return rows


def term_rows(data: dict[str, Any]) -> list[TermRow]:
    rows = []
    for term in data["term_items"]:
        when = term["period_text"] or ", ".join(
            day_month_year(dt.date.fromisoformat(d)) for d in term["dates"]
        )
        subject = term["subject"]
        if term["to_plan"] and "nog plannen" not in subject.casefold():
            subject = f"{subject} ({_('still to be planned')})"
        rows.append(TermRow(when=when, subject=subject, to_plan=term["to_plan"]))
    return rows


def _details(data: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if data["start_time"]:
        time = data["start_time"]
        if data["end_time"]:
            time = f"{time}–{data['end_time']}"
        rows.append((_("Time"), time))
    if data["location"]:
        rows.append((_("Place"), data["location"]))
    for label, name in ((_("Chair"), data["chair"]), (_("Minute-taker"), data["minute_taker"])):
        if name:
            rows.append((label, name))
    return rows


def build(user: User, meeting: Meeting) -> MinutesDocument:
    """Everything the exported document shows, in the organisation's language: the adopted
    snapshot once there is one, the live minutes before (and for minutes adopted before
    snapshots existed)."""
    with translation.override(settings.LANGUAGE_CODE):
        data = meeting.adopted_document or snapshot(meeting)
        guest = rules.is_guest_view(user, meeting)
        if guest:
            data = _guest_adoptions(user, meeting, data)
        return from_snapshot(meeting, data, guest=guest)


def _guest_adoptions(user: User, meeting: Meeting, data: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with the adoptions recorded at this meeting as a guest may read them: only
    of minutes he may open, and their notes only when his copy of those minutes numbers its
    items as the notes do (``rules.guest_adoption_readable``)."""
    openable = set(rules.guest_meetings(user).values_list("pk", flat=True))
    readable = rules.guest_adoption_readable(user)
    # Snapshots taken before adoptions named their meeting: find it by its date in the series.
    by_date = dict(Meeting.objects.filter(series_id=meeting.series_id).values_list("date", "pk"))
    items = []
    for item in data["items"]:
        kept = []
        for adoption in item["adoptions"]:
            of = adoption.get("meeting_id") or by_date.get(dt.date.fromisoformat(adoption["date"]))
            if of in openable:
                kept.append({**adoption, "changes": adoption["changes"] if of in readable else ""})
        items.append({**item, "adoptions": kept})
    return {**data, "items": items}


def from_snapshot(meeting: Meeting, data: dict[str, Any], *, guest: bool) -> MinutesDocument:
    """The document a reader gets from snapshot data: a guest's copy leaves out confidential
    items (with any adoption recorded under them), the actielijst, the termijnagenda and
    absence reasons. Items are numbered one after the other as the reader sees them, as on
    the meeting page."""
    series = meeting.series
    adopted = meeting.is_adopted
    visible_items = [i for i in data["items"] if not (guest and i["confidential"])]
    items = [_item_from(item, number) for number, item in enumerate(visible_items, start=1)]

    status_note = ""
    if adopted:
        title = _("Adopted minutes %(series)s") % {"series": series.name}
        marker = ""
        adoption = (
            meeting.adoptions.exclude(outcome=MinutesAdoption.Outcome.DEFERRED)
            .select_related("at_meeting")
            .order_by("-recorded_at")
            .first()
        )
        if adoption is not None:
            status_note = _("Adopted at the meeting of %(date)s.") % {
                "date": day_month_year(adoption.at_meeting.date)
            }
    else:
        title = _("Minutes %(series)s") % {"series": series.name}
        marker = _("Draft")
        if meeting.status == Meeting.Status.SUBMITTED:
            marker = _("Draft – for adoption")

    errata = (
        [(day_month_year(timezone.localdate(e.recorded_at)), e.text) for e in meeting.errata.all()]
        if adopted
        else []
    )
    people = data["attendees"]

    def lines(presence: str) -> list[PersonLine]:
        return [_person_line(p, guest=guest) for p in people if p["presence"] == presence]

    # Invitees without recorded attendance are listed on a draft only: in minutes sent for
    # adoption they were neither present nor absent, so they are left out.
    invited = lines(Attendee.Presence.INVITED) if meeting.status == Meeting.Status.CONCEPT else []
    document = MinutesDocument(
        organisation=series.team.organisation.name,
        series=series.name,
        title=title,
        marker=marker,
        status_note=status_note,
        meeting_date=long_date(dt.date.fromisoformat(data["date"])),
        details=_details(data),
        present=lines(Attendee.Presence.PRESENT),
        absent=lines(Attendee.Presence.ABSENT),
        also_present=lines(Attendee.Presence.ALSO_PRESENT),
        invited=invited,
        items=items,
        errata=errata,
        actions=[] if guest else action_rows(data),
        term_rows=[] if guest else term_rows(data),
        guest=guest,
        adopted=adopted,
        filename_stem=f"verslag-{slugify(series.name)}-{meeting.date:%Y-%m-%d}",
        generated_at=dates.long_datetime(timezone.now()),
    )
    document.attendance = [
        (label, people)
        for label, people in (
            (_("Present"), document.present),
            (_("Absent"), document.absent),
            (_("Also present"), document.also_present),
            (_("Invited"), document.invited),
        )
        if people
    ]
    return document
