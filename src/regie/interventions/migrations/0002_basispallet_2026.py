"""Load the current pallet, "Basispallet 2026" (see regie.interventions.defaults)."""

from typing import Any

from django.db import migrations

from regie.interventions import defaults


def load(apps: Any, schema_editor: Any) -> None:
    defaults.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("interventions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
