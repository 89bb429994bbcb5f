"""The iPGA-R defaults: six themes, flags, closing reasons, journal categories and the 13 ZRM
life domains. All of them are configuration the functional administrator can change."""

from typing import Any

from django.db import migrations

THEMES = [
    "Islamitisch extremisme",
    "Rechtsextremisme",
    "Linksextremisme",
    "Overig politiek extremisme",
    "Dierenrechten- en milieu-extremisme",
    "Anti-overheidssentimenten",
]
FLAGS = [
    ("media", "Media-aandacht", True),
    ("familiebijeenkomst", "Familiebijeenkomst gewenst", False),
    ("veiligheidsrisico", "Veiligheidsrisico voor medewerkers", False),
]
CLOSING_REASONS = [
    "Doelen bereikt",
    "Overgedragen aan reguliere zorg",
    "Verhuisd buiten de regio",
    "Betrokkene werkt niet mee",
    "Detentie",
    "Overleden",
    "Overig",
]
CATEGORIES = ["Contact betrokkene", "Overleg partners", "Casusoverleg", "Informatie",
              "Interventie", "Overig"]
DOMAINS = [
    "Financiën", "Werk en opleiding", "Tijdsbesteding", "Huisvesting", "Huiselijke relaties",
    "Geestelijke gezondheid", "Lichamelijke gezondheid", "Middelengebruik",
    "Basale ADL", "Instrumentele ADL", "Sociaal netwerk", "Maatschappelijke participatie",
    "Justitie",
]


def load(apps: Any, schema_editor: Any) -> None:
    Theme = apps.get_model("cases", "Theme")
    FlagType = apps.get_model("cases", "FlagType")
    ClosingReason = apps.get_model("cases", "ClosingReason")
    JournalCategory = apps.get_model("cases", "JournalCategory")
    LifeDomain = apps.get_model("cases", "LifeDomain")
    for order, name in enumerate(THEMES):
        Theme.objects.get_or_create(name=name, defaults={"order": order})
    for code, name, protects in FLAGS:
        FlagType.objects.get_or_create(code=code, defaults={"name": name,
                                                            "raises_protection": protects})
    for name in CLOSING_REASONS:
        ClosingReason.objects.get_or_create(name=name)
    for name in CATEGORIES:
        JournalCategory.objects.get_or_create(name=name)
    for order, name in enumerate(DOMAINS):
        LifeDomain.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
