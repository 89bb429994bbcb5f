"""Install the Woo grounds of article 5.1 and 5.2 (see regie.woo.defaults)."""

from typing import Any

from django.db import migrations

from regie.woo import defaults


def load(apps: Any, schema_editor: Any) -> None:
    defaults.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("woo", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
