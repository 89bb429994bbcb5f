"""The information categories a registration can share; names are configuration, codes drive
the sharing rules (regie.partners.selectors)."""

from typing import Any

from django.db import migrations

CATEGORIES = [
    ("contact", "Contactgegevens regisseur", "Naam van de regisseur als aanspreekpunt"),
    ("identity", "Identificatie", "Geboortedatum en BSN van de betrokkene"),
    ("phase", "Fase", "De fase van de casus"),
    ("theme", "Thema", "Het thema van de casus"),
    ("interventions", "Afgesproken interventies", "Interventies die met de partner zijn gedeeld"),
    ("journal", "Geselecteerde journaalposten", "Journaalposten die met de partner zijn gedeeld"),
    ("zrm", "ZRM-scores", "Zelfredzaamheidsmetingen"),
]


def load(apps: Any, schema_editor: Any) -> None:
    InformationCategory = apps.get_model("partners", "InformationCategory")
    for order, (code, name, description) in enumerate(CATEGORIES):
        InformationCategory.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
