"""The current interventiepallet, "Basispallet 2026": about 25 interventions across care, safety
and both. Loaded by migration 0002 (through the historical models) and by tests that need it
after a transactional flush. Names and descriptions are data (Dutch); the yearly review falls a
year after the pallet is installed."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

NAME = "Basispallet 2026"

# (name, domain, typical executing partner kind, description)
INTERVENTIONS = [
    (
        "Mentortraject",
        "zorg",
        "welzijn",
        "Een vaste mentor die de betrokkene wekelijks ziet en helpt bij school, werk en "
        "vrije tijd.",
    ),
    (
        "Exitbegeleiding",
        "beide",
        "reclassering",
        "Begeleiding bij het loskomen van een extremistische groep of netwerk, met aandacht voor "
        "veiligheid, identiteit en een nieuw sociaal netwerk.",
    ),
    (
        "Gezinscoaching",
        "zorg",
        "jeugdzorg",
        "Praktische ondersteuning van het hele gezin bij opvoeding, structuur en onderlinge "
        "communicatie.",
    ),
    (
        "Schuldhulpverlening",
        "zorg",
        "gemeente",
        "Stabilisatie van de financiële situatie, een budgetplan en waar nodig een schuldregeling.",
    ),
    (
        "Dagbesteding",
        "zorg",
        "welzijn",
        "Een zinvolle en gestructureerde dagbesteding, als opstap naar scholing of werk.",
    ),
    (
        "Leerwerktraject",
        "zorg",
        "onderwijs",
        "Leren en werken gecombineerd, met een erkend diploma of certificaat als doel.",
    ),
    (
        "GGZ-behandeling",
        "zorg",
        "other",
        "Diagnostiek en behandeling door de geestelijke gezondheidszorg, na verwijzing.",
    ),
    (
        "Bemoeizorg (OGGZ)",
        "zorg",
        "ggd",
        "Outreachende zorg voor wie zelf geen hulp zoekt maar die wel nodig heeft.",
    ),
    (
        "Verslavingszorg",
        "zorg",
        "other",
        "Ambulante of klinische behandeling van verslaving aan middelen of gokken.",
    ),
    (
        "Woonbegeleiding",
        "zorg",
        "welzijn",
        "Ambulante begeleiding bij zelfstandig wonen: huishouden, post, contact met buren.",
    ),
    (
        "Huisvesting via urgentie",
        "zorg",
        "woningcorporatie",
        "Passende woonruimte via een urgentieverklaring of een afspraak met de corporatie.",
    ),
    (
        "Maatschappelijk werk",
        "zorg",
        "welzijn",
        "Algemene hulp bij praktische en psychosociale problemen.",
    ),
    (
        "Toeleiding naar werk",
        "zorg",
        "gemeente",
        "Begeleiding naar betaald werk, een werkervaringsplek of vrijwilligerswerk.",
    ),
    (
        "Onderwijsbegeleiding",
        "zorg",
        "onderwijs",
        "Begeleiding om schooluitval te voorkomen of terugkeer naar school te regelen, met de "
        "leerplichtambtenaar.",
    ),
    (
        "Jeugdhulp",
        "zorg",
        "jeugdzorg",
        "Hulp voor jeugdigen en ouders op grond van de Jeugdwet, via het lokale team.",
    ),
    (
        "Gesprek met sleutelfiguur of imam",
        "beide",
        "other",
        "Een gesprek met een vertrouwde sleutelfiguur uit de gemeenschap of een imam, gericht "
        "op binding en tegenspraak.",
    ),
    (
        "Theologisch gesprek",
        "beide",
        "other",
        "Gesprekken met een theoloog over religieuze vragen en extremistische interpretaties.",
    ),
    (
        "Familiebijeenkomst",
        "beide",
        "welzijn",
        "Een bijeenkomst met familie en netwerk om zorgen te delen en afspraken te maken.",
    ),
    (
        "Ondersteuning naasten",
        "zorg",
        "welzijn",
        "Steun en advies voor ouders, partners en andere naasten van de betrokkene.",
    ),
    (
        "Weerbaarheidstraining",
        "beide",
        "welzijn",
        "Training in weerbaarheid, kritisch denken en omgaan met beïnvloeding en groepsdruk.",
    ),
    (
        "Stopgesprek",
        "veiligheid",
        "politie",
        "Een gesprek waarin de betrokkene wordt gewezen op zorgelijk gedrag en de gevolgen "
        "daarvan.",
    ),
    (
        "Vrijwillig contact wijkagent",
        "veiligheid",
        "politie",
        "Regelmatig, vrijwillig contact met de wijkagent als aanspreekpunt.",
    ),
    (
        "Persoonsgerichte aanpak politie",
        "veiligheid",
        "politie",
        "Een politieaanpak die op de persoon is gericht, afgestemd met het casusoverleg.",
    ),
    (
        "Reclasseringstoezicht",
        "veiligheid",
        "reclassering",
        "Toezicht op bijzondere voorwaarden bij een (voorwaardelijke) straf of schorsing.",
    ),
    (
        "Meldplicht",
        "veiligheid",
        "politie",
        "De betrokkene meldt zich op vaste tijden, als bijzondere voorwaarde of bestuurlijke "
        "maatregel.",
    ),
    (
        "Gebiedsverbod",
        "veiligheid",
        "gemeente",
        "Een verbod om in een bepaald gebied te komen, opgelegd door de burgemeester of als "
        "voorwaarde.",
    ),
    (
        "Advies paspoortmaatregel",
        "veiligheid",
        "gemeente",
        "Advies over het weigeren of vervallen verklaren van het paspoort bij uitreisrisico.",
    ),
    (
        "Afstemming strafrechtelijk traject",
        "veiligheid",
        "om",
        "Afstemming met het Openbaar Ministerie over vervolging, voorwaarden en zorg in het "
        "strafrecht.",
    ),
]


def _year_on(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def load(get_model: Callable[[str, str], Any]) -> None:
    CatalogueVersion = get_model("interventions", "CatalogueVersion")
    Intervention = get_model("interventions", "Intervention")
    if CatalogueVersion.objects.exists():
        return  # a pallet is in place; its versions are never rewritten
    now = timezone.now()
    version = CatalogueVersion.objects.create(
        name=NAME,
        status="current",
        published_at=now,
        review_on=_year_on(timezone.localdate(now)),
    )
    Intervention.objects.bulk_create(
        Intervention(
            version=version,
            lineage=slugify(name),
            name=name,
            domain=domain,
            typical_partner_kind=kind,
            description=description,
        )
        for name, domain, kind, description in INTERVENTIONS
    )
