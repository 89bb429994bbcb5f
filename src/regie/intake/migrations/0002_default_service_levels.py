"""The service levels a new installation starts with: five days at the Steunpunt, ten at the
Weegploeg (the beheerder changes them in the admin)."""

from typing import Any

from django.db import migrations

DEFAULTS = {"steunpunt": 5, "weegploeg": 10}


def install(apps: Any, schema_editor: Any) -> None:
    level = apps.get_model("intake", "ServiceLevel")
    for stage, days in DEFAULTS.items():
        level.objects.get_or_create(stage=stage, defaults={"days": days})


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
