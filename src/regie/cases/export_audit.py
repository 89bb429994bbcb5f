"""The access-log part of the data-subject export: what the log holds about the person and
their cases, each event told as a sentence a citizen understands ("Een regisseur van Gemeente
Amsterdam heeft casus PGA-2026-0001 ingezien op 3 maart 2026 om 10:12.").

Sentences are English msgids (``gettext_noop``) with ``%(who)s``, ``%(case)s`` ("casus …", or
"uw gegevens" for an event on the person record), ``%(when)s`` and ``%(partner)s``, translated
when the export is made. The cases app's own actions are listed here; partners and
interventions bring theirs with their export section (``extensions.ExportSection``). An action
without a sentence still gets a general one, never its code (``tests/cases/test_export_text.py``
checks that every action the code can record about a case has its own).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.accounts.models import PARTNER_ROLES, Role, User
from regie.audit import sentences as audit_sentences
from regie.audit.models import AuditEvent
from regie.cases.export_staff import partner_word
from regie.cases.models import Person
from regie.cases.vocabulary import Cases
from regie.core.vocabulary import read_of

# The shared sentences live with the table in ``regie.audit.sentences``.
DENIED_VIEW = audit_sentences.DENIED_VIEW
DENIED_CHANGE = audit_sentences.DENIED_CHANGE
GENERAL = audit_sentences.GENERAL
GENERAL_DENIED = audit_sentences.GENERAL_DENIED

SENTENCES: dict[str, str] = {
    Cases.PERSON_CREATE: gettext_noop("%(who)s recorded your personal details on %(when)s."),
    Cases.CASE_CREATE: gettext_noop("%(who)s opened %(case)s about you on %(when)s."),
    Cases.PERSON_DUPLICATE: gettext_noop(
        "%(who)s checked whether your details were already registered on %(when)s."
    ),
    Cases.CASE_TRANSITION: gettext_noop("%(who)s moved %(case)s to another phase on %(when)s."),
    Cases.CASE_ASSIGN: gettext_noop("%(who)s assigned %(case)s to a case director on %(when)s."),
    Cases.CASE_UPDATE: gettext_noop("%(who)s changed details of %(case)s on %(when)s."),
    Cases.CASE_FLAGS: gettext_noop("%(who)s changed the flags of %(case)s on %(when)s."),
    Cases.JOURNAL_CREATE: gettext_noop("%(who)s added a journal entry to %(case)s on %(when)s."),
    Cases.JOURNAL_UPDATE: gettext_noop("%(who)s changed a journal entry in %(case)s on %(when)s."),
    Cases.TASK_CREATE: gettext_noop("%(who)s added a task to %(case)s on %(when)s."),
    Cases.TASK_COMPLETE: gettext_noop("%(who)s marked a task in %(case)s as done on %(when)s."),
    Cases.ZRM_CREATE: gettext_noop(
        "%(who)s recorded a self-sufficiency assessment (ZRM) in %(case)s on %(when)s."
    ),
    Cases.RETENTION_DELETE: gettext_noop(
        "%(case)s was deleted on %(when)s because its retention period had ended."
    ),
    Cases.DSAR_EXPORT: gettext_noop(
        "%(who)s made an overview of your data for a request to see it on %(when)s."
    ),
    # Reads: the view's action plus ".read".
    read_of(Cases.VIEW): gettext_noop("%(who)s viewed %(case)s on %(when)s."),
    read_of(Cases.SEARCH): gettext_noop("%(who)s found %(case)s in a search on %(when)s."),
    read_of(Cases.CASELOAD): gettext_noop("%(who)s saw %(case)s in a list of cases on %(when)s."),
    read_of(Cases.OVERVIEW): gettext_noop("%(who)s saw %(case)s in a list of cases on %(when)s."),
    read_of(Cases.FLAG_LIST): gettext_noop("%(who)s saw %(case)s in a list of cases on %(when)s."),
    read_of(Cases.TASKS): gettext_noop("%(who)s viewed a task in %(case)s on %(when)s."),
    read_of(Cases.CASE_ASSIGN): gettext_noop(
        "%(who)s saw %(case)s in a list of cases on %(when)s."
    ),
    read_of(Cases.CASE_CREATE): gettext_noop("%(who)s viewed %(case)s on %(when)s."),
    read_of(Cases.DSAR): gettext_noop(
        "%(who)s looked up your details to handle a request to see your data on %(when)s."
    ),
}

# The same events told to a colleague in the access-log viewer (the sentences above that speak
# to the data subject).
STAFF: dict[str, str] = {
    Cases.PERSON_CREATE: gettext_noop(
        "%(who)s recorded the personal details of %(case)s on %(when)s."
    ),
    Cases.CASE_CREATE: gettext_noop("%(who)s opened %(case)s on %(when)s."),
    Cases.PERSON_DUPLICATE: gettext_noop(
        "%(who)s decided whether a possible duplicate of %(case)s is the same person on %(when)s."
    ),
    Cases.DSAR_EXPORT: gettext_noop(
        "%(who)s made an overview of the data of %(case)s for a request to see it on %(when)s."
    ),
    read_of(Cases.DSAR): gettext_noop(
        "%(who)s looked up %(case)s to handle a request to see their data on %(when)s."
    ),
}

DENIED: dict[str, str] = {
    # Asked for a row outside the reader's scope (``<app>.<model>.view``): a 404 for them.
    "cases.case.view": DENIED_VIEW,
    "cases.person.view": DENIED_VIEW,
    "cases.journalentry.view": DENIED_VIEW,
    "cases.task.view": DENIED_VIEW,
    "cases.zrmassessment.view": DENIED_VIEW,
    # Rules refused on a case, its items or the person.
    Cases.VIEW: DENIED_VIEW,
    Cases.SEARCH: DENIED_VIEW,
    Cases.CASELOAD: DENIED_VIEW,
    Cases.OVERVIEW: DENIED_VIEW,
    Cases.FLAG_LIST: DENIED_VIEW,
    Cases.TASKS: DENIED_VIEW,
    Cases.DSAR: DENIED_VIEW,
    Cases.CASE_CREATE: DENIED_CHANGE,
    Cases.CASE_INTAKE: DENIED_CHANGE,
    Cases.CASE_UPDATE: DENIED_CHANGE,
    Cases.CASE_ASSIGN: DENIED_CHANGE,
    Cases.CASE_FLAGS: DENIED_CHANGE,
    Cases.CASE_TRANSITION: DENIED_CHANGE,
    Cases.CASE_TRANSITION: DENIED_CHANGE,
    Cases.JOURNAL_CREATE: DENIED_CHANGE,
    Cases.JOURNAL_UPDATE: DENIED_CHANGE,
    Cases.TASK_CREATE: DENIED_CHANGE,
    Cases.TASK_COMPLETE: DENIED_CHANGE,
    Cases.ZRM_CREATE: DENIED_CHANGE,
}


def sentences() -> tuple[dict[str, str], dict[str, str]]:
    """Every described action (successful, refused): the one table of ``regie.audit.sentences``
    (the cases app's, the sections' and every other app's)."""
    return audit_sentences.tables()


def _who(row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """Who acted, by the role and organisation stored on the event (as they were then)."""
    role, organisation = row["role"], row["organisation"]
    if row["actor_id"] is None and not role:
        return _("Regie (automatically)")
    if role in PARTNER_ROLES:
        who = _("a staff member of %(partner)s") % {"partner": partner_word(organisation)}
    elif role in Role.values and organisation:
        who = _("a %(role)s of %(organisation)s") % {
            "role": Role(role).label,
            "organisation": organisation,
        }
    elif role in Role.values:
        who = _("a %(role)s") % {"role": Role(role).label}
    elif organisation:
        who = _("a staff member of %(organisation)s") % {"organisation": organisation}
    else:
        who = _("a staff member")
    name = names.get(row["actor"])
    if name:  # the privacy officer included staff names in this export
        return f"{name} ({who})"
    return who


def _when(moment: datetime) -> str:
    return audit_sentences.when(moment)


Described = tuple[dict[str, str], dict[str, str]]


def sentence(
    row: Mapping[str, Any],
    *,
    names: Mapping[str, str] | None = None,
    described: Described | None = None,
) -> str:
    """One event (a row of ``AuditEvent`` values) as a sentence in the active language, never
    the action's code. ``described``: ``sentences()``, when the caller already has it."""
    denied = row["result"] == AuditEvent.Result.DENIED
    if described is not None:
        done, refused = described
        message = (refused if denied else done).get(row["action"]) or (
            audit_sentences.message_for(row["action"], denied=denied)
        )
    else:
        message = audit_sentences.message_for(row["action"], denied=denied)
    changes = row.get("changes") or {}
    partner = changes.get("organisation") if isinstance(changes, dict) else None
    case = row["case_id"]
    text = _(message) % {
        "who": _who(row, names or {}),
        "case": _("case %(number)s") % {"number": case} if case else _("your data"),
        "when": _when(row["occurred_at"]),
        "partner": str(partner) if partner else _("a partner organisation"),
    }
    return capfirst(text)


def audit_events_for(
    person: Person, case_numbers: list[str], *, named: bool = False
) -> list[dict[str, Any]]:
    """What the access log holds about this person's cases and about the person record: when,
    what (as a sentence), the role and organisation of who acted; their name only when the
    privacy officer included staff names in this export."""
    # Events on the person record carry no case number: ``case_id=""`` lets PostgreSQL use
    # the partial index ``audit_object_idx`` (which holds only events outside a case).
    concerning = Q(case_id__in=case_numbers) | Q(
        object_type=Person._meta.label_lower, object_id=str(person.pk), case_id=""
    )
    rows = (
        AuditEvent.objects.filter(concerning)
        .order_by("id")
        .values(
            "occurred_at",
            "action",
            "case_id",
            "result",
            "role",
            "organisation",
            "actor_id",
            "actor",
            "changes",
        )
    )
    names = _staff_names(person, case_numbers) if named else {}
    described = sentences()
    events = []
    for row in rows.iterator(chunk_size=2000):
        events.append(
            {
                "at": timezone.localtime(row["occurred_at"]),
                "action": row["action"],
                "text": sentence(row, names=names, described=described),
                "case": row["case_id"] or None,
                "result": row["result"],
                "role": row["role"] or None,
                "organisation": row["organisation"] or None,
            }
        )
    return events


def _staff_names(person: Person, case_numbers: list[str]) -> dict[str, str]:
    """Usernames of everyone in this person's log, with their full names (one query)."""
    concerning = Q(case_id__in=case_numbers) | Q(
        object_type=Person._meta.label_lower, object_id=str(person.pk), case_id=""
    )
    usernames = AuditEvent.objects.filter(concerning).values("actor").distinct()
    return {
        user.username: user.get_full_name() or user.username
        for user in User.objects.filter(username__in=usernames)
    }
