"""Demo covenant: signed organisations and registrations in every state, so the partner
screens have something to show (fictional data)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.cases import services as cases
from regie.cases.models import Case, JournalCategory, Phase
from regie.demo import story
from regie.organisations.models import Organisation
from regie.partners import services
from regie.partners.models import InformationCategory, Registration

SIGNED = [
    "Stadsdeel Noord",
    "Stadsdeel Oost",
    "Stadsdeel Nieuw-West",
    "Stadsdeel Zuidoost",
    "GGD Amsterdam",
    "Scholengroep Het IJ (fictief)",
    "Jeugdhulp Amstelland (fictief)",
    "Welzijn Noord (fictief)",
]


@transaction.atomic
def load(teamleider: User, regisseur: User) -> None:
    if Registration.objects.exists():
        return
    Organisation.objects.filter(name__in=SIGNED).update(
        covenant_signed_on=date(2021, 6, 15), covenant_document="Convenant iPGA-R 2021"
    )
    own = list(
        Case.objects.filter(regisseur=regisseur, phase__in=[Phase.REGIE, Phase.NAZORG]).order_by(
            "number"
        )[:3]
    )
    if len(own) < 3:
        return
    today = timezone.localdate()
    noord = Organisation.objects.get(name="Stadsdeel Noord")
    school = Organisation.objects.get(name="Scholengroep Het IJ (fictief)")
    welzijn = Organisation.objects.get(name="Welzijn Noord (fictief)")
    categories = {c.code: c for c in InformationCategory.objects.all()}

    def register(
        case: Case, organisation: Organisation, codes: list[str], purpose: str
    ) -> Registration:
        with story.dated(case, today - timedelta(days=31)):
            return services.register(
                actor=regisseur,
                case=case,
                data=services.RegistrationData(
                    organisation=organisation,
                    purpose=purpose,
                    categories=[categories[c] for c in codes if c in categories],
                    starts_on=today - timedelta(days=30),
                    ends_on=today + timedelta(days=150),
                    contact_name="Contactpersoon " + organisation.name.split(" (")[0],
                ),
            )

    active = register(
        own[0],
        noord,
        ["phase", "journal", "contact", "interventions"],
        "Borging en nazorg in de wijk na afronding van het traject.",
    )
    with story.dated(own[0], today - timedelta(days=30)):
        services.approve(actor=teamleider, registration=active, note="Akkoord, need-to-know.")
    category = JournalCategory.objects.order_by("name").first()
    if category is not None:
        with story.dated(own[0], today - timedelta(days=7)):
            cases.add_journal_entry(
                actor=regisseur,
                case=own[0],
                occurred_on=today - timedelta(days=7),
                category=category,
                visibility="partners",
                shared_with=[noord],
                text="Afgesproken dat het stadsdeel helpt bij het vinden van vrijwilligerswerk.",
            )
    school_active = register(
        own[1],
        school,
        ["phase", "journal"],
        "Begeleiding op school en contact met de zorgcoördinator.",
    )
    with story.dated(own[1], today - timedelta(days=30)):
        services.approve(actor=teamleider, registration=school_active)
    register(own[2], welzijn, ["phase"], "Inzet jongerenwerk in de buurt.")  # still requested
    ended = register(own[1], welzijn, ["phase"], "Eenmalige inzet buurtbemiddeling.")
    with story.dated(own[1], today - timedelta(days=30)):
        services.approve(actor=teamleider, registration=ended)
    with story.dated(own[1], today - timedelta(days=3)):
        services.end(actor=regisseur, registration=ended, reason="Buurtbemiddeling afgerond.")
