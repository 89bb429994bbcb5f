"""The prune permit and the delete guard (ADR 0015).

The audit table stays append-only, except that ``regie audit prune`` may delete the prefix it
has archived, under a permit it writes in the same transaction as the checkpoint event. The
trigger SQL is ``immutability.install_v2``; going back restores version 1 (no delete at all).
"""

from typing import Any

from django.db import migrations, models

from regie.audit import immutability


def install(apps: Any, schema_editor: Any) -> None:
    immutability.install_v2(schema_editor.connection)


def restore_v1(apps: Any, schema_editor: Any) -> None:
    immutability.drop(schema_editor.connection)
    immutability.install_v1(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0007_auditevent_request_path"),
    ]

    operations = [
        migrations.CreateModel(
            name="PrunePermit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("bound", models.BigIntegerField(verbose_name="last archived event")),
                ("checkpoint_id", models.BigIntegerField(verbose_name="checkpoint event")),
            ],
            options={
                "verbose_name": "prune permit",
                "verbose_name_plural": "prune permits",
            },
        ),
        migrations.RunPython(install, restore_v1),
    ]
