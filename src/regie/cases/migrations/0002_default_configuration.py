"""Load the iPGA-R default configuration (see regie.cases.defaults)."""

from typing import Any

from django.db import migrations

from regie.cases import defaults


def load(apps: Any, schema_editor: Any) -> None:
    defaults.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
