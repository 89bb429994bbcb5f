"""The interventions agreed on a case in the data-subject export (AVG art. 15): which
intervention, who carries it out, for which period, its status and outcome. Registered with
``cases.extensions.register_export_section`` in ``InterventionsConfig.ready``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from regie.cases.export_audit import DENIED_CHANGE, DENIED_VIEW
from regie.cases.extensions import ExportSection, StaffNamer
from regie.core.dates import long_date
from regie.core.vocabulary import read_of
from regie.interventions.models import CaseIntervention
from regie.interventions.vocabulary import Interventions

SENTENCES = {
    Interventions.CASE_ADD: gettext_noop("%(who)s agreed an intervention in %(case)s on %(when)s."),
    Interventions.CASE_UPDATE: gettext_noop(
        "%(who)s updated an intervention in %(case)s on %(when)s."
    ),
    Interventions.CASE_PARTNER_UPDATE: gettext_noop(
        "%(who)s reported the progress of an intervention in %(case)s on %(when)s."
    ),
    # Reads: the view's action plus ".read".
    read_of(Interventions.CASE): gettext_noop(
        "%(who)s viewed an intervention in %(case)s on %(when)s."
    ),
    read_of(Interventions.CASE_PARTNER_UPDATE): gettext_noop(
        "%(who)s opened the progress form of an intervention in %(case)s on %(when)s."
    ),
}

DENIED = {
    "interventions.caseintervention.view": DENIED_VIEW,
    Interventions.CASE: DENIED_CHANGE,
    Interventions.CASE_ADD: DENIED_CHANGE,
    Interventions.CASE_UPDATE: DENIED_CHANGE,
    Interventions.CASE_PARTNER_UPDATE: DENIED_CHANGE,
}


def _rows(cases: Sequence[Any]) -> dict[int, list[CaseIntervention]]:
    by_case: dict[int, list[CaseIntervention]] = defaultdict(list)
    items = (
        CaseIntervention.objects.filter(case__in=[case.pk for case in cases])
        .select_related("intervention", "executor", "created_by")
        .order_by("starts_on", "id")
    )
    for item in items:
        by_case[item.case_id].append(item)
    return by_case


def describe(item: CaseIntervention) -> str:
    values = {
        "name": item.intervention.name,
        "executor": item.executor.name if item.executor else _("the regie team"),
        "start": long_date(item.starts_on),
        "end": long_date(item.ends_on),
        "status": CaseIntervention.Status(item.status).label,
    }
    if item.ends_on:
        text = _(
            "Intervention %(name)s, carried out by %(executor)s from %(start)s up to and "
            "including %(end)s (%(status)s)."
        )
    else:
        text = _("Intervention %(name)s, carried out by %(executor)s from %(start)s (%(status)s).")
    return text % values


def _entry(item: CaseIntervention, staff: StaffNamer) -> dict[str, Any]:
    return {
        "intervention": item.intervention.name,
        "executor": item.executor.name if item.executor else None,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "status": item.status,
        "status_label": str(CaseIntervention.Status(item.status).label),
        "outcome": staff.text(item.outcome),
        "shared_with_partners": item.shared_with_partners,
        "agreed_by": staff.name(item.created_by),
        "text": describe(item),
    }


def _users(item: CaseIntervention) -> Iterable[Any]:
    return (item.created_by,)


SECTION = ExportSection(
    key="interventions",
    title=gettext_lazy("Interventions"),
    empty=gettext_lazy("No interventions were agreed in this case."),
    rows=_rows,
    entry=_entry,
    columns=(
        ("text", gettext_lazy("What was agreed")),
        ("outcome", gettext_lazy("Outcome")),
    ),
    users=_users,
    sentences=SENTENCES,
    denied=DENIED,
    order=20,
)
