"""Demo interventions on cases (internal and by registered partners) and one open change
request for the pallet, so the catalogue and the case panels have something to show."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.cases.models import Case, Phase
from regie.demo import story
from regie.interventions import services
from regie.interventions.models import CaseIntervention, ChangeRequest, Intervention
from regie.partners.models import Registration

INTERNAL = ["Mentortraject", "Schuldhulpverlening", "Familiebijeenkomst", "Woonbegeleiding"]


@transaction.atomic
def load(teamleider: User, regisseur: User) -> None:
    if CaseIntervention.objects.exists():
        return
    current = {
        i.name: i for i in Intervention.objects.filter(version__status="current", is_active=True)
    }
    if not current:
        return
    today = timezone.localdate()
    cases = list(
        Case.objects.filter(regisseur=regisseur, phase__in=[Phase.REGIE, Phase.NAZORG]).order_by(
            "number"
        )[:6]
    )
    statuses = [
        CaseIntervention.Status.LOPEND,
        CaseIntervention.Status.GEPLAND,
        CaseIntervention.Status.AFGEROND,
    ]
    for i, case in enumerate(cases):
        name = INTERNAL[i % len(INTERNAL)]
        intervention = current.get(name) or next(iter(current.values()))
        with story.dated(case, today - timedelta(days=21 + i)):
            services.add_case_intervention(
                actor=regisseur,
                case=case,
                data=services.CaseInterventionData(
                    intervention=intervention,
                    executor=None,
                    starts_on=today - timedelta(days=20 + i),
                    status=statuses[i % len(statuses)],
                    shared_with_partners=i % 2 == 0,
                ),
            )
    for registration in Registration.objects.filter(status=Registration.Status.ACTIVE):
        intervention = next(
            (i for n, i in current.items() if "eerbaarheid" in n or "ongerenwerk" in n),
            next(iter(current.values())),
        )
        with story.dated(registration.case, today - timedelta(days=11)):
            services.add_case_intervention(
                actor=regisseur,
                case=registration.case,
                data=services.CaseInterventionData(
                    intervention=intervention,
                    executor=registration.organisation,
                    starts_on=today - timedelta(days=10),
                    status=CaseIntervention.Status.LOPEND,
                    shared_with_partners=True,
                ),
            )
    if not ChangeRequest.objects.exists():
        services.propose_change(
            actor=regisseur,
            proposal=services.Proposal(
                kind=ChangeRequest.Kind.ADD,
                name="Online weerbaarheidstraining voor ouders",
                domain="zorg",
                motivation="Ouders vragen in drie casussen om handvatten bij "
                "online contacten van hun kind; het huidige aanbod is alleen fysiek.",
            ),
        )
