"""The iPGA-R default configuration: six themes, flags, closing reasons, journal categories and
the 13 ZRM life domains. Loaded by migration 0002 (through the historical models) and by tests
that need it after a transactional flush. All of it is editable configuration."""

from collections.abc import Callable
from typing import Any

THEMES = [
    "Islamitisch extremisme",
    "Rechtsextremisme",
    "Linksextremisme",
    "Overig politiek extremisme",
    "Dierenrechten- en milieu-extremisme",
    "Anti-overheidssentimenten",
]
# The third value: the flag hides staff names outside the regie team (``raises_protection``).
# Both the media flag and the safety flag do (issue 10: staff at risk from the person).
FLAGS = [
    ("media", "Media-aandacht", True),
    ("familiebijeenkomst", "Familiebijeenkomst gewenst", False),
    ("veiligheidsrisico", "Veiligheidsrisico voor medewerkers", True),
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
CATEGORIES = [
    "Contact betrokkene",
    "Overleg partners",
    "Casusoverleg",
    "Informatie",
    "Interventie",
    "Overig",
]
DOMAINS = [
    "Financiën",
    "Werk en opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
]


def load(get_model: Callable[[str, str], Any]) -> None:
    Theme = get_model("cases", "Theme")
    FlagType = get_model("cases", "FlagType")
    ClosingReason = get_model("cases", "ClosingReason")
    JournalCategory = get_model("cases", "JournalCategory")
    LifeDomain = get_model("cases", "LifeDomain")
    for order, name in enumerate(THEMES):
        Theme.objects.get_or_create(name=name, defaults={"order": order})
    for code, name, protects in FLAGS:
        FlagType.objects.get_or_create(
            code=code, defaults={"name": name, "raises_protection": protects}
        )
    for name in CLOSING_REASONS:
        ClosingReason.objects.get_or_create(name=name)
    for name in CATEGORIES:
        JournalCategory.objects.get_or_create(name=name)
    for order, name in enumerate(DOMAINS):
        LifeDomain.objects.get_or_create(name=name, defaults={"order": order})
