"""The partner registrations of a case in the data-subject export (AVG art. 15): which
organisation took part, for which period, and which information it received. Registered with
``cases.extensions.register_export_section`` in ``PartnersConfig.ready``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from regie.cases.export_audit import DENIED_CHANGE, DENIED_VIEW
from regie.cases.export_staff import contact_word
from regie.cases.extensions import ExportSection, StaffNamer
from regie.core.dates import long_date
from regie.core.vocabulary import read_of
from regie.partners.models import Registration
from regie.partners.vocabulary import Partners

Status = Registration.Status

SENTENCES = {
    Partners.REGISTRATION_CREATE: gettext_noop(
        "%(who)s registered %(partner)s as intervention partner in %(case)s on %(when)s."
    ),
    Partners.REGISTRATION_REQUEST: gettext_noop(
        "%(who)s asked to take part in %(case)s as intervention partner on %(when)s."
    ),
    Partners.REGISTRATION_APPROVE: gettext_noop(
        "%(who)s approved %(partner)s as intervention partner in %(case)s on %(when)s."
    ),
    Partners.REGISTRATION_REJECT: gettext_noop(
        "%(who)s turned down %(partner)s as intervention partner in %(case)s on %(when)s."
    ),
    Partners.REGISTRATION_END: gettext_noop(
        "%(who)s ended the participation of %(partner)s as intervention partner in %(case)s "
        "on %(when)s."
    ),
    Partners.REGISTRATION_EXPIRE: gettext_noop(
        "The participation of %(partner)s as intervention partner in %(case)s ended on "
        "%(when)s, at the end of the agreed period."
    ),
    Partners.REGISTRATION_FORM: gettext_noop(
        "%(who)s downloaded the registration form of an intervention partner in %(case)s "
        "on %(when)s."
    ),
    Partners.REQUEST_CREATE: gettext_noop(
        "%(who)s asked to take part in %(case)s as intervention partner on %(when)s."
    ),
    # Never carries a case number; described all the same, should one appear.
    Partners.REQUEST_PURGE: gettext_noop(
        "%(who)s removed expired requests to take part in a case on %(when)s."
    ),
    # Reads: the view's action plus ".read" (the join request reads nothing, but is declared).
    read_of(Partners.REQUEST): gettext_noop(
        "%(who)s asked to take part in %(case)s as intervention partner on %(when)s."
    ),
    read_of(Partners.CASE_VIEW): gettext_noop(
        "%(who)s viewed what is shared of %(case)s with their organisation on %(when)s."
    ),
    read_of(Partners.CASES): gettext_noop(
        "%(who)s saw %(case)s in the list of cases shared with their organisation on %(when)s."
    ),
    read_of(Partners.REGISTRATIONS): gettext_noop(
        "%(who)s viewed the registration of an intervention partner in %(case)s on %(when)s."
    ),
    read_of(Partners.DOCUMENTS): gettext_noop(
        "%(who)s viewed the registration form of an intervention partner in %(case)s on %(when)s."
    ),
}

DENIED = {
    "partners.registration.view": DENIED_VIEW,
    "partners.joinrequest.view": DENIED_VIEW,
    Partners.REGISTRATION_REQUEST_UNMATCHED: DENIED_VIEW,
    Partners.CASES: DENIED_VIEW,
    Partners.CASE_VIEW: DENIED_VIEW,
    Partners.REGISTRATIONS: DENIED_VIEW,
    Partners.DOCUMENTS: DENIED_VIEW,
    Partners.REGISTRATION_FORM: DENIED_VIEW,
    Partners.REQUEST: DENIED_CHANGE,
    Partners.JOURNAL_ADD: DENIED_CHANGE,
    Partners.REGISTRATION_CREATE: DENIED_CHANGE,
    Partners.APPROVE: DENIED_CHANGE,
    Partners.REGISTRATION_END: DENIED_CHANGE,
}


def _rows(cases: Sequence[Any]) -> dict[int, list[Registration]]:
    by_case: dict[int, list[Registration]] = defaultdict(list)
    registrations = (
        Registration.objects.filter(case__in=[case.pk for case in cases])
        .select_related("organisation", "requested_by", "decided_by", "ended_by")
        .prefetch_related("categories")
        .order_by("starts_on", "requested_at", "id")
    )
    for registration in registrations:
        by_case[registration.case_id].append(registration)
    return by_case


def _day(value: date | None) -> str:
    return long_date(value)


def describe(registration: Registration, categories: list[str]) -> str:
    """The registration as one or two sentences for the data subject."""
    values = {
        "organisation": registration.organisation.name,
        "start": _day(registration.starts_on),
        "end": _day(registration.ends_on),
        "ended": _day(localtime(registration.ended_at).date() if registration.ended_at else None),
        "categories": ", ".join(categories),
    }
    status = registration.status
    if status == Status.REJECTED:
        return (
            _(
                "%(organisation)s asked to take part in this case as intervention partner; "
                "this was turned down."
            )
            % values
        )
    if status == Status.REQUESTED:
        text = _(
            "%(organisation)s asked to take part in this case as intervention partner from "
            "%(start)s up to and including %(end)s; this has not been decided yet."
        )
    elif status == Status.ACTIVE:
        text = _(
            "%(organisation)s takes part in this case as intervention partner from %(start)s "
            "up to and including %(end)s."
        )
    elif status == Status.ENDED and registration.ended_at:
        text = _(
            "%(organisation)s took part in this case as intervention partner from %(start)s; "
            "this ended on %(ended)s."
        )
    else:
        text = _(
            "%(organisation)s took part in this case as intervention partner from %(start)s "
            "up to and including %(end)s."
        )
    if not categories:
        shared = _("No information about you was shared with it.")
    elif status == Status.REQUESTED:
        shared = _("It would receive: %(categories)s.")
    else:
        shared = _("Information shared with it: %(categories)s.")
    return f"{text % values} {shared % values}"


def _entry(registration: Registration, staff: StaffNamer) -> dict[str, Any]:
    organisation = registration.organisation.name
    categories = [category.name for category in registration.categories.all()]
    return {
        "organisation": organisation,
        "status": registration.status,
        "status_label": str(Status(registration.status).label),
        "starts_on": registration.starts_on,
        "ends_on": registration.ends_on,
        "shared_information": categories,
        "purpose": staff.text(registration.purpose),
        "contact": staff.contact(registration.contact_name, organisation),
        # Phone numbers and addresses of a partner's staff identify them like their names.
        "contact_details": (registration.contact_details or None) if staff.named else None,
        "requested_by": staff.name(registration.requested_by),
        "decided_by": staff.name(registration.decided_by),
        "decision_note": staff.text(registration.decision_note),
        "ended_by": staff.name(registration.ended_by),
        "end_reason": staff.text(registration.end_reason),
        "text": describe(registration, categories),
    }


def _users(registration: Registration) -> Iterable[Any]:
    return (registration.requested_by, registration.decided_by, registration.ended_by)


def _names(registration: Registration) -> Iterable[tuple[str, str]]:
    if registration.contact_name:
        yield registration.contact_name, contact_word(registration.organisation.name)


SECTION = ExportSection(
    key="registrations",
    title=gettext_lazy("Intervention partners"),
    empty=gettext_lazy("No partner organisation took part in this case."),
    rows=_rows,
    entry=_entry,
    columns=(
        ("text", gettext_lazy("What was agreed")),
        ("purpose", gettext_lazy("Purpose")),
        ("contact", gettext_lazy("Contact person")),
    ),
    users=_users,
    names=_names,
    sentences=SENTENCES,
    denied=DENIED,
    order=10,
)
