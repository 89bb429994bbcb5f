"""The signals about a person in the data-subject export (AVG art. 15): which signal, when,
on which themes, its status, what was observed and what came of it. A signal belongs to the
person it was linked to (``Signal.person``: by the Weegploeg's instroom or by hand), not to a
case, so it is a person-level section (``cases.extensions.register_person_section``,
registered in ``IntakeConfig.ready``). Staff are named by role, as everywhere in the export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.cases.extensions import PersonSection, StaffNamer
from regie.cases.models import Theme
from regie.intake.models import Signal, Stage, Status, TriageDecision


def _rows(person: Any) -> list[Signal]:
    return list(
        Signal.objects.filter(person=person)
        .select_related(
            "source_organisation",
            "submitter",
            "recorded_by",
            "handler",
            "decision__decided_by",
            "decision__referred_to",
            "decision__case",
        )
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("created_at", "id")
    )


def _decision(signal: Signal) -> TriageDecision | None:
    # A reverse one-to-one without a row raises (an AttributeError): no decision yet.
    return getattr(signal, "decision", None)


def _outcome(signal: Signal, decision: TriageDecision | None) -> str:
    if decision is not None:
        label = str(TriageDecision.Outcome(decision.outcome).label)
        if decision.referred_to is not None:
            return f"{label} ({decision.referred_to.name})"
        return label
    if signal.stage == Stage.AFGEROND:
        return _("completed by the Steunpunt")
    return _("not decided yet")


def _entry(signal: Signal, staff: StaffNamer) -> dict[str, Any]:
    decision = _decision(signal)
    submitted_by = signal.submitter or signal.recorded_by
    return {
        "reference": signal.reference,
        "date": timezone.localtime(signal.created_at),
        "kind": signal.kind,
        "kind_label": str(Signal.Kind(signal.kind).label),
        "themes": [theme.name for theme in signal.themes.all()],
        "status": signal.status,
        "status_label": str(Status(signal.status).label),
        "observed_since": signal.observed_since,
        "observation": staff.text(signal.observation),
        "source_organisation": signal.source_organisation.name
        if signal.source_organisation
        else None,
        "submitted_by": staff.name(submitted_by),
        "handler": staff.name(signal.handler),
        "outcome": _outcome(signal, decision),
        "outcome_on": timezone.localtime(decision.decided_at if decision else signal.closed_at)
        if decision is not None or signal.closed_at is not None
        else None,
        "decided_by": staff.name(decision.decided_by) if decision is not None else None,
        "motivation": staff.text(decision.motivation if decision else signal.closing_reason),
        "case": decision.case.number if decision is not None and decision.case else None,
    }


def _users(signal: Signal) -> Iterable[Any]:
    decision = _decision(signal)
    return (
        signal.submitter,
        signal.recorded_by,
        signal.handler,
        decision.decided_by if decision is not None else None,
    )


SECTION = PersonSection(
    key="signals",
    title=gettext_lazy("Signals about you"),
    empty=gettext_lazy("No signal about you was received."),
    rows=_rows,
    entry=_entry,
    columns=(
        ("reference", gettext_lazy("Reference")),
        ("date", gettext_lazy("Date")),
        ("themes", gettext_lazy("Themes")),
        ("status_label", gettext_lazy("Status")),
        ("observation", gettext_lazy("What was observed")),
        ("outcome", gettext_lazy("Outcome")),
    ),
    users=_users,
    order=10,
)
